import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityRecord } from '../../utils/dataset/schema';
import { openDatabase, SCHEMA_HISTORY, type DossierDb } from '../../utils/db/database';
import { getEntityRecord, getEntityRecords, installDataset, readStatus } from '../../utils/db/dataset-store';
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
    expect((await db.entityBuckets.count())).toBeLessThan(3000 / 100);
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
    // Simulate a worker killed mid-load: a record that cannot be cloned fails a batch.
    const bad = records(900);
    (bad[450] as unknown as { facts: unknown }).facts = [() => 1];
    await expect(installDataset(db, 'v2', bad)).rejects.toBeTruthy();
    const status = await readStatus(db);
    expect(status.state).toBe('failed');
    expect(await getEntityRecord(db, 'Q1')).toBeUndefined();
    expect(await installDataset(db, 'v2', records(900))).toBe('installed');
    expect(await readStatus(db)).toMatchObject({ state: 'ready', version: 'v2' });
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
