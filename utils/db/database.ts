/**
 * The Dexie database, owned by the background alone.
 *
 * The schema is an append-only version history: never edit a released
 * version, add a new one (with an upgrade function when data moves). The
 * history is pinned by tests/unit/db-schema.test.ts.
 *
 * Entities are stored in buckets of a few hundred records per row: one row
 * per entity loads at only a few thousand rows per second in Chromium, while
 * bucketed rows load the whole dataset in well under a second.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { EntityRecord } from '../dataset/schema';
import type { SavedPage } from '../pages';

export interface EntityBucket {
  bucket: number;
  records: EntityRecord[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'dossier';

/** Every released schema, oldest first. Append only. */
export const SCHEMA_HISTORY: { version: number; stores: Record<string, string> }[] = [
  { version: 1, stores: { entityBuckets: 'bucket', pages: 'url, savedAt, site, *entityIds', meta: 'key' } },
];

/** A saved page as stored: entityIds is a multi-entry index for "where have I read about X". */
export type StoredPage = SavedPage & { entityIds: string[] };

export type DossierDb = Dexie & {
  entityBuckets: EntityTable<EntityBucket, 'bucket'>;
  pages: EntityTable<StoredPage, 'url'>;
  meta: EntityTable<MetaRow, 'key'>;
};

export function openDatabase(name = DB_NAME): DossierDb {
  const db = new Dexie(name) as DossierDb;
  for (const { version, stores } of SCHEMA_HISTORY) db.version(version).stores(stores);
  return db;
}
