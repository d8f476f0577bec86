/** Annotation for Node tools: the extension's matcher over plain text or an HTML file's extracted text. */
import { Window } from 'happy-dom';
import type { EntityRecord } from '../../utils/dataset/schema';
import { collectPageSegments } from '../../utils/dom/segments';
import { annotateTexts, splitBlocks, type NameIndex } from '../../utils/matcher';

export interface CliMention {
  start: number;
  end: number;
  text: string;
  entityId: string;
  label: string;
  type: string;
  wikipedia: string | null;
  wikidata: string | null;
  confidence: number;
}

export function annotatePlain(index: NameIndex, records: Map<string, EntityRecord>, text: string): CliMention[] {
  const blocks = splitBlocks(text);
  return annotateTexts(index, blocks.map((b) => b.text)).map((m) => {
    const e = index.entity(m.entity);
    const r = records.get(e.id);
    const start = blocks[m.seg]!.start + m.start;
    const end = blocks[m.seg]!.start + m.end;
    return { start, end, text: text.slice(start, end), entityId: e.id, label: e.label, type: e.type, wikipedia: r?.wikipedia ?? null, wikidata: r?.wikidata ?? null, confidence: m.confidence };
  });
}

/** The text the extension would read from an HTML page: its segments, joined by blank lines. */
export function extractHtmlText(html: string): string {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  window.document.write(html);
  const segments = collectPageSegments(window.document as unknown as Document);
  const text = segments.map((s) => s.text).join('\n\n');
  void window.happyDOM.close();
  return text;
}
