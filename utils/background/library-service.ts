/**
 * The library in the background: every read and write of saved pages goes
 * through here, so the in-memory catalog (filters, facets) and the search
 * index can never drift from the database.
 *
 * Where the index lives, and why: the background owns the data and every
 * write already passes through it, so it updates the index in the same step
 * that writes the page. The library page asks for one slice of results and
 * never holds the library (10k pages with their texts are ~40–60 MB: too
 * much to ship to a page each time it opens). The background loads the
 * catalog and the index lazily, on the first library query, from a snapshot
 * of the index kept in IndexedDB (importing it takes a fraction of building
 * it); pages written since the snapshot (rev above its rev) are indexed on
 * top, pages gone since are dropped. The state is let go after a few idle
 * minutes (Firefox keeps its background page alive; Chrome ends the worker).
 */
import type { EntityType } from '../dataset/schema';
import type { DossierDb, StoredPage } from '../db/database';
import {
  deletePages, getPages, getTexts, listRows, listUrls, putPages, readRev, readSearchSnapshot, rowsSince, toRecord, updatePage,
  writePage, writeSearchSnapshot, type MergeReport,
} from '../db/pages-store';
import { whenStorageFull } from '../db/storage-full';
import { Catalog } from '../library/catalog';
import type { ParsedImport } from '../library/import';
import { runQuery } from '../library/query';
import { SearchIndex, SNAPSHOT_FORMAT, type IndexDoc } from '../library/search-index';
import type { EntityOverview, LibraryQuery, LibraryRecord, LibraryResult, PageSummary } from '../library/types';
import type { SavedPage, SavePageInput } from '../pages';

interface State { catalog: Catalog; index: SearchIndex; rev: number; unsaved: number }
interface SnapshotMeta { format: string; rev: number; slots: number }
/** Catalog records are kept in the snapshot too, as JSON strings of this many slots each. */
const CATALOG_CHUNK = 1000;

export interface LibraryServiceOptions {
  now?: () => number;
  /** Let the in-memory state go after this long without library use (ms). */
  idleMs?: number;
  /** Rewrite the index snapshot once this many pages changed since the last one. */
  snapshotAfter?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

const BATCH = 250;

function indexDoc(rec: LibraryRecord, text: string): IndexDoc {
  return {
    title: rec.title, tags: rec.tags, note: rec.note, text,
    meta: [rec.byline ?? '', rec.site, ...rec.entities.map((e) => e.label)].join(' '),
  };
}

export class LibraryService {
  private state: State | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: unknown;
  private readonly opts: Required<Omit<LibraryServiceOptions, 'now'>> & { now: () => number };

