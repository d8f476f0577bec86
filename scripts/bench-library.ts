/**
 * `npm run bench:library`: the library at scale, in Node with fake-indexeddb.
 *
 * Generates a library of N saved pages (default 10,000; `-- --pages 2000`)
 * whose texts are made of real news sentences (the fixture pages'
 * expected.html in ../shared, when present; a word list otherwise), then
 * measures, as the background does them:
 *   - opening the library: the first query of a fresh service, from the
 *     index snapshot (the usual case) and with no snapshot (a full rebuild);
 *   - searches and filters on the loaded library (median and p95 of 25 runs);
 * and, in the same run, baselines: reading every page with its text (what a
 * page that holds the whole library would pay to open) and a linear scan of
 * all texts for the same query. Absolute times depend on the machine and on
 * fake-indexeddb (slower to read than Chromium's IndexedDB); the ratios are
 * the point. Results also go to .tmp/bench-library.json.
 */
import 'fake-indexeddb/auto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LibraryService } from '../utils/background/library-service';
import { ENTITY_TYPES, type EntityType } from '../utils/dataset/schema';
import { openDatabase } from '../utils/db/database';
import { listPages, putPages } from '../utils/db/pages-store';
import { fold } from '../utils/library/text';
import type { LibraryQuery } from '../utils/library/types';
import type { SavedPage } from '../utils/pages';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const N = Number(argv[argv.indexOf('--pages') + 1] || 0) || 10_000;
const RUNS = 25;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

// --- a deterministic generated library ---

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;

function sentencePool(): string[] {
  const dir = resolve(process.env.DOSSIER_SHARED ?? resolve(ROOT, '../shared'), 'fixtures/pages');
  const out: string[] = [];
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const f = resolve(dir, name, 'expected.html');
      if (!existsSync(f)) continue;
      const text = readFileSync(f, 'utf8').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');
      out.push(...text.split(/(?<=[.!?])\s+/).filter((s) => s.length > 40 && s.length < 400));
    }
  }
  if (out.length > 200) return out;
  const words = 'government minister court election party market company police report city country week year people official president economy security law health school water energy border trade vote police union'.split(' ');
  return Array.from({ length: 2000 }, () => Array.from({ length: 18 }, () => pick(words)).join(' ') + '.');
}

function generate(n: number): SavedPage[] {
  const pool = sentencePool();
  const entities = Array.from({ length: 3000 }, (_, i) => ({ id: `Q${1000 + i}`, label: `Entity ${i}`, type: ENTITY_TYPES[i % ENTITY_TYPES.length] as EntityType }));
  const sites = Array.from({ length: 40 }, (_, i) => `site${i}.example`);
  const tags = Array.from({ length: 30 }, (_, i) => `tag${i}`);
  const t0 = Date.UTC(2020, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const sentences = Array.from({ length: 18 + Math.floor(rnd() * 20) }, () => pick(pool));
    // A Zipf-like pick: a few entities are everywhere, most are rare (as in real news).
    const ents = new Map<string, SavedPage['entities'][number]>();
    for (let k = 0, m = 15 + Math.floor(rnd() * 35); k < m; k++) {
      const e = entities[Math.floor(Math.pow(rnd(), 2.5) * entities.length)]!;
      ents.set(e.id, { ...e, count: 1 + Math.floor(rnd() * 6) });
    }
    const savedAt = t0 + i * 3_600_000 + Math.floor(rnd() * 1_000_000);
    return {
      url: `https://${pick(sites)}/news/${i}`,
      title: sentences[0]!.split(' ').slice(0, 10).join(' '),
      site: sites[i % sites.length]!,
      byline: `Reporter ${i % 300}`,
      publishedTime: new Date(savedAt - Math.floor(rnd() * 86_400_000 * 3)).toISOString(),
      savedAt,
      excerpt: sentences[1]!.slice(0, 300),
      text: sentences.join(' '),
      entities: [...ents.values()],
      tags: rnd() < 0.2 ? [pick(tags)] : [],
      note: rnd() < 0.1 ? `note: ${pick(pool)}` : '',
    };
  });
}

// --- measuring ---

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function stats(fn: () => Promise<unknown> | unknown): Promise<{ median: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push((await time(fn)).ms);
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(RUNS / 2)]!, p95: ms[Math.floor(RUNS * 0.95)]! };
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(7);
const heapMb = () => { gc(); return process.memoryUsage().heapUsed / 1e6; };

