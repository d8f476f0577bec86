/**
 * Export and import for the library page. Exports are assembled from slices
 * the background sends (a few hundred pages each) into a Blob and
 * downloaded through a link: no `downloads` permission, nothing leaves the
 * machine. Imports are read here and sent in pieces; the background parses,
 * validates and writes them in one transaction.
 */
import { askBackground } from '@/utils/client';
import {
  csvPage, csvStart, EXPORT_MIME, exportFileName, JSON_END, jsonPage, jsonStart, markdownPage, markdownStart, type ExportKind,
} from '@/utils/library/export';
import type { ImportReport } from '@/utils/library/types';

const SLICE = 200;
const CHUNK = 4 * 1024 * 1024;

/** Builds the export file; `urls` limits it to a selection. Returns how many pages it holds. */
export async function buildExport(kind: ExportKind, urls: string[] | undefined, onProgress?: (done: number, total: number) => void): Promise<{ blob: Blob; name: string; count: number }> {
  const date = new Date();
  const parts: string[] = [];
  let offset = 0;
  let total = Infinity;
  while (offset < total) {
    const { pages, total: t } = await askBackground('exportPages', { urls, offset, limit: SLICE });
    if (offset === 0) {
      total = t;
      parts.push(kind === 'json' ? jsonStart(date) : kind === 'csv' ? csvStart() : markdownStart(t, date));
    }
    if (pages.length === 0) break;
    pages.forEach((p, i) => parts.push(kind === 'json' ? jsonPage(p, offset + i === 0) : kind === 'csv' ? csvPage(p) : markdownPage(p)));
    offset += SLICE;
    onProgress?.(Math.min(offset, total), total);
  }
  if (kind === 'json') parts.push(JSON_END);
  return { blob: new Blob(parts, { type: EXPORT_MIME[kind] }), name: exportFileName(kind, date), count: Math.min(offset, total) };
}

export function download(blob: Blob, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Firefox starts the download asynchronously: keep the URL alive a while.
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

export async function importFile(file: File): Promise<ImportReport> {
  const text = await file.text();
  const { uploadId } = await askBackground('importStart', {});
  for (let seq = 0, at = 0; at < text.length || seq === 0; seq++, at += CHUNK) {
    await askBackground('importChunk', { uploadId, seq, data: text.slice(at, at + CHUNK) });
  }
  return askBackground('importFinish', { uploadId, format: 'auto' });
}