  constructor(private readonly db: DossierDb, options: LibraryServiceOptions = {}) {
    this.opts = {
      now: options.now ?? Date.now,
      idleMs: options.idleMs ?? 5 * 60_000,
      snapshotAfter: options.snapshotAfter ?? 100,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)),
    };
  }

  /** One operation at a time: a save arriving during a load waits for it, then applies on top. */
  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => {});
    return next;
  }

  get loaded(): boolean { return this.state !== null; }

  // --- loading ---

  private async ensure(): Promise<State> {
    this.touch();
    if (!this.state) this.state = await this.load();
    return this.state;
  }

  private touch(): void {
    if (this.idleTimer !== undefined) this.opts.clearTimer(this.idleTimer);
    this.idleTimer = this.opts.setTimer(() => void this.run(() => this.release()), this.opts.idleMs);
  }

  private async release(): Promise<void> {
    if (this.state && this.state.unsaved > 0) await this.snapshot(this.state);
    this.state = null;
  }

  private async indexRows(state: State, rows: StoredPage[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      const texts = await getTexts(this.db, batch.map((r) => r.url));
      batch.forEach((row, j) => {
        const rec = toRecord(row);
        state.index.add(state.catalog.upsert(rec), indexDoc(rec, texts[j]!));
      });
    }
  }

  /**
   * From the snapshot when there is a usable one: its catalog records and
   * index, minus pages deleted since, plus pages written since (rev above
   * its rev), which are read and indexed on top. Reading a few large strings
   * is far cheaper than reading 10k page rows.
   */
  private async fromSnapshot(snap: { key: string; value: unknown }[], rev: number): Promise<State | null> {
    const meta = snap.find((r) => r.key === 'meta')?.value as SnapshotMeta | undefined;
    if (!meta || meta.format !== SNAPSHOT_FORMAT || typeof meta.slots !== 'number') return null;
    const [urls, changed] = await Promise.all([listUrls(this.db), rowsSince(this.db, meta.rev)]);
    const live = new Set(urls);
    const changedUrls = new Set(changed.map((r) => r.url));
    const state: State = { catalog: new Catalog(), index: SearchIndex.fromRows(snap.filter((r) => !r.key.startsWith('catalog:') && r.key !== 'meta')), rev, unsaved: 0 };
    for (let k = 0; k * CATALOG_CHUNK < meta.slots; k++) {
      const chunk = JSON.parse(String(snap.find((r) => r.key === `catalog:${k}`)?.value ?? '[]')) as (LibraryRecord | null)[];
      chunk.forEach((rec, i) => {
        const slot = k * CATALOG_CHUNK + i;
        if (rec && live.has(rec.url) && !changedUrls.has(rec.url)) state.catalog.upsert(rec, slot);
        else state.catalog.reserveDead(slot);
      });
    }
    await this.indexRows(state, changed);
    // Every saved page must be accounted for; if not, the snapshot is not to be trusted.
    if (state.catalog.size !== live.size) return null;
    state.unsaved = changed.length;
    // Replaced and deleted pages leave postings behind; past a quarter of the index, start over.
    if (state.catalog.deadSlots > Math.max(1000, state.catalog.size / 4)) return null;
    if (state.unsaved >= this.opts.snapshotAfter) await this.snapshot(state);
    return state;
  }

  private async load(): Promise<State> {
    const [snap, rev] = await Promise.all([readSearchSnapshot(this.db), readRev(this.db)]);
    try {
      const state = await this.fromSnapshot(snap, rev);
      if (state) return state;
    } catch {
      // An unreadable snapshot is rebuilt, never trusted.
    }
    const state: State = { catalog: new Catalog(), index: new SearchIndex(), rev, unsaved: 0 };
    await this.indexRows(state, await listRows(this.db));
    await this.snapshot(state);
    return state;
  }

  private async snapshot(state: State): Promise<void> {
    const rows: { key: string; value: unknown }[] = await state.index.exportRows();
    const slots = state.catalog.slots;
    for (let k = 0; k * CATALOG_CHUNK < slots.length; k++) {
      const records = slots.slice(k * CATALOG_CHUNK, (k + 1) * CATALOG_CHUNK).map((e) => (e ? state.catalog.record(e) : null));
      rows.push({ key: `catalog:${k}`, value: JSON.stringify(records) });
    }
    const meta: SnapshotMeta = { format: SNAPSHOT_FORMAT, rev: state.rev, slots: slots.length };
    rows.push({ key: 'meta', value: meta });
    try {
      await writeSearchSnapshot(this.db, rows);
      state.unsaved = 0;
    } catch {
      // The snapshot only speeds up the next load (a stale one is rebuilt from the pages), so
      // failing to write it (storage full) must not turn a save that landed into an error.
    }
  }

  /** Brings the loaded state up to date with rows just written. */
  private async apply(rows: StoredPage[], texts?: Map<string, string>): Promise<void> {
    const state = this.state;
    if (!state || rows.length === 0) return;
    const missing = rows.filter((r) => !texts?.has(r.url));
    const fetched = missing.length ? await getTexts(this.db, missing.map((r) => r.url)) : [];
    const all = new Map(texts);
    missing.forEach((r, i) => all.set(r.url, fetched[i]!));
    for (const row of rows) {
      const rec = toRecord(row);
      state.index.add(state.catalog.upsert(rec), indexDoc(rec, all.get(row.url) ?? ''));
      state.rev = Math.max(state.rev, row.rev);
    }
    state.unsaved += rows.length;
    if (state.unsaved >= this.opts.snapshotAfter) await this.snapshot(state);
  }

  // --- reads ---

  query(q: LibraryQuery): Promise<LibraryResult> {
    return this.run(async () => {
      const state = await this.ensure();
      const t0 = performance.now();
      const scores = q.text ? state.index.search(q.text, state.catalog.slots.length + 1) : null;
      const result = runQuery(state.catalog, q, scores);
      return { ...result, tookMs: performance.now() - t0 };
    });
  }

  overview(limit: number, type?: EntityType): Promise<EntityOverview> {
    return this.run(async () => (await this.ensure()).catalog.overview(limit, type));
  }

  async isSaved(url: string): Promise<boolean> {
    return (await this.db.pages.get(url)) !== undefined;
  }

  /** Full pages (with text) for an export, in slices so no single message is huge. */
  exportSlice(urls: string[] | undefined, offset: number, limit: number): Promise<{ pages: SavedPage[]; total: number }> {
    return this.run(async () => {
      if (urls) return { pages: await getPages(this.db, urls.slice(offset, offset + limit)), total: urls.length };
      const total = await this.db.pages.count();
      const slice = await this.db.pages.orderBy('savedAt').reverse().offset(offset).limit(limit).primaryKeys();
      return { pages: await getPages(this.db, slice as string[]), total };
    });
  }

  // --- writes ---

  save(input: SavePageInput): Promise<SavedPage> {
    return this.run(async () => {
      const { page, row } = await whenStorageFull('save', () => writePage(this.db, input, this.opts.now()));
      await this.apply([row], new Map([[page.url, page.text]]));
      return page;
    });
  }

  update(url: string, patch: { tags?: string[]; note?: string }): Promise<PageSummary | null> {
    return this.run(async () => {
      const row = await whenStorageFull('edit', () => updatePage(this.db, url, patch));
      if (!row) return null;
      await this.apply([row]);
      const state = this.state;
      const slot = state?.catalog.slotFor(url);
      const entry = slot === undefined ? null : state!.catalog.slots[slot];
      return entry ? state!.catalog.summary(entry) : null;
    });
  }

  remove(urls: string[]): Promise<SavedPage[]> {
    return this.run(async () => {
      const removed = await deletePages(this.db, urls);
      if (this.state) for (const p of removed) this.state.catalog.remove(p.url);
      return removed;
    });
  }

  /** Pages validated by the caller; written in one transaction. */
  write(pages: SavedPage[], mode: 'newest' | 'keep' | 'replace', what: 'import' | 'restore' = 'import'): Promise<MergeReport> {
    return this.run(async () => {
      const { rows, ...report } = await whenStorageFull(what, () => putPages(this.db, pages, mode));
      const written = new Set(rows.map((r) => r.url));
      await this.apply(rows, new Map(pages.filter((p) => written.has(p.url)).map((p) => [p.url, p.text])));
      return report;
    });
  }

  importParsed(parsed: ParsedImport): Promise<MergeReport> {
    return this.write(parsed.pages, parsed.mode).then((r) => ({ ...r, skipped: r.skipped + parsed.skipped }));
  }
}
