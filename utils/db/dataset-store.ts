/**
 * Installing the bundled dataset into IndexedDB, and reading entities back.
 *
 * A load writes buckets in fixed batches, one awaited transaction each, with
 * progress recorded in meta; the dataset version is written last. A load that
 * dies half way (the worker killed) leaves state 'updating' with an old or no
 * version, and the next start loads again. Saved pages are never touched.
 */
import type { EntityRecord } from '../dataset/schema';
import type { DatasetStatus } from '../messages';
import { bucketCount, bucketOf } from './buckets';
import type { DossierDb, EntityBucket } from './database';

export interface InstalledDataset {
  version: string;
  buckets: number;
  entities: number;
}

export const META_DATASET = 'dataset';
export const META_STATUS = 'datasetStatus';
const BATCH_BUCKETS = 60;

/** The installed dataset's meta, cached per database: every lookup needs it, it changes only on install. */
const installedCache = new WeakMap<DossierDb, InstalledDataset>();

export async function readInstalled(db: DossierDb): Promise<InstalledDataset | undefined> {
  const cached = installedCache.get(db);
  if (cached) return cached;
  const value = (await db.meta.get(META_DATASET))?.value as InstalledDataset | undefined;
  if (value) installedCache.set(db, value);
  return value;
}

export async function readStatus(db: DossierDb): Promise<DatasetStatus> {
  const installed = await readInstalled(db);
  const status = (await db.meta.get(META_STATUS))?.value as DatasetStatus | undefined;
  if (status) return status;
  return installed
    ? { state: 'ready', version: installed.version, progress: 1, entities: installed.entities }
    : { state: 'empty', progress: 0, entities: 0 };
}

async function writeStatus(db: DossierDb, status: DatasetStatus): Promise<void> {
  await db.meta.put({ key: META_STATUS, value: status });
}

export function groupIntoBuckets(records: EntityRecord[]): EntityBucket[] {
  const n = bucketCount(records.length);
  const groups: EntityRecord[][] = Array.from({ length: n }, () => []);
  for (const r of records) groups[bucketOf(r.id, n)]!.push(r);
  return groups.map((records, bucket) => ({ bucket, records }));
}

/**
 * Loads `records` as dataset `version`, unless that version is installed
 * already. `onProgress` sees 0..1.
 */
export async function installDataset(
  db: DossierDb,
  version: string,
  records: EntityRecord[],
  onProgress: (p: number) => void = () => {},
): Promise<'installed' | 'current'> {
  const installed = await readInstalled(db);
  const status = await readStatus(db);
  if (installed?.version === version && status.state === 'ready') return 'current';
  const buckets = groupIntoBuckets(records);
  installedCache.delete(db);
  await writeStatus(db, { state: 'updating', version, progress: 0, entities: records.length });
  // The old version is withdrawn first: readers see 'updating', never a mix.
  await db.transaction('rw', db.entityBuckets, db.meta, async () => {
    await db.meta.delete(META_DATASET);
    await db.entityBuckets.clear();
  });
  try {
    for (let i = 0; i < buckets.length; i += BATCH_BUCKETS) {
      const batch = buckets.slice(i, i + BATCH_BUCKETS);
      const progress = Math.min(1, (i + batch.length) / buckets.length);
      await db.transaction('rw', db.entityBuckets, db.meta, async () => {
        await db.entityBuckets.bulkPut(batch);
        await db.meta.put({ key: META_STATUS, value: { state: 'updating', version, progress, entities: records.length } satisfies DatasetStatus });
      });
      onProgress(progress);
    }
    installedCache.delete(db);
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put({ key: META_DATASET, value: { version, buckets: buckets.length, entities: records.length } satisfies InstalledDataset });
      await db.meta.put({ key: META_STATUS, value: { state: 'ready', version, progress: 1, entities: records.length } satisfies DatasetStatus });
    });
    return 'installed';
  } catch (err) {
    await writeStatus(db, { state: 'failed', version, progress: 0, entities: 0, error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    throw err;
  }
}

export async function getEntityRecord(db: DossierDb, id: string): Promise<EntityRecord | undefined> {
  const installed = await readInstalled(db);
  if (!installed) return undefined;
  const row = await db.entityBuckets.get(bucketOf(id, installed.buckets));
  return row?.records.find((r) => r.id === id);
}

export async function getEntityRecords(db: DossierDb, ids: string[]): Promise<Map<string, EntityRecord>> {
  const out = new Map<string, EntityRecord>();
  const installed = await readInstalled(db);
  if (!installed || ids.length === 0) return out;
  const wanted = new Set(ids);
  const bucketIds = [...new Set(ids.map((id) => bucketOf(id, installed.buckets)))];
  const rows = await db.entityBuckets.bulkGet(bucketIds);
  for (const row of rows) for (const r of row?.records ?? []) if (wanted.has(r.id)) out.set(r.id, r);
  return out;
}
