/** Export (JSON, CSV, Markdown), import (our JSON, Pocket CSV) and their validation. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryService } from '../../utils/background/library-service';
import { openDatabase, type DossierDb } from '../../utils/db/database';
import { listPages } from '../../utils/db/pages-store';
import { csvField, parseCsv } from '../../utils/library/csv';
import { csvPage, csvStart, markdownPage, mdText, toJson } from '../../utils/library/export';
import { detectFormat, ImportError, parseImport } from '../../utils/library/import';
import { page } from './helpers/library-pages';

let n = 0;
const dbs: DossierDb[] = [];
function fresh() {
  const db = openDatabase(`files-${n++}`);
  dbs.push(db);
  return { db, lib: new LibraryService(db, { setTimer: () => 0, clearTimer: () => {} }) };
}
afterEach(() => { for (const db of dbs.splice(0)) db.close(); });

const HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) *b* # h';

describe('JSON export and import', () => {
  it('round-trips a library exactly, into a fresh database', async () => {
    const a = fresh();
    const pages = [page(1, { title: HOSTILE, note: 'line one\n- line two', tags: ['a', 'b'] }), page(2, { byline: undefined, publishedTime: undefined }), page(3)];
    await a.lib.write(pages, 'replace');
    const json = toJson(await listPages(a.db), new Date('2026-01-02T03:04:05Z'));
    const b = fresh();
    expect(await b.lib.importParsed(parseImport(json))).toEqual({ added: 3, updated: 0, skipped: 0 });
    const sort = (x: { url: string }[]) => [...x].sort((p, q) => p.url.localeCompare(q.url));
    expect(sort(await listPages(b.db))).toEqual(sort(await listPages(a.db)));
    expect(sort(await listPages(b.db))).toEqual(sort(pages));
  });

  it('merges by URL, newest wins, and reports added, updated and skipped', async () => {
    const { db, lib } = fresh();
    await lib.write([page(1), page(2)], 'replace');
    const file = toJson([
      { ...page(1), title: 'older copy', savedAt: page(1).savedAt - 1 },
      { ...page(2), title: 'newer copy', savedAt: page(2).savedAt + 1 },
      page(3), { ...page(3), savedAt: page(3).savedAt - 5 }, // a duplicate inside the file
    ], new Date());
    const parsed = parseImport(file);
    expect(await lib.importParsed(parsed)).toEqual({ added: 1, updated: 1, skipped: 2 });
    const byUrl = new Map((await listPages(db)).map((p) => [p.url, p]));
    expect(byUrl.get(page(1).url)!.title).toBe(page(1).title);
    expect(byUrl.get(page(2).url)!.title).toBe('newer copy');
    expect(byUrl.get(page(3).url)!.savedAt).toBe(page(3).savedAt);
    // And the search index knows.
    expect((await lib.query({ text: 'newer' })).items.map((i) => i.url)).toEqual([page(2).url]);
  });

  const bad: [string, string, RegExp][] = [
    ['truncated', toJson([page(1), page(2)], new Date()).slice(0, 300), /not valid JSON — it may be truncated/],
    ['empty', '   ', /empty/],
    ['not ours', JSON.stringify({ hello: 'world', pages: [] }), /not a Dossier library export/],
    ['newer version', JSON.stringify({ format: 'dossier-library', version: 9, pages: [] }), /version .*newer Dossier/],
    ['javascript: URL', JSON.stringify({ format: 'dossier-library', version: 1, pages: [{ ...page(1), url: 'javascript:alert(1)' }] }), /pages\[0\]\.url is not an http\(s\) address/],
    ['bad entity type', JSON.stringify({ format: 'dossier-library', version: 1, pages: [page(1), { ...page(2), entities: [{ id: 'x', label: 'x', type: 'alien', count: 1 }] }] }), /pages\[1\]\.entities\[0\]\.type/],
    ['huge text', JSON.stringify({ format: 'dossier-library', version: 1, pages: [{ ...page(1), text: 'x'.repeat(2_000_001) }] }), /pages\[0\]\.text is longer/],
    ['savedAt as a string', JSON.stringify({ format: 'dossier-library', version: 1, pages: [{ ...page(1), savedAt: 'yesterday' }] }), /pages\[0\]\.savedAt/],
    ['an array', '[1,2,3]', /expected a JSON object/],
    ['missing fields', JSON.stringify({ format: 'dossier-library', version: 1, pages: [{ url: 'https://x.example/' }] }), /pages\[0\]\.title is missing \(and 7 more problems\)/],
  ];
  it.each(bad)('rejects a file that is %s, and changes nothing', async (_name, text, message) => {
    const { db, lib } = fresh();
    await lib.write([page(7)], 'replace');
    const before = await listPages(db);
    expect(() => parseImport(text)).toThrow(ImportError);
    expect(() => parseImport(text)).toThrow(message);
    expect(await listPages(db)).toEqual(before);
  });

  it('drops keys it does not know, "__proto__" included', () => {
    const text = `{"format":"dossier-library","version":1,"pages":[${JSON.stringify(page(1)).replace(/^\{/, '{"__proto__":{"polluted":true},"extra":1,')}]}`;
    const parsed = parseImport(text);
    expect(Object.keys(parsed.pages[0]!)).not.toContain('extra');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.pages[0])).toBe(Object.prototype);
  });

  it('writes in one transaction: a failure half-way leaves the library as it was', async () => {
    const { db, lib } = fresh();
    await lib.write([page(1)], 'replace');
    const before = await listPages(db);
    // A value IndexedDB cannot store, after valid pages: the whole write must roll back.
    const broken = [page(2), page(3), { ...page(4), entities: [{ id: 'x', label: 'x', type: 'place' as const, count: 1, fn: () => 1 }] }];
    await expect(lib.write(broken as never, 'newest')).rejects.toBeTruthy();
    expect(await listPages(db)).toEqual(before);
    expect((await lib.query({})).total).toBe(1);
  });
});

describe('Pocket CSV import', () => {
  const pocket = [
    'title,url,time_added,tags,status',
    '"Sudan, sanctions and ""the deal""",https://www.nytimes.com/2017/01/13/world/africa/sudan-sanctions.html,1484300000,world|africa,unread',
    'No title row,https://example.org/b,1484400000,,archive',
    ',https://example.org/c,1484500000,reading,unread',
    'App link,pocket://item/1,1484600000,,unread',
  ].join('\r\n');

  it('reads title, url, time_added and tags; skips what is not a web page; keeps pages already saved', async () => {
    expect(detectFormat(pocket)).toBe('pocket');
    const parsed = parseImport(pocket);
    expect(parsed.format).toBe('pocket');
    expect(parsed.pages.map((p) => [p.title, p.site, p.savedAt, p.tags])).toEqual([
      ['Sudan, sanctions and "the deal"', 'nytimes.com', 1484300000000, ['world', 'africa']],
      ['No title row', 'example.org', 1484400000000, []],
      ['https://example.org/c', 'example.org', 1484500000000, ['reading']],
    ]);
    const { lib } = fresh();
    await lib.write([{ ...page(1), url: 'https://example.org/b', title: 'Saved in full' }], 'replace');
    expect(await lib.importParsed(parsed)).toEqual({ added: 2, updated: 0, skipped: 2 });
    expect((await lib.query({ text: 'saved in full' })).total).toBe(1);
    expect((await lib.query({ tag: 'africa' })).total).toBe(1);
  });

  it('rejects a CSV that is not Pocket\'s, or is cut inside a quote, or has a bad time', () => {
    expect(() => parseImport('a,b,c\n1,2,3')).toThrow(/neither a Dossier export nor a Pocket export/);
    expect(() => parseImport('title,url,time_added,tags\n"open quote,https://x.example/,1,')).toThrow(/ends inside a quoted field/);
    expect(() => parseImport('title,url,time_added,tags\nx,https://x.example/,yesterday,')).toThrow(/Row 2: time_added/);
    expect(() => parseImport('title,url,time_added,tags\nx')).toThrow(/Row 2 has 1 fields/);
  });
});

describe('CSV and Markdown exports keep text as text', () => {
  it('quotes and neutralises formulas in CSV', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"\nnow')).toBe('"say ""hi""\nnow"');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1')).toBe("'+1");
    const row = csvPage(page(1, { title: HOSTILE, note: '@SUM(A1)' }));
    const [parsed] = parseCsv(row);
    expect(parsed![1]).toBe(HOSTILE);
    expect(parsed![7]).toBe("'@SUM(A1)");
    expect(csvStart().startsWith('\ufeffurl,title,')).toBe(true);
  });

  it('escapes markup and Markdown in titles, notes and excerpts', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    const md = markdownPage(page(1, { title: HOSTILE, note: '# not a heading\n- not a list\n1. nor this', excerpt: '<b>x</b>' }));
    expect(md).not.toMatch(/<script|<img|<b>/);
    expect(md).toContain('\\[x\\]\\(javascript:alert\\(3\\)\\)');
    expect(md).toContain(`](<${page(1).url}>)`);
    expect(md).toContain('> \\# not a heading');
    expect(md).toContain('> \\- not a list');
    expect(md).toContain('> 1\\. nor this');
  });

  it('links only http(s) addresses', () => {
    const md = markdownPage({ ...page(1), url: 'javascript:alert(1)' });
    expect(md).not.toContain('](');
  });
});
