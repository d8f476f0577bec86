/**
 * The dataset files packaged with the extension (/data/*.json): the name
 * index (compiled once per worker start), the manifest, and the entity
 * records that are installed into IndexedDB.
 */
import { browser } from 'wxt/browser';
import type { EntityRecord, Manifest } from '../dataset/schema';
import type { IndexLoad } from '../messages';
import { BUCKET_FORMAT, bucketOf, decodePart, type PartsList } from '../db/buckets';
import { installBuckets, isInstalled, recordInText } from '../db/dataset-store';
import type { DossierDb } from '../db/database';
import { openIndex, type NameIndex } from '../matcher';

async function fetchRaw(name: string): Promise<Response> {
  // Our own package, read through the extension's origin: no network involved.
  const res = await fetch(browser.runtime.getURL(`/data/${name}` as '/'));
  if (!res.ok) throw new Error(`missing packaged file ${name}`);
  return res;
}

/** A packaged text file; one whose name ends in .gz is inflated on the way (DecompressionStream). */
async function partText(name: string): Promise<string> {
  const res = await fetchRaw(name);
  if (!name.endsWith('.gz')) return res.text();
  if (!res.body) throw new Error(`packaged file ${name} has no body`);
  return new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).text();
}

async function fetchPackaged<T>(name: string): Promise<T> {
  return (await (await fetchRaw(name)).json()) as T;
}

/** The meta row that keeps the compiled name index between worker starts. */
const INDEX_CACHE_KEY = 'nameIndexCache';
interface IndexCache { sha256: string; blob: Blob }
let cacheDb: DossierDb | undefined;

/**
 * Keeps the compiled name index in this database between worker starts: an MV3 worker that slept
 * reads it back from IndexedDB several times faster than from the package. It is kept as a Blob:
 * Chromium hands a large Blob back from IndexedDB faster than the same bytes as an ArrayBuffer
 * (measured ~4.6 vs ~8 ms/MB). Only the background calls this.
 */
export function cacheIndexIn(db: DossierDb): void {
  cacheDb = db;
}

/** The cached copy of the index, whatever its fingerprint. */
async function cachedIndex(): Promise<Partial<IndexCache> | undefined> {
  try {
    return (await cacheDb?.meta.get(INDEX_CACHE_KEY))?.value as Partial<IndexCache> | undefined;
  } catch {
    return undefined;
  }
}

/** Stores the index bytes for the next worker; a full disk or a closed database only costs speed. */
async function keepIndex(sha256: string, buffer: ArrayBuffer): Promise<void> {
  try {
    await cacheDb?.meta.put({ key: INDEX_CACHE_KEY, value: { sha256, blob: new Blob([buffer]) } satisfies IndexCache });
  } catch {
    /* the package is still there next time */
  }
}

let indexTiming: IndexLoad | undefined;
/** How this worker opened the name index (undefined until it has). */
export const indexLoadTime = (): IndexLoad | undefined => indexTiming;

let indexPromise: Promise<NameIndex> | undefined;
export function loadBundledIndex(): Promise<NameIndex> {
  indexPromise ??= (async () => {
    const t0 = performance.now();
    // The packaged index's fingerprint and the kept copy are read side by side.
    const [stamp, cached] = await Promise.all([fetchPackaged<{ sha256: string }>('names-idx.json').catch(() => undefined), cachedIndex()]);
    let index: NameIndex | undefined;
    try {
      if (stamp && cached?.sha256 === stamp.sha256 && cached.blob instanceof Blob) index = openIndex(await cached.blob.arrayBuffer());
    } catch {
      /* an unreadable copy: the package decides */
    }
    const from = index ? 'cache' : 'package';
    if (!index) {
      const fresh = await (await fetchRaw('names.idx')).arrayBuffer();
      index = openIndex(fresh);
      if (stamp) setTimeout(() => void keepIndex(stamp.sha256, fresh), 0);
    }
    // performance.now() counts from this worker's start (its time origin).
    const t1 = performance.now();
    indexTiming = { loadMs: t1 - t0, sinceWorkerStartMs: t1, from, bytes: index.byteLength };
    return index;
  })();
  indexPromise.catch(() => { indexPromise = undefined; });
  return indexPromise;
}

let manifestPromise: Promise<Manifest | null> | undefined;
export function loadBundledManifest(): Promise<Manifest | null> {
  manifestPromise ??= fetchPackaged<Manifest>('manifest.json').catch(() => null);
  return manifestPromise;
}

let installing: Promise<unknown> | undefined;
/** The bucket texts of the dataset being installed, as its parts arrive. */
let pending: { buckets: number; texts: Map<number, string> } | undefined;
let recordsReady: Promise<void> = Promise.resolve();

/** Resolves once the install now running has all its records in memory (or has ended). */
export function recordsLoading(): Promise<void> {
  return recordsReady;
}

/** A record of the dataset being installed, while the database is not ready yet. */
export function pendingRecord(id: string): EntityRecord | undefined {
  if (!pending) return undefined;
  return recordInText(pending.texts.get(bucketOf(id, pending.buckets)), id);
}

/**
 * Installs the packaged dataset unless that version is already in the
 * database: the parts (pre-bucketed at build time, see wxt.config.ts) are
 * fetched a few ahead of the writes and written as they are.
 */
export function ensureDatasetInstalled(db: DossierDb): Promise<unknown> {
  let markReady: () => void = () => {};
  if (!installing) recordsReady = new Promise<void>((r) => { markReady = r; });
  installing ??= (async () => {
    const manifest = await loadBundledManifest();
    if (!manifest) throw new Error('dataset manifest missing from the package');
    if (await isInstalled(db, manifest.version)) return 'current';
    const list = await fetchPackaged<PartsList>('entities-parts.json');
    if (list.format !== BUCKET_FORMAT) throw new Error(`packaged dataset in format ${list.format}, expected ${BUCKET_FORMAT}`);
    const texts = new Map<number, string>();
    pending = { buckets: list.buckets, texts };
    let loaded = 0;
    return installBuckets(db, {
      version: manifest.version,
      buckets: list.buckets,
      entities: list.entities,
      parts: list.parts.length,
      loadPart: async (i) => {
        const rows = decodePart(await partText(list.parts[i]!));
        for (const r of rows) texts.set(r.bucket, r.text);
        if (++loaded === list.parts.length) markReady();
        return rows;
      },
    });
  })()
    .catch((err) => console.warn('Dossier: dataset install failed', err))
    .finally(() => { markReady(); installing = undefined; pending = undefined; });
  return installing;
}
