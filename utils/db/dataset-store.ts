/**
 * Installing the bundled dataset into IndexedDB, and reading entities back.
 *
 * Buckets are stored as bucket texts (utils/db/buckets.ts, format 2): an
 * install writes the texts as they come out of the packaged parts, one
 * transaction a part, with progress recorded in meta, while the next parts
 * are fetched; no record is parsed. The dataset version is written last, in
 * the same transaction as state 'ready'. A load that dies half way (the
 * worker killed) leaves state 'updating' and no version, and the next start
 * loads again; a load that fails leaves 'failed'. Saved pages and every other
 * table are never touched.
 *
 * A lookup reads one bucket row (kept in a small in-memory LRU) and parses
 * only the wanted record.
 */
import type { EntityRecord } from '../dataset/schema';
import type { DatasetStatus } from '../messages';
import { BUCKET_FORMAT, bucketCount, bucketOf, encodeBuckets, findRecordJson, type BucketText } from './buckets';
import type { DossierDb, EntityBucket } from './database';

export interface InstalledDataset {
  version: string;
  buckets: number;
  entities: number;
  /** The bucket row format (BUCKET_FORMAT); absent on datasets installed before format 2. */
  format?: number;
}

export const META_DATASET = 'dataset';
export const META_STATUS = 'datasetStatus';
/** Buckets a transaction when installing from records (installDataset). */
const BATCH_BUCKETS = 200;
/** Parts fetched ahead of the one being written. */
const PREFETCH = 3;
/** Bucket rows kept in memory (a bucket text is ~95 kB): what open cards and their related entities need. */
const LRU_BUCKETS = 48;

interface Caches {
  /** Bumped by every install: a read that started before it must not fill the caches after it. */
  generation: number;
  installed?: InstalledDataset;
  /** Bucket rows, most recently used last; null: no such row. */
  rows: Map<number, EntityBucket | null>;
}

const caches = new WeakMap<DossierDb, Caches>();
function cachesOf(db: DossierDb): Caches {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { generation: 0, rows: new Map() }));
  return c;
}
function resetCaches(db: DossierDb): void {
  const c = cachesOf(db);
  c.generation++;
  c.installed = undefined;
  c.rows = new Map();
}

/** The installed dataset's meta, cached per database: every lookup needs it, it changes only on install. */
export async function readInstalled(db: DossierDb): Promise<InstalledDataset | undefined> {
  const c = cachesOf(db);
  if (c.installed) return c.installed;
  const generation = c.generation;
  const value = (await db.meta.get(META_DATASET))?.value as InstalledDataset | undefined;
  if (value && c.generation === generation) c.installed = value;
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

/** Is `version` installed completely, in the current row format? */
export async function isInstalled(db: DossierDb, version: string): Promise<boolean> {
  const [installed, status] = await Promise.all([readInstalled(db), readStatus(db)]);
  return installed?.version === version && installed.format === BUCKET_FORMAT && status.state === 'ready';
}

async function writeStatus(db: DossierDb, status: DatasetStatus): Promise<void> {
  await db.meta.put({ key: META_STATUS, value: status });
}

/** A dataset to install, as bucket texts delivered in parts (see bundled-dataset.ts). */
export interface BucketSource {
  version: string;
  /** The bucket count ids were hashed into. */
  buckets: number;
  entities: number;
  parts: number;
  /** Part i's bucket texts; called in order, a few parts ahead of the writes. */
  loadPart: (i: number) => Promise<BucketText[]>;
}

/**
 * Installs `src` unless its version is installed already. The old dataset is
 * withdrawn first (readers see 'updating', never a mix); `onProgress` sees 0..1.
 */
export async function installBuckets(db: DossierDb, src: BucketSource, onProgress: (p: number) => void = () => {}): Promise<'installed' | 'current'> {
  if (await isInstalled(db, src.version)) return 'current';
  const { version, entities, buckets } = src;
  resetCaches(db);
  await db.transaction('rw', db.entityBuckets, db.meta, async () => {
    await db.meta.delete(META_DATASET);
    await db.meta.put({ key: META_STATUS, value: { state: 'updating', version, progress: 0, entities } satisfies DatasetStatus });
    await db.entityBuckets.clear();
  });
  const loads = new Map<number, Promise<BucketText[]>>();
  const start = (i: number) => {
    if (i >= src.parts || loads.has(i)) return;
    const p = src.loadPart(i);
    p.catch(() => {}); // awaited below, in order; a failure ahead of the writes must not count as unhandled
    loads.set(i, p);
  };
  try {
    for (let i = 0; i < PREFETCH; i++) start(i);
    for (let i = 0; i < src.parts; i++) {
      const rows = await loads.get(i)!;
      loads.delete(i);
      start(i + PREFETCH);
      for (const r of rows) if (!(r.bucket >= 0 && r.bucket < buckets)) throw new Error(`dataset part ${i}: bucket ${r.bucket} out of range`);
      const progress = (i + 1) / src.parts;
      await db.transaction('rw', db.entityBuckets, db.meta, async () => {
        await db.entityBuckets.bulkPut(rows);
        await db.meta.put({ key: META_STATUS, value: { state: 'updating', version, progress, entities } satisfies DatasetStatus });
      });
      onProgress(progress);
    }
    resetCaches(db);
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put({ key: META_DATASET, value: { version, buckets, entities, format: BUCKET_FORMAT } satisfies InstalledDataset });
      await db.meta.put({ key: META_STATUS, value: { state: 'ready', version, progress: 1, entities } satisfies DatasetStatus });
    });
    return 'installed';
  } catch (err) {
    await writeStatus(db, { state: 'failed', version, progress: 0, entities: 0, error: err instanceof Error ? err.message : String(err) }).catch(() => {});
    throw err;
  } finally {
    resetCaches(db);
  }
}

