/**
 * The Dexie database, owned by the background alone.
 *
 * The schema is an append-only version history: never edit a released
 * version, add a new one (with an upgrade function when data moves). The
 * history is pinned by tests/unit/db.test.ts.
 *
 * Entities are stored in buckets of a few dozen records per row: one row
 * per entity loads at only a few thousand rows per second in Chromium, while
 * bucketed rows load the whole dataset in well under a second. A bucket row
 * holds its records as one string (utils/db/buckets.ts, format 2): written as
 * shipped, no record parsed at install, only the wanted record parsed on lookup.
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { EntityRecord } from '../dataset/schema';
import type { SavedPage } from '../pages';

export interface EntityBucket {
  bucket: number;
  /** Format 2: the bucket text (utils/db/buckets.ts). */
  text?: string;
  /** Format 1 (before bucket texts): the records as objects. Read still, never written. */
  records?: EntityRecord[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'dossier';

/** The counter every page write bumps (meta key): the search index snapshot records the value it reflects. */
export const PAGES_REV_KEY = 'pagesRev';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  /** Moves data written under the previous version; runs once, inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * v2: the article text moves out of `pages` into `pageTexts`, so listing the
 * library, filtering it and the popover's "In your library" never read
 * megabytes of text; every page row gets a `rev` (from a counter in meta) so
 * the persisted search index can catch up with what changed since it was
 * written; `searchIndex` holds that snapshot.
 */
async function moveTextOut(tx: Transaction): Promise<void> {
  const rows = (await tx.table('pages').toArray()) as (StoredPage & { text?: string })[];
  await tx.table('pageTexts').bulkPut(rows.map((r) => ({ url: r.url, text: r.text ?? '' })));
  await tx.table('pages').bulkPut(rows.map(({ text: _text, ...row }, i) => ({ ...row, rev: i + 1 })));
  await tx.table('meta').put({ key: PAGES_REV_KEY, value: rows.length });
}

/** Every released schema, oldest first. Append only. */
export const SCHEMA_HISTORY: SchemaVersion[] = [
  { version: 1, stores: { entityBuckets: 'bucket', pages: 'url, savedAt, site, *entityIds', meta: 'key' } },
  {
    version: 2,
    stores: { entityBuckets: 'bucket', pages: 'url, savedAt, site, *entityIds, rev', pageTexts: 'url', searchIndex: 'key', meta: 'key' },
    upgrade: moveTextOut,
  },
];

/**
 * A saved page as stored (v2): everything but the text, plus entityIds (a
 * multi-entry index for "where have I read about X") and rev.
 */
export type StoredPage = Omit<SavedPage, 'text'> & { entityIds: string[]; rev: number };

export interface PageTextRow {
  url: string;
  text: string;
}

/** One piece of the persisted search index (see utils/background/library-service.ts). */
export interface SearchIndexRow {
  key: string;
  value: unknown;
}

export type DossierDb = Dexie & {
  entityBuckets: EntityTable<EntityBucket, 'bucket'>;
  pages: EntityTable<StoredPage, 'url'>;
  pageTexts: EntityTable<PageTextRow, 'url'>;
  searchIndex: EntityTable<SearchIndexRow, 'key'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export function openDatabase(name = DB_NAME): DossierDb {
  const db = new Dexie(name) as DossierDb;
  for (const { version, stores, upgrade } of SCHEMA_HISTORY) {
    const v = db.version(version).stores(stores);
    if (upgrade) v.upgrade(upgrade);
  }
  return db;
}
