import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../utils/background/library-service';
import { openDatabase, type DossierDb } from '../../utils/db/database';
import { savePage } from '../../utils/db/pages-store';
import type { SavedPage } from '../../utils/pages';
import { page } from './helpers/library-pages';

let n = 0;
const dbs: DossierDb[] = [];
function fresh(): { db: DossierDb; lib: LibraryService } {
  const db = openDatabase(`library-${n++}`);
  dbs.push(db);
  return { db, lib: new LibraryService(db, { setTimer: () => 0, clearTimer: () => {} }) };
}
afterEach(() => { for (const db of dbs.splice(0)) db.close(); });

async function seed(lib: LibraryService, pages: SavedPage[]) {
  await lib.write(pages, 'replace');
}
const urls = (r: { items: { url: string }[] }) => r.items.map((i) => i.url);

describe('library search and filters', () => {
  it('searches title, text, tags and notes; the last word matches as a prefix; diacritics fold', async () => {
    const { lib } = fresh();
    await seed(lib, [
      page(1, { title: 'Calderón meets Obama' }),
      page(2, { tags: ['mexico-trip'] }),
      page(3, { note: 'Read again before the Juárez piece' }),
      page(4),
    ]);
    expect(urls(await lib.query({ text: 'calderon' }))).toEqual([page(1).url]);
    expect(urls(await lib.query({ text: 'mexico' }))).toEqual([page(2).url]);
    expect(urls(await lib.query({ text: 'juarez' }))).toEqual([page(3).url]);
    // Article text, whole word and while typing.
    expect(urls(await lib.query({ text: 'whales', sort: 'saved' }))).toEqual([page(4).url, page(2).url]);
    expect(urls(await lib.query({ text: 'whal', sort: 'saved' }))).toEqual([page(4).url, page(2).url]);
    // Every word must match somewhere (AND).
    expect(urls(await lib.query({ text: 'sanctions calderon' }))).toEqual([page(1).url]);
    expect((await lib.query({ text: 'nothing-like-this' })).total).toBe(0);
  });

  it('filters by entity, type, site, tag and date range, with counts per value among the other filters', async () => {
    const { lib } = fresh();
    await seed(lib, Array.from({ length: 12 }, (_, i) => page(i)));
    const all = await lib.query({});
    expect(all.total).toBe(12);
    expect(all.facets.sites).toEqual([{ value: 'news0.example', count: 4 }, { value: 'news1.example', count: 4 }, { value: 'news2.example', count: 4 }]);
    expect(all.facets.entities.map((e) => [e.label, e.count])).toEqual([['Barack Obama', 6], ['New Zealand', 6], ['Sudan', 6]]);
    const sudan = await lib.query({ entityIds: ['Q1049'] });
    expect(sudan.total).toBe(6);
    expect(sudan.items.every((i) => i.entities.some((e) => e.id === 'Q1049'))).toBe(true);
    // Newest first by default.
    expect(sudan.items.map((i) => i.savedAt)).toEqual([...sudan.items.map((i) => i.savedAt)].sort((a, b) => b - a));
    const site = await lib.query({ entityIds: ['Q1049'], site: 'news1.example' });
    expect(site.total).toBe(2);
    // The site facet still counts the other sites (among Sudan pages).
    expect(site.facets.sites.find((s) => s.value === 'news0.example')?.count).toBe(2);
    expect((await lib.query({ entityType: 'person' })).total).toBe(6);
    expect((await lib.query({ tag: 'world' })).total).toBe(3);
    const from = Date.parse('2024-01-03T00:00:00Z'), to = Date.parse('2024-01-05T23:59:59Z');
    expect((await lib.query({ dateField: 'published', from, to })).items.map((i) => i.publishedTime?.slice(0, 10)).sort()).toEqual(['2024-01-03', '2024-01-04', '2024-01-05']);
    expect((await lib.query({ entityIds: ['unknown'] })).total).toBe(0);
  });

  it('sorts by published date and by relevance (title above text)', async () => {
    const { lib } = fresh();
    await seed(lib, [page(1, { title: 'Nothing here', text: 'a long text about mugabe' }), page(2, { title: 'Mugabe under house arrest', text: 'x' })]);
    expect(urls(await lib.query({ text: 'mugabe' }))).toEqual([page(2).url, page(1).url]);
    const byPub = await lib.query({ sort: 'published' });
    expect(byPub.items.map((i) => i.publishedTime)).toEqual([page(2).publishedTime, page(1).publishedTime]);
  });

  it('keeps the index in step with saves, edits, deletes and restores', async () => {
    const { lib } = fresh();
    await seed(lib, [page(1), page(2)]);
    expect((await lib.query({ text: 'zanzibar' })).total).toBe(0);
    await lib.save({ ...page(3), text: 'Zanzibar ferry', tags: undefined, note: undefined });
    expect(urls(await lib.query({ text: 'zanzibar' }))).toEqual([page(3).url]);
    await lib.update(page(1).url, { note: 'remember the quokka', tags: ['animals'] });
    expect(urls(await lib.query({ text: 'quokka' }))).toEqual([page(1).url]);
    expect(urls(await lib.query({ tag: 'animals' }))).toEqual([page(1).url]);
    const removed = await lib.remove([page(1).url, page(3).url]);
    expect(removed.map((p) => p.url).sort()).toEqual([page(1).url, page(3).url].sort());
    expect(removed.find((p) => p.url === page(3).url)?.text).toBe('Zanzibar ferry');
    expect((await lib.query({ text: 'quokka' })).total).toBe(0);
    expect((await lib.query({})).total).toBe(1);
    await lib.write(removed, 'replace');
    expect(urls(await lib.query({ text: 'quokka' }))).toEqual([page(1).url]);
    expect((await lib.query({})).total).toBe(3);
  });

  it('starts from the index snapshot and catches up with what changed while it was not loaded', async () => {
    const { db, lib } = fresh();
    await seed(lib, [page(1), page(2, { title: 'Old title' })]);
    await lib.query({}); // loads, indexes, writes a snapshot
    // Changes behind the loaded service's back: as if another worker wrote them.
    await savePage(db, { ...page(2), title: 'Fresh kiwi title' });
    await savePage(db, { ...page(5), text: 'Lemur' });
    await db.pages.delete(page(1).url);
    const again = new LibraryService(db, { setTimer: () => 0, clearTimer: () => {} });
    expect(urls(await again.query({ text: 'kiwi' }))).toEqual([page(2).url]);
    expect((await again.query({ text: 'old' })).total).toBe(0);
    expect(urls(await again.query({ text: 'lemur' }))).toEqual([page(5).url]);
    expect((await again.query({})).total).toBe(2);
    expect(await db.searchIndex.count()).toBeGreaterThan(0);
  });

  it('rebuilds from the pages when the snapshot is unreadable', async () => {
    const { db, lib } = fresh();
    await seed(lib, [page(1)]);
    await lib.query({});
    await db.searchIndex.put({ key: 'meta', value: { format: 'something else', rev: 0, slots: 0 } });
    const again = new LibraryService(db, { setTimer: () => 0, clearTimer: () => {} });
    expect((await again.query({ text: 'sudan' })).total).toBe(1);
  });

  it('gives the entity view: most present entities, and one entity\'s pages newest first', async () => {
    const { lib } = fresh();
    await seed(lib, Array.from({ length: 5 }, (_, i) => page(i)));
    const o = await lib.overview(10);
    expect(o.entities[0]).toMatchObject({ label: 'New Zealand', count: 3, mentions: 6 });
    expect((await lib.overview(10, 'person')).entities.map((e) => e.label)).toEqual(['Barack Obama']);
  });
});
