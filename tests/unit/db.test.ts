import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntityRecord } from '../../utils/dataset/schema';
import { BUCKET_FORMAT, bucketCount, decodeBucket, decodePart, encodeBuckets, encodeParts, findRecordJson, type PartsList } from '../../utils/db/buckets';
import { openDatabase, PAGES_REV_KEY, SCHEMA_HISTORY, type DossierDb } from '../../utils/db/database';
import { getEntityRecord, getEntityRecords, installBuckets, installDataset, isInstalled, readInstalled, readStatus, type BucketSource } from '../../utils/db/dataset-store';
import { deletePage, listPages, pagesMentioning, savePage } from '../../utils/db/pages-store';
import type { SavePageInput } from '../../utils/pages';

let n = 0;
const dbs: DossierDb[] = [];
function freshDb(): DossierDb {
  const db = openDatabase(`test-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(() => { for (const db of dbs.splice(0)) db.close(); });

function records(count: number, prefix = 'Q'): EntityRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`, label: `Entity ${i}`, aliases: [], type: 'place', description: `Place number ${i}.`,
    facts: [], related: i > 0 ? [`${prefix}${i - 1}`] : [], sources: ['test'], asOf: '2026-01-01', prior: 0.5,
  }));
}

function page(url: string, entityIds: string[]): SavePageInput {
  return { url, title: `Title ${url}`, site: 'example.org', excerpt: 'x', text: 'body', entities: entityIds.map((id) => ({ id, label: id, type: 'person', count: 1 })) };
}

/** `recs` as the packaged dataset: bucket texts in `parts` part files, read back through decodePart. */
function sourceOf(version: string, recs: EntityRecord[], parts: number): BucketSource {
  const buckets = bucketCount(recs.length);
  const texts = encodeBuckets(recs, buckets);
  const per = Math.ceil(texts.length / parts);
  const files = Array.from({ length: parts }, (_, i) => encodeParts(texts.slice(i * per, (i + 1) * per), Infinity)[0]!);
  return { version, buckets, entities: recs.length, parts, loadPart: async (i) => decodePart(files[i]!) };
}

