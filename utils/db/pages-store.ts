/**
 * Saved pages in IndexedDB: one record per canonical URL (re-saving updates
 * it); the article text lives in its own table so lists and filters never
 * read it. Every write bumps the pages counter and stamps the rows it wrote
 * with it (`rev`), in the same transaction, so the search index can find
 * what changed since its snapshot.
 */
import type { SavedPage, SavePageInput } from '../pages';
import { PAGES_REV_KEY, type DossierDb, type SearchIndexRow, type StoredPage } from './database';

/** A saved page without its text (what lists, filters and the popover need). */
export type PageRecord = Omit<SavedPage, 'text'>;

export function toRecord({ entityIds: _ids, rev: _rev, ...page }: StoredPage): PageRecord {
  return page;
}

function toRow(page: SavedPage, rev: number): StoredPage {
  const { text: _text, ...rest } = page;
  return { ...rest, entityIds: [...new Set(page.entities.map((e) => e.id))], rev };
}

/** Reserves `count` revisions; call inside a rw transaction that includes meta. */
async function takeRevs(db: DossierDb, count: number): Promise<number> {
  const current = Number((await db.meta.get(PAGES_REV_KEY))?.value ?? 0);
  await db.meta.put({ key: PAGES_REV_KEY, value: current + count });
  return current + 1;
}

export async function readRev(db: DossierDb): Promise<number> {
  return Number((await db.meta.get(PAGES_REV_KEY))?.value ?? 0);
}

export interface WriteResult { page: SavedPage; row: StoredPage; created: boolean }

export async function writePage(db: DossierDb, input: SavePageInput, now = Date.now()): Promise<WriteResult> {
  return db.transaction('rw', [db.pages, db.pageTexts, db.meta], async () => {
    const existing = await db.pages.get(input.url);
    const page: SavedPage = {
      ...input,
      savedAt: now,
      // A re-save keeps what the reader wrote unless new values are given.
      tags: input.tags ?? existing?.tags ?? [],
      note: input.note ?? existing?.note ?? '',
    };
    const row = toRow(page, await takeRevs(db, 1));
    await db.pages.put(row);
    await db.pageTexts.put({ url: page.url, text: page.text });
    return { page, row, created: !existing };
  });
}

export async function savePage(db: DossierDb, input: SavePageInput, now = Date.now()): Promise<SavedPage> {
  return (await writePage(db, input, now)).page;
}

async function withTexts(db: DossierDb, rows: StoredPage[]): Promise<SavedPage[]> {
  const texts = await db.pageTexts.bulkGet(rows.map((r) => r.url));
  return rows.map((r, i) => ({ ...toRecord(r), text: texts[i]?.text ?? '' }));
}

/** Every saved page with its text, newest first. */
export async function listPages(db: DossierDb): Promise<SavedPage[]> {
  return withTexts(db, await db.pages.orderBy('savedAt').reverse().toArray());
}

/** Every page row, without texts (the library catalog). */
export function listRows(db: DossierDb): Promise<StoredPage[]> {
  return db.pages.toArray();
}

/** Every saved URL (keys only: no rows are read). */
export async function listUrls(db: DossierDb): Promise<string[]> {
  return (await db.pages.toCollection().primaryKeys()) as string[];
}

export function rowsSince(db: DossierDb, rev: number): Promise<StoredPage[]> {
  return db.pages.where('rev').above(rev).toArray();
}

export async function getTexts(db: DossierDb, urls: string[]): Promise<string[]> {
  return (await db.pageTexts.bulkGet(urls)).map((t) => t?.text ?? '');
}

/** Full pages for these URLs, in the order given; unknown URLs are left out. */
export async function getPages(db: DossierDb, urls: string[]): Promise<SavedPage[]> {
  const rows = (await db.pages.bulkGet(urls)).filter((r): r is StoredPage => r !== undefined);
  return withTexts(db, rows);
}

export async function deletePage(db: DossierDb, url: string): Promise<boolean> {
  return (await deletePages(db, [url])).length > 0;
}

/** Deletes pages and returns them whole (text included), so the reader can undo. */
export async function deletePages(db: DossierDb, urls: string[]): Promise<SavedPage[]> {
  return db.transaction('rw', [db.pages, db.pageTexts, db.meta], async () => {
    const removed = await getPages(db, urls);
    await db.pages.bulkDelete(removed.map((p) => p.url));
    await db.pageTexts.bulkDelete(removed.map((p) => p.url));
    if (removed.length) await takeRevs(db, 1);
    return removed;
  });
}

/** The reader's own fields; undefined leaves a field as it is. */
export async function updatePage(db: DossierDb, url: string, patch: { tags?: string[]; note?: string }): Promise<StoredPage | undefined> {
  return db.transaction('rw', [db.pages, db.meta], async () => {
    const row = await db.pages.get(url);
    if (!row) return undefined;
    const next: StoredPage = { ...row, tags: patch.tags ?? row.tags, note: patch.note ?? row.note, rev: await takeRevs(db, 1) };
    await db.pages.put(next);
    return next;
  });
}

export interface MergeReport { added: number; updated: number; skipped: number }

/**
 * Writes pages in one transaction: an error anywhere leaves the library as
 * it was. `mode` 'newest' merges by canonical URL (a page replaces the
 * stored one only if it was saved later), 'keep' adds only URLs not yet
 * saved, 'replace' writes everything (undo of a delete).
 */
export async function putPages(db: DossierDb, pages: SavedPage[], mode: 'newest' | 'keep' | 'replace'): Promise<MergeReport & { rows: StoredPage[] }> {
  return db.transaction('rw', [db.pages, db.pageTexts, db.meta], async () => {
    const existing = await db.pages.bulkGet(pages.map((p) => p.url));
    const report: MergeReport = { added: 0, updated: 0, skipped: 0 };
    const chosen: SavedPage[] = [];
    pages.forEach((p, i) => {
      const old = existing[i];
      if (!old) { report.added++; chosen.push(p); return; }
      if (mode === 'replace' || (mode === 'newest' && p.savedAt > old.savedAt)) { report.updated++; chosen.push(p); return; }
      report.skipped++;
    });
    if (chosen.length === 0) return { ...report, rows: [] };
    const first = await takeRevs(db, chosen.length);
    const rows = chosen.map((p, i) => toRow(p, first + i));
    await db.pages.bulkPut(rows);
    await db.pageTexts.bulkPut(chosen.map((p) => ({ url: p.url, text: p.text })));
    return { ...report, rows };
  });
}

/** Saved pages that mention an entity, newest first. */
export async function pagesMentioning(db: DossierDb, entityId: string, limit = 5): Promise<PageRecord[]> {
  const rows = await db.pages.where('entityIds').equals(entityId).toArray();
  return rows.sort((a, b) => b.savedAt - a.savedAt).slice(0, limit).map(toRecord);
}

// --- the persisted search index (opaque rows written and read by the library service) ---

export function readSearchSnapshot(db: DossierDb): Promise<SearchIndexRow[]> {
  return db.searchIndex.toArray();
}

export async function writeSearchSnapshot(db: DossierDb, rows: SearchIndexRow[]): Promise<void> {
  await db.transaction('rw', db.searchIndex, async () => {
    await db.searchIndex.clear();
    await db.searchIndex.bulkPut(rows);
  });
}
