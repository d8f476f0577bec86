/**
 * Reading an import file: our JSON export, or a Pocket CSV export
 * (title,url,time_added,tags[,status]). Everything is parsed and validated
 * here, before the database is touched; any error is a message a reader can
 * act on, and the import then changes nothing.
 */
import * as v from 'valibot';
import type { SavedPage } from '../pages';
import { CsvError, parseCsv } from './csv';
import { describeIssues, EXPORT_FORMAT, ExportFileSchema, MAX_IMPORT_BYTES, MAX_IMPORT_PAGES, SavedPageSchema } from './schema';

export type ImportFormat = 'json' | 'pocket';

export class ImportError extends Error {}

export interface ParsedImport {
  format: ImportFormat;
  pages: SavedPage[];
  /**
   * 'newest': a page replaces the saved one with the same URL if it was saved later (our JSON).
   * 'keep': only URLs not yet saved are added — a Pocket row has no text or entities and must
   * not replace a page Dossier saved in full.
   */
  mode: 'newest' | 'keep';
  /** Rows left out before the merge (Pocket rows whose address is not a web page; duplicates). */
  skipped: number;
}

/** Our exports are JSON objects; anything else is taken for CSV. */
export function detectFormat(text: string): ImportFormat {
  return /^\ufeff?\s*[{[]/.test(text) ? 'json' : 'pocket';
}

/** One page per URL: the most recently saved wins. */
function dedupe(pages: SavedPage[]): { pages: SavedPage[]; dropped: number } {
  const byUrl = new Map<string, SavedPage>();
  for (const p of pages) {
    const seen = byUrl.get(p.url);
    if (!seen || p.savedAt > seen.savedAt) byUrl.set(p.url, p);
  }
  return { pages: [...byUrl.values()], dropped: pages.length - byUrl.size };
}

function parseJsonExport(text: string): ParsedImport {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new ImportError(`This file is not valid JSON — it may be truncated or damaged (${err instanceof Error ? err.message : String(err)}).`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ImportError('This is not a Dossier library export: expected a JSON object with "format" and "pages".');
  if ((data as { format?: unknown }).format !== EXPORT_FORMAT) throw new ImportError(`This is not a Dossier library export: its "format" is not "${EXPORT_FORMAT}".`);
  const r = v.safeParse(ExportFileSchema, data);
  if (!r.success) throw new ImportError(`This file cannot be imported: ${describeIssues(r.issues)}.`);
  const { pages, dropped } = dedupe(r.output.pages as SavedPage[]);
  return { format: 'json', pages, mode: 'newest', skipped: dropped };
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^www\./, '');

function parsePocket(text: string): ParsedImport {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw new ImportError(`This CSV file cannot be read: ${err.message}.`);
    throw err;
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [iUrl, iTime, iTitle, iTags] = [col('url'), col('time_added'), col('title'), col('tags')];
  if (iUrl < 0 || iTime < 0) throw new ImportError('This is neither a Dossier export nor a Pocket export: a Pocket CSV starts with the columns title,url,time_added,tags.');
  if (rows.length > MAX_IMPORT_PAGES) throw new ImportError(`This file has more than ${MAX_IMPORT_PAGES} rows.`);
  const pages: SavedPage[] = [];
  let skipped = 0;
  rows.forEach((cells, i) => {
    const line = i + 2; // 1-based, after the header
    if (cells.length < Math.max(iUrl, iTime) + 1) throw new ImportError(`Row ${line} has ${cells.length} fields; the header names ${header.length}. Is the file truncated?`);
    const url = cells[iUrl]!.trim();
    const time = cells[iTime]!.trim();
    if (!/^\d{1,12}$/.test(time)) throw new ImportError(`Row ${line}: time_added should be seconds since 1970, not ${JSON.stringify(time.slice(0, 40))}.`);
    let site: string;
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('not web');
      site = hostOf(url);
    } catch {
      skipped++; // e.g. about:reader or app links: nothing a browser tab could open
      return;
    }
    const tags = iTags >= 0 ? [...new Set((cells[iTags] ?? '').split(/[|,]/).map((t) => t.trim()).filter(Boolean))] : [];
    const candidate = {
      url, title: (iTitle >= 0 ? cells[iTitle] ?? '' : '').trim().slice(0, 2000) || url, site,
      savedAt: Number(time) * 1000, excerpt: '', text: '', entities: [], tags: tags.map((t) => t.slice(0, 100)).slice(0, 50), note: '',
    };
    const r = v.safeParse(SavedPageSchema, candidate);
    if (!r.success) throw new ImportError(`Row ${line}: ${describeIssues(r.issues)}.`);
    pages.push(r.output as SavedPage);
  });
  const { pages: unique, dropped } = dedupe(pages);
  return { format: 'pocket', pages: unique, mode: 'keep', skipped: skipped + dropped };
}

export function parseImport(text: string, format: ImportFormat | 'auto' = 'auto'): ParsedImport {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError('This file is too large to import.');
  if (text.trim() === '') throw new ImportError('This file is empty.');
  const kind = format === 'auto' ? detectFormat(text) : format;
  return kind === 'json' ? parseJsonExport(text) : parsePocket(text);
}
