/**
 * Library exports as text pieces (a Blob is assembled from them by the
 * library page, so a large library never becomes one giant string):
 * - JSON: lossless and versioned, re-importable (utils/library/import.ts);
 * - CSV: one row per page for spreadsheets, formula-safe;
 * - Markdown: a readable list; page text is escaped so that markup in a
 *   title or note shows as the characters it is, never as HTML.
 */
import type { SavedPage } from '../pages';
import { csvRow } from './csv';
import { EXPORT_FORMAT, EXPORT_VERSION } from './schema';

export type ExportKind = 'json' | 'csv' | 'markdown';

export const EXPORT_MIME: Record<ExportKind, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  markdown: 'text/markdown;charset=utf-8',
};

export function exportFileName(kind: ExportKind, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  return `dossier-library-${day}.${kind === 'markdown' ? 'md' : kind}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

// --- JSON ---

export function jsonStart(exportedAt: Date): string {
  return `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(exportedAt.toISOString())},"pages":[\n`;
}

/** One page as JSON: exactly the stored fields, so an import gives the same page back. */
export function jsonPage(p: SavedPage, first: boolean): string {
  const page: SavedPage = {
    url: p.url, title: p.title, site: p.site,
    ...(p.byline !== undefined ? { byline: p.byline } : {}),
    ...(p.publishedTime !== undefined ? { publishedTime: p.publishedTime } : {}),
    savedAt: p.savedAt, excerpt: p.excerpt, text: p.text,
    entities: p.entities.map((e) => ({ id: e.id, label: e.label, type: e.type, count: e.count })),
    tags: p.tags, note: p.note,
  };
  return (first ? '' : ',\n') + JSON.stringify(page);
}

export const JSON_END = '\n]}\n';

export function toJson(pages: SavedPage[], exportedAt: Date): string {
  return jsonStart(exportedAt) + pages.map((p, i) => jsonPage(p, i === 0)).join('') + JSON_END;
}

// --- CSV ---

export const CSV_COLUMNS = ['url', 'title', 'site', 'byline', 'published', 'saved', 'tags', 'note', 'excerpt', 'entities'];

export function csvStart(): string {
  return '\ufeff' + csvRow(CSV_COLUMNS); // the BOM makes spreadsheets read UTF-8 as UTF-8
}

export function csvPage(p: SavedPage): string {
  return csvRow([
    p.url, p.title, p.site, p.byline, p.publishedTime, iso(p.savedAt), p.tags.join('; '), p.note, p.excerpt,
    p.entities.map((e) => e.label).join('; '),
  ]);
}

// --- Markdown ---

/** Text that Markdown renders as exactly these characters. */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#!|~])/g, '\\$1');
}

/** A line that starts like a heading, list, quote or rule must not become one. */
function mdLine(line: string): string {
  return mdText(line).replace(/^(\s*)([-+])(\s|$)/, '$1\\$2$3').replace(/^(\s*)(\d+)\.(\s|$)/, '$1$2\\.$3');
}

/** A link destination in <…>: only http(s), and nothing that could end it early. */
function mdUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
  } catch { return null; }
}

export function markdownStart(count: number, exportedAt: Date): string {
  return `# Dossier library\n\n${count} saved ${count === 1 ? 'page' : 'pages'}, exported ${iso(exportedAt.getTime())}.\n\n`;
}

export function markdownPage(p: SavedPage): string {
  const title = mdText(p.title || p.url);
  const url = mdUrl(p.url);
  const lines = [`## ${url ? `[${title}](<${url}>)` : title}`, ''];
  const meta = [p.site, p.byline, p.publishedTime ? `published ${p.publishedTime}` : undefined, `saved ${iso(p.savedAt)}`]
    .filter((x): x is string => !!x).map(mdText);
  lines.push(meta.join(' · '), '');
  if (p.tags.length) lines.push(`Tags: ${p.tags.map(mdText).join(', ')}`, '');
  if (p.entities.length) lines.push(`Mentions: ${p.entities.slice(0, 30).map((e) => mdText(e.label)).join(', ')}`, '');
  if (p.excerpt) lines.push(mdLine(p.excerpt), '');
  if (p.note) {
    for (const l of p.note.split(/\r?\n/)) lines.push(`> ${mdLine(l)}`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}