describe('schema history', () => {
  it('is append-only and starts at version 1 (pinned)', () => {
    expect(SCHEMA_HISTORY[0]).toEqual({ version: 1, stores: { entityBuckets: 'bucket', pages: 'url, savedAt, site, *entityIds', meta: 'key' } });
    SCHEMA_HISTORY.forEach((v, i) => expect(v.version).toBe(i + 1));
  });

  it('version 2 moves page texts out and numbers the pages (pinned)', () => {
    expect(SCHEMA_HISTORY[1]).toMatchObject({
      version: 2,
      stores: { entityBuckets: 'bucket', pages: 'url, savedAt, site, *entityIds, rev', pageTexts: 'url', searchIndex: 'key', meta: 'key' },
    });
    expect(typeof SCHEMA_HISTORY[1]!.upgrade).toBe('function');
    expect(SCHEMA_HISTORY).toHaveLength(2);
  });

  it('upgrades a version 1 database without losing a saved page', async () => {
    const name = `upgrade-${n++}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_HISTORY[0]!.stores);
    await v1.open();
    const old = { url: 'https://a.example/1', title: 'Old', site: 'a.example', savedAt: 5, excerpt: 'e', text: 'the old text', entities: [{ id: 'Q1', label: 'One', type: 'place', count: 2 }], tags: ['t'], note: 'n', entityIds: ['Q1'] };
    await v1.table('pages').bulkPut([old, { ...old, url: 'https://a.example/2', text: 'second' }]);
    v1.close();
    const db = openDatabase(name);
    dbs.push(db);
    const pages = (await listPages(db)).sort((a, b) => a.url.localeCompare(b.url));
    expect(pages.map((p) => [p.url, p.text])).toEqual([['https://a.example/1', 'the old text'], ['https://a.example/2', 'second']]);
    expect(pages[0]).toMatchObject({ title: 'Old', tags: ['t'], note: 'n', entities: old.entities });
    const row = await db.pages.get('https://a.example/1');
    expect(row).not.toHaveProperty('text');
    expect(row?.rev).toBeGreaterThan(0);
    expect((await pagesMentioning(db, 'Q1')).map((p) => p.url).sort()).toEqual(['https://a.example/1', 'https://a.example/2']);
  });
});

describe('dataset install', () => {
  it('installs in buckets, reports progress, and finds every record by id', async () => {
    const db = freshDb();
    const progress: number[] = [];
    const recs = records(3000);
    expect(await installDataset(db, 'v1', recs, (p) => progress.push(p))).toBe('installed');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    expect(await readStatus(db)).toMatchObject({ state: 'ready', version: 'v1', entities: 3000, progress: 1 });
    // Bucketed: a few dozen records a row, not one row per entity.
    expect((await db.entityBuckets.count())).toBeLessThan(3000 / 20);
    expect((await db.entityBuckets.toArray()).every((row) => typeof row.text === 'string' && row.records === undefined)).toBe(true);
    for (const i of [0, 1, 1234, 2999]) expect((await getEntityRecord(db, `Q${i}`))?.label).toBe(`Entity ${i}`);
    expect(await getEntityRecord(db, 'nope')).toBeUndefined();
    const many = await getEntityRecords(db, ['Q5', 'Q6', 'missing']);
    expect([...many.keys()].sort()).toEqual(['Q5', 'Q6']);
  });

  it('does nothing when the same version is installed', async () => {
    const db = freshDb();
    await installDataset(db, 'v1', records(10));
    expect(await installDataset(db, 'v1', records(10))).toBe('current');
  });

  it('replaces the dataset on update and never touches saved pages', async () => {
    const db = freshDb();
    await installDataset(db, 'v1', records(50, 'A'));
    await savePage(db, page('https://a.example/1', ['A1']));
    await savePage(db, page('https://a.example/2', ['A2']));
    await installDataset(db, 'v2', records(20, 'B'));
    expect(await getEntityRecord(db, 'A1')).toBeUndefined();
    expect((await getEntityRecord(db, 'B3'))?.id).toBe('B3');
    expect((await listPages(db)).map((p) => p.url).sort()).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(await readStatus(db)).toMatchObject({ state: 'ready', version: 'v2' });
  });

  it('reports a failed load clearly, withdraws the old version, and recovers on the next load', async () => {
    const db = freshDb();
    await installDataset(db, 'v1', records(10));
    // A part that cannot be read (a truncated file) fails the load half way.
    const good = sourceOf('v2', records(900), 4);
    const bad: BucketSource = { ...good, loadPart: async (i) => (i === 2 ? decodePart('17\t99\n{"id":') : good.loadPart(i)) };
    await expect(installBuckets(db, bad)).rejects.toThrow(/malformed dataset part/);
    const status = await readStatus(db);
    expect(status).toMatchObject({ state: 'failed', error: expect.stringContaining('malformed') });
    expect(await getEntityRecord(db, 'Q1')).toBeUndefined();
    expect(await isInstalled(db, 'v2')).toBe(false);
    expect(await installBuckets(db, good)).toBe('installed');
    expect(await readStatus(db)).toMatchObject({ state: 'ready', version: 'v2' });
    expect((await getEntityRecord(db, 'Q899'))?.id).toBe('Q899');
  });

  it('reloads after a worker killed mid-load (state left "updating")', async () => {
    const db = freshDb();
    await installDataset(db, 'v1', records(10));
    // What a killed worker leaves behind: status updating, no installed version, some buckets.
    await db.meta.delete('dataset');
    await db.meta.put({ key: 'datasetStatus', value: { state: 'updating', version: 'v2', progress: 0.4, entities: 10 } });
    expect((await readStatus(db)).state).toBe('updating');
    expect(await getEntityRecord(db, 'Q1')).toBeUndefined();
    expect(await installDataset(db, 'v2', records(10))).toBe('installed');
    expect((await getEntityRecord(db, 'Q1'))?.id).toBe('Q1');
  });
});

describe('bucket texts (format 2)', () => {
  const odd: EntityRecord[] = [
    ...records(200),
    { ...records(1)[0]!, id: 'X:tab\there', label: 'Tab\tand\nnewline' },
    { ...records(1)[0]!, id: 'X:back\\slash\\u00e9', label: 'Backslash' },
    { ...records(1)[0]!, id: 'X:é', label: 'Łódź – “Kraków” 東京 😀', aliases: ['\u2028line', 'lone \ud800 surrogate'] },
  ];

  it('round-trips every record, in ASCII, and finds each by id', () => {
    const texts = encodeBuckets(odd);
    expect(texts.every((t) => /^[\x00-\x7f]*$/.test(t.text))).toBe(true);
    const back = texts.flatMap((t) => decodeBucket<EntityRecord>(t.text));
    expect(back.sort((a, b) => a.id.localeCompare(b.id))).toEqual([...odd].sort((a, b) => a.id.localeCompare(b.id)));
    for (const r of odd) {
      const hit = texts.map((t) => findRecordJson(t.text, r.id)).filter((j) => j !== undefined);
      expect(hit.map((j) => JSON.parse(j!))).toEqual([r]);
    }
    // An id that only looks like an escaped one is a different id.
    expect(texts.map((t) => findRecordJson(t.text, 'X:back\\slash\u00e9')).filter(Boolean)).toEqual([]);
    expect(texts.map((t) => findRecordJson(t.text, 'Q1')).filter(Boolean)).toHaveLength(1);
    expect(texts.map((t) => findRecordJson(t.text, 'Q')).filter(Boolean)).toEqual([]);
  });

  it('packs whole buckets into parts under the size limit, and refuses a truncated part', () => {
    const texts = encodeBuckets(records(3000));
    const parts = encodeParts(texts, 100_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.length <= 100_000)).toBe(true);
    expect(parts.flatMap(decodePart)).toEqual(texts);
    expect(encodeParts([])).toEqual(['']);
    expect(decodePart('')).toEqual([]);
    expect(() => decodePart(parts[0]!.slice(0, -10))).toThrow(/malformed/);
    expect(() => decodePart('x\ty\n')).toThrow(/malformed/);
  });

  it('installs through the store and reads records with odd ids back', async () => {
    const db = freshDb();
    expect(await installBuckets(db, sourceOf('v1', odd, 3))).toBe('installed');
    for (const r of odd) expect(await getEntityRecord(db, r.id)).toEqual(r);
    const many = await getEntityRecords(db, odd.map((r) => r.id).concat('nope'));
    expect(many.size).toBe(odd.length);
  });

  it('refuses a part whose buckets do not fit the list', async () => {
    const db = freshDb();
    const src = sourceOf('v1', records(1500), 2);
    await expect(installBuckets(db, { ...src, buckets: 2 })).rejects.toThrow(/out of range/);
    expect((await readStatus(db)).state).toBe('failed');
  });

  it('an update replaces every record (no stale bucket from the lookup cache) and keeps the library', async () => {
    const db = freshDb();
    await installDataset(db, 'v1', records(500));
    await savePage(db, page('https://a.example/1', ['Q1']));
    const rev = (await db.meta.get(PAGES_REV_KEY))?.value;
    await db.searchIndex.put({ key: 'snapshot', value: { rev } });
    expect((await getEntityRecord(db, 'Q7'))?.label).toBe('Entity 7');
    const renamed = records(800).map((r) => ({ ...r, label: `Renamed ${r.id}` }));
    expect(await installDataset(db, 'v2', renamed)).toBe('installed');
    expect((await getEntityRecord(db, 'Q7'))?.label).toBe('Renamed Q7');
    expect((await getEntityRecords(db, ['Q1', 'Q799'])).get('Q799')?.label).toBe('Renamed Q799');
    expect(await readInstalled(db)).toEqual({ version: 'v2', buckets: bucketCount(800), entities: 800, format: BUCKET_FORMAT });
    expect((await listPages(db)).map((p) => [p.url, p.text])).toEqual([['https://a.example/1', 'body']]);
    expect((await db.meta.get(PAGES_REV_KEY))?.value).toBe(rev);
    expect(await db.searchIndex.get('snapshot')).toEqual({ key: 'snapshot', value: { rev } });
  });

  it('an install cut short (worker killed) is seen as not installed and is redone by the next worker', async () => {
    const name = `killed-${n++}`;
    const first = openDatabase(name);
    dbs.push(first);
    await installDataset(first, 'v1', records(100));
    const src = sourceOf('v2', records(900), 4);
    // The worker dies while part 2 is being read: that read never ends.
    let reached!: () => void;
    const atPart2 = new Promise<void>((r) => { reached = r; });
    void installBuckets(first, { ...src, loadPart: (i) => (i < 2 ? src.loadPart(i) : (reached(), new Promise<never>(() => {}))) });
    await atPart2;
    await vi.waitFor(async () => expect((await readStatus(first)).progress).toBeGreaterThan(0));
    // What the next worker finds: 'updating', part of the buckets, no installed version.
    const next = openDatabase(name);
    dbs.push(next);
    expect(await readStatus(next)).toMatchObject({ state: 'updating', version: 'v2' });
    expect(await next.entityBuckets.count()).toBeGreaterThan(0);
    expect(await readInstalled(next)).toBeUndefined();
    expect(await isInstalled(next, 'v2')).toBe(false);
    expect(await getEntityRecord(next, 'Q1')).toBeUndefined();
    expect(await installBuckets(next, src)).toBe('installed');
    expect(await readStatus(next)).toMatchObject({ state: 'ready', version: 'v2', progress: 1, entities: 900 });
    for (const id of ['Q0', 'Q450', 'Q899']) expect((await getEntityRecord(next, id))?.id).toBe(id);
  });

  it('installs again over a dataset stored before format 2, and reads its rows meanwhile', async () => {
    const db = freshDb();
    const old = records(30);
    await db.entityBuckets.put({ bucket: 0, records: old });
    await db.meta.put({ key: 'dataset', value: { version: 'v1', buckets: 1, entities: 30 } });
    await db.meta.put({ key: 'datasetStatus', value: { state: 'ready', version: 'v1', progress: 1, entities: 30 } });
    expect((await getEntityRecord(db, 'Q3'))?.label).toBe('Entity 3');
    expect(await isInstalled(db, 'v1')).toBe(false);
    expect(await installDataset(db, 'v1', old)).toBe('installed');
    expect(await isInstalled(db, 'v1')).toBe(true);
    expect((await getEntityRecord(db, 'Q3'))?.label).toBe('Entity 3');
    expect((await db.entityBuckets.toArray()).every((row) => row.records === undefined)).toBe(true);
  });

  it('the background installs the packaged parts, serving records from memory meanwhile', async () => {
    const recs = records(2000);
    const buckets = bucketCount(recs.length);
    const partFiles = encodeParts(encodeBuckets(recs, buckets), 12_000);
    expect(partFiles.length).toBeGreaterThan(3);
    const list: PartsList = { format: BUCKET_FORMAT, buckets, entities: recs.length, parts: partFiles.map((_, i) => `entities-${i}.txt`) };
    const files = new Map<string, string>([
      ['manifest.json', JSON.stringify({ version: 'pkg-1' })],
      ['entities-parts.json', JSON.stringify(list)],
      ...partFiles.map((text, i) => [`entities-${i}.txt`, text] as [string, string]),
    ]);
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      fetched.push(name);
      if (name === 'entities-2.txt') await held;
      const body = files.get(name);
      return body === undefined ? new Response('', { status: 404 }) : new Response(body);
    });
    try {
      const { ensureDatasetInstalled, pendingRecord } = await import('../../utils/background/bundled-dataset');
      const db = freshDb();
      const done = ensureDatasetInstalled(db);
      await vi.waitFor(() => expect(fetched).toContain('entities-2.txt'));
      // Part 0 is in memory: its records are served before the database is ready.
      const inPart0 = decodeBucket<EntityRecord>(decodePart(partFiles[0]!)[0]!.text)[0]!;
      await vi.waitFor(() => expect(pendingRecord(inPart0.id)).toEqual(inPart0));
      expect((await readStatus(db)).state).toBe('updating');
      expect(await getEntityRecord(db, inPart0.id)).toBeUndefined();
      release();
      expect(await done).toBe('installed');
      expect(pendingRecord(inPart0.id)).toBeUndefined();
      expect(await readStatus(db)).toMatchObject({ state: 'ready', version: 'pkg-1', entities: 2000, progress: 1 });
      for (const id of ['Q0', 'Q1999', inPart0.id]) expect((await getEntityRecord(db, id))?.id).toBe(id);
      expect(await ensureDatasetInstalled(db)).toBe('current');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the compiled name index between worker starts', () => {
  it('is read from the package once, then from IndexedDB while its fingerprint matches', async () => {
    const { buildIndexBuffer } = await import('../../utils/matcher/index-build');
    const { tinyFile } = await import('./helpers/tiny-index');
    const idx = buildIndexBuffer(tinyFile());
    let stamp = 'sha-1';
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      fetched.push(name);
      if (name === 'names.idx') return new Response(idx.slice(0));
      if (name === 'names-idx.json') return new Response(JSON.stringify({ sha256: stamp }));
      return new Response('', { status: 404 });
    });
    const db = freshDb();
    // A worker start: the module as a fresh worker has it.
    const start = async () => {
      vi.resetModules();
      const m = await import('../../utils/background/bundled-dataset');
      m.cacheIndexIn(db);
      fetched.length = 0;
      return m.loadBundledIndex();
    };
    try {
      const first = await start();
      expect(fetched).toContain('names.idx');
      await vi.waitFor(async () => expect((await db.meta.get('nameIndexCache'))?.value).toBeTruthy());
      const second = await start();
      expect(fetched).toEqual(['names-idx.json']);
      expect(second.nameCount).toBe(first.nameCount);
      expect(second.indexOf('Q76')).toBe(first.indexOf('Q76'));
      // An update ships another index: the old copy is not used.
      stamp = 'sha-2';
      await start();
      expect(fetched).toContain('names.idx');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('saved pages', () => {
  it('keeps one record per canonical URL and keeps the reader\'s tags on re-save', async () => {
    const db = freshDb();
    await savePage(db, { ...page('https://n.example/a', ['Q1']), tags: ['mexico'], note: 'read later' }, 1000);
    await savePage(db, page('https://n.example/a', ['Q1', 'Q2']), 2000);
    const pages = await listPages(db);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ savedAt: 2000, tags: ['mexico'], note: 'read later' });
    expect(pages[0]!.entities.map((e) => e.id)).toEqual(['Q1', 'Q2']);
    expect(pages[0]).not.toHaveProperty('entityIds');
  });

  it('lists newest first, finds pages by entity, deletes', async () => {
    const db = freshDb();
    await savePage(db, page('https://n.example/1', ['Q1']), 1);
    await savePage(db, page('https://n.example/2', ['Q1', 'Q2']), 2);
    await savePage(db, page('https://n.example/3', ['Q2']), 3);
    expect((await listPages(db)).map((p) => p.url)).toEqual(['https://n.example/3', 'https://n.example/2', 'https://n.example/1']);
    expect((await pagesMentioning(db, 'Q1')).map((p) => p.url)).toEqual(['https://n.example/2', 'https://n.example/1']);
    expect(await deletePage(db, 'https://n.example/2')).toBe(true);
    expect(await deletePage(db, 'https://n.example/2')).toBe(false);
    expect((await pagesMentioning(db, 'Q1')).map((p) => p.url)).toEqual(['https://n.example/1']);
  });
});