/**
 * Loads `records` as dataset `version`, unless that version is installed
 * already. `onProgress` sees 0..1. (The packaged dataset comes pre-bucketed
 * through installBuckets; this is for tests and tools.)
 */
export async function installDataset(
  db: DossierDb,
  version: string,
  records: EntityRecord[],
  onProgress: (p: number) => void = () => {},
): Promise<'installed' | 'current'> {
  if (await isInstalled(db, version)) return 'current';
  const buckets = bucketCount(records.length);
  const texts = encodeBuckets(records, buckets);
  const parts = Math.max(1, Math.ceil(texts.length / BATCH_BUCKETS));
  return installBuckets(
    db,
    { version, buckets, entities: records.length, parts, loadPart: async (i) => texts.slice(i * BATCH_BUCKETS, (i + 1) * BATCH_BUCKETS) },
    onProgress,
  );
}

/** Record `id` out of a bucket row (either format), parsing only that record. */
export function recordInBucket(row: EntityBucket | null | undefined, id: string): EntityRecord | undefined {
  if (!row) return undefined;
  if (row.text !== undefined) {
    const json = findRecordJson(row.text, id);
    return json === undefined ? undefined : (JSON.parse(json) as EntityRecord);
  }
  return row.records?.find((r) => r.id === id);
}

/** Record `id` out of a bucket text. */
export function recordInText(text: string | undefined, id: string): EntityRecord | undefined {
  return text === undefined ? undefined : recordInBucket({ bucket: -1, text }, id);
}

function remember(c: Caches, bucket: number, row: EntityBucket | null): void {
  c.rows.delete(bucket);
  c.rows.set(bucket, row);
  if (c.rows.size > LRU_BUCKETS) c.rows.delete(c.rows.keys().next().value!);
}

/** The rows of `bucketIds`, from the LRU or one read. */
async function readBuckets(db: DossierDb, bucketIds: number[]): Promise<Map<number, EntityBucket | null>> {
  const c = cachesOf(db);
  const { generation, rows: lru } = c;
  const out = new Map<number, EntityBucket | null>();
  const missing: number[] = [];
  for (const b of bucketIds) {
    const row = lru.get(b);
    if (row === undefined) missing.push(b);
    else {
      out.set(b, row);
      remember(c, b, row);
    }
  }
  if (missing.length) {
    const rows = missing.length === 1 ? [await db.entityBuckets.get(missing[0]!)] : await db.entityBuckets.bulkGet(missing);
    missing.forEach((b, i) => {
      const row = rows[i] ?? null;
      out.set(b, row);
      if (c.generation === generation) remember(c, b, row);
    });
  }
  return out;
}

export async function getEntityRecord(db: DossierDb, id: string): Promise<EntityRecord | undefined> {
  const installed = await readInstalled(db);
  if (!installed) return undefined;
  const bucket = bucketOf(id, installed.buckets);
  return recordInBucket((await readBuckets(db, [bucket])).get(bucket), id);
}

export async function getEntityRecords(db: DossierDb, ids: string[]): Promise<Map<string, EntityRecord>> {
  const out = new Map<string, EntityRecord>();
  const installed = await readInstalled(db);
  if (!installed || ids.length === 0) return out;
  const bucketIds = [...new Set(ids.map((id) => bucketOf(id, installed.buckets)))];
  const rows = await readBuckets(db, bucketIds);
  for (const id of new Set(ids)) {
    const r = recordInBucket(rows.get(bucketOf(id, installed.buckets)), id);
    if (r) out.set(id, r);
  }
  return out;
}