async function main() {
  console.log(`bench:library — ${N.toLocaleString()} generated pages, Node ${process.version}, fake-indexeddb`);
  const pages = generate(N);
  const textMb = pages.reduce((a, p) => a + p.text.length, 0) / 1e6;
  console.log(`article text: ${textMb.toFixed(1)} MB (${Math.round((textMb * 1e6) / N)} chars a page)`);

  const db = openDatabase(`bench-${Date.now()}`);
  const write = await time(() => putPages(db, pages, 'replace'));
  console.log(`writing the library (one transaction): ${fmt(write.ms)} ms`);

  const opts = { setTimer: () => 0, clearTimer: () => {} };
  const rebuild = await time(() => new LibraryService(db, opts).query({ limit: 50 }));
  // Measured with the snapshot already stored: fake-indexeddb keeps the database itself in this heap.
  const heap0 = heapMb();
  const open = await time(async () => {
    const lib = new LibraryService(db, opts);
    await lib.query({ limit: 50 });
    return lib;
  });
  const lib = open.value;
  const heapLoaded = heapMb() - heap0;
  const snapshotMb = (await db.searchIndex.toArray()).reduce((a, r) => a + (typeof r.value === 'string' ? r.value.length : 0), 0) / 1e6;
  const baselineOpen = await time(() => listPages(db));

  // The same queries as a page that holds every page (with text) would run them.
  const all = baselineOpen.value.map((p) => ({ p, text: fold(`${p.title} ${p.text} ${p.tags.join(' ')} ${p.note}`) }));
  const scan = (q: LibraryQuery) => {
    const words = q.text ? fold(q.text).split(/\s+/).filter(Boolean) : [];
    return all.filter(({ p, text }) =>
      words.every((w) => text.includes(w)) &&
      (!q.entityIds || q.entityIds.every((id) => p.entities.some((e) => e.id === id))) &&
      (!q.site || p.site === q.site) && (!q.tag || p.tags.includes(q.tag)) &&
      (!q.entityType || p.entities.some((e) => e.type === q.entityType)) &&
      (q.from === undefined || p.savedAt >= q.from) && (q.to === undefined || p.savedAt <= q.to),
    ).sort((a, b) => b.p.savedAt - a.p.savedAt).slice(0, 50).length;
  };

  const popular = pages[0]!.entities[0]!.id;
  const word = (i: number) => pages[7]!.text.split(/\s+/).filter((w) => /^[a-z]{6,}$/.test(w))[i] ?? 'government';
  const queries: [string, LibraryQuery][] = [
    ['list, newest first', {}],
    ['text: one common word', { text: 'government' }],
    ['text: one rarer word', { text: word(3) }],
    ['text: two words', { text: `${word(1)} ${word(2)}` }],
    ['text: a word being typed', { text: word(4).slice(0, 4) }],
    ['filter: entity', { entityIds: [popular] }],
    ['filter: entity type', { entityType: 'event' }],
    ['filter: site', { site: 'site7.example' }],
    ['filter: tag', { tag: 'tag3' }],
    ['filter: date range', { from: pages[Math.floor(N / 4)]!.savedAt, to: pages[Math.floor(N / 3)]!.savedAt }],
    ['sort: published', { sort: 'published' }],
    ['text + entity + site', { text: 'government', entityIds: [popular], site: 'site3.example' }],
  ];

  const rows: { name: string; median: number; p95: number; hits: number; scan: number }[] = [];
  for (const [name, q] of queries) {
    const s = await stats(() => lib.query({ ...q, limit: 50 }));
    const hits = (await lib.query({ ...q, limit: 0 })).total;
    const b = await stats(() => scan(q));
    rows.push({ name, ...s, hits, scan: b.median });
  }

  console.log('\nopening the library (first query of a fresh background service)');
  console.log(`  from the index snapshot        ${fmt(open.ms)} ms   (≤ 1000 ms wanted)`);
  console.log(`  no snapshot: full rebuild      ${fmt(rebuild.ms)} ms   (once, then a snapshot is kept)`);
  console.log(`  baseline: read every page+text ${fmt(baselineOpen.ms)} ms   → snapshot open is ${(open.ms / baselineOpen.ms).toFixed(2)}× the baseline`);
  console.log(`  memory of the loaded catalog and index ~${heapLoaded.toFixed(0)} MB heap; snapshot ${snapshotMb.toFixed(1)} MB in IndexedDB`);
  console.log('\nqueries on the loaded library (ms; ≤ 50 ms wanted)      median     p95    hits   scan median   ratio');
  for (const r of rows) {
    console.log(`  ${r.name.padEnd(28)} ${fmt(r.median)} ${fmt(r.p95)} ${String(r.hits).padStart(7)} ${fmt(r.scan)}       ${(r.median / r.scan).toFixed(2)}×`);
  }
  const worst = Math.max(...rows.map((r) => r.p95));
  console.log(`\nworst p95 ${worst.toFixed(1)} ms; open ${open.ms.toFixed(0)} ms`);
  mkdirSync(resolve(ROOT, '.tmp'), { recursive: true });
  writeFileSync(resolve(ROOT, '.tmp/bench-library.json'), JSON.stringify({
    pages: N, textMb, writeMs: write.ms, openMs: open.ms, rebuildMs: rebuild.ms, baselineOpenMs: baselineOpen.ms, heapLoadedMb: heapLoaded, snapshotMb, queries: rows,
  }, null, 2));
  db.close();
}

await main();
