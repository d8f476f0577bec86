/**
 * npm run bench:install — a fresh Chromium profile with the built extension:
 * how long until the whole dataset is ready in IndexedDB, and how fast
 * entities are looked up by id afterwards (p50/p95 over random ids), split into
 *   (a) the background's own lookup: IndexedDB read + decode, timed inside the
 *       service worker with the same steps as utils/db/dataset-store.ts
 *       (without its in-memory LRU, so every read is a cold one);
 *   (b) the message round trip alone (getManifest: a cached reply);
 *   and the whole getEntity request (record + related + library pages) from an
 *       extension page, which is what the popover pays.
 *
 * Flags: --no-build (use .output as built), --runs=N (fresh profiles, default 1),
 * --detail (also: fetch + split of the packaged parts, and bare IndexedDB writes of them).
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { launch, builtExtensionDir } from '../tests/e2e/harness';

const ROOT = resolve(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(arg('runs') ?? 1);
const detail = process.argv.includes('--detail');
if (!process.argv.includes('--no-build')) execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });

const ids = (JSON.parse(readFileSync(resolve(ROOT, 'data/build/names.json'), 'utf8')) as { entities: [string][] }).entities.map((e) => e[0]);
let seed = 7;
const pick = () => ids[(seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % ids.length]!;
const sample = Array.from({ length: 300 }, pick);

const quantiles = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return `p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`;
};

/** Runs in the service worker: reads the bucket of each id as dataset-store does, timing read and decode. */
const WORKER_LOOKUP = `async (ids) => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const db = await req(indexedDB.open('dossier'));
  const meta = await req(db.transaction('meta').objectStore('meta').get('dataset'));
  const n = meta.value.buckets;
  const bucketOf = (id) => { let h = 0x811c9dc5; for (let i = 0; i < id.length; i++) { h ^= id.charCodeAt(i); h = Math.imul(h, 0x01000193); } return (h >>> 0) % n; };
  const decode = (row, id) => {
    if (!row) return undefined;
    if (row.text === undefined) return row.records.find((r) => r.id === id);
    const key = id + '\\t';
    let start = row.text.startsWith(key) ? 0 : row.text.indexOf('\\n' + key) + 1;
    if (start === 0 && !row.text.startsWith(key)) return undefined;
    const end = row.text.indexOf('\\n', start);
    return JSON.parse(row.text.slice(start + key.length, end < 0 ? row.text.length : end));
  };
  const one = { read: [], decode: [], total: [] };
  const withRelated = [];
  for (const id of ids) {
    const t0 = performance.now();
    const row = await req(db.transaction('entityBuckets').objectStore('entityBuckets').get(bucketOf(id)));
    const t1 = performance.now();
    const rec = decode(row, id);
    const t2 = performance.now();
    if (!rec) throw new Error('missing ' + id);
    const related = rec.related.slice(0, 12);
    const store = db.transaction('entityBuckets').objectStore('entityBuckets');
    const buckets = [...new Set(related.map(bucketOf))];
    const rows = new Map(await Promise.all(buckets.map(async (b) => [b, await req(store.get(b))])));
    for (const r of related) decode(rows.get(bucketOf(r)), r);
    const t3 = performance.now();
    one.read.push(t1 - t0); one.decode.push(t2 - t1); one.total.push(t2 - t0); withRelated.push(t3 - t0);
  }
  db.close();
  return { ...one, withRelated };
}`;

/** Runs in the service worker: fetch + split every packaged part, then write them bare into a scratch database. */
const WORKER_PARTS = `async () => {
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const list = await (await fetch(chrome.runtime.getURL('/data/entities-parts.json'))).json();
  const t0 = performance.now();
  const parts = [];
  for (const p of list.parts) {
    const res = await fetch(chrome.runtime.getURL('/data/' + p));
    const text = await (p.endsWith('.gz') ? new Response(res.body.pipeThrough(new DecompressionStream('gzip'))) : res).text();
    const rows = [];
    let pos = 0;
    while (pos < text.length) {
      const tab = text.indexOf('\\t', pos), nl = text.indexOf('\\n', pos);
      const start = nl + 1, end = start + Number(text.slice(tab + 1, nl));
      rows.push({ bucket: Number(text.slice(pos, tab)), text: text.slice(start, end) });
      pos = end + 1;
    }
    parts.push(rows);
  }
  const t1 = performance.now();
  const open = indexedDB.open('bench-scratch', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('b', { keyPath: 'bucket' });
  const db = await req(open);
  for (const rows of parts) {
    const tx = db.transaction('b', 'readwrite');
    for (const r of rows) tx.objectStore('b').put(r);
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
  }
  const t2 = performance.now();
  db.close();
  await req(indexedDB.deleteDatabase('bench-scratch'));
  return { fetchSplit: t1 - t0, write: t2 - t1 };
}`;

for (let run = 0; run < runs; run++) {
  const t0 = Date.now();
  const session = await launch('chromium', builtExtensionDir('chromium'));
  const launched = Date.now();
  const ext = await session.openExtensionPage('about.html');
  const ask = (kind: string, payload: unknown) => ext.evaluate(`(async () => { const r = await chrome.runtime.sendMessage({ tag: 'dossier/1', kind: ${JSON.stringify(kind)}, payload: ${JSON.stringify(payload)} }); if ('error' in r) throw new Error(r.error); return r.result; })()`);
  let status: { state: string; entities: number; progress: number } = { state: 'empty', entities: 0, progress: 0 };
  const progress: string[] = [];
  while (Date.now() - launched < 120_000) {
    status = (await ask('datasetStatus', {})) as typeof status;
    progress.push(`${status.state}:${Math.round(status.progress * 100)}%`);
    if (status.state === 'ready' || status.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const ready = Date.now();
  console.log(`dataset ${status.state}: ${status.entities.toLocaleString()} entities, ready ${((ready - launched) / 1000).toFixed(2)} s after the extension loaded (browser start ${((launched - t0) / 1000).toFixed(2)} s)`);
  console.log(`progress seen: ${[...new Set(progress)].slice(0, 12).join(' ')}`);

  const roundTrips = (kind: string, payloads: unknown[]) => ext.evaluate(`(async () => {
    const out = [];
    for (const payload of ${JSON.stringify(payloads)}) {
      const t = performance.now();
      const r = await chrome.runtime.sendMessage({ tag: 'dossier/1', kind: ${JSON.stringify(kind)}, payload });
      if (!('result' in r) || r.result === null) throw new Error(${JSON.stringify(kind)} + ' failed: ' + JSON.stringify(payload));
      out.push(performance.now() - t);
    }
    return out;
  })()`) as Promise<number[]>;

  // First what the old bench measured: the popover's request right after the install.
  const times = await roundTrips('getEntity', sample.map((id) => ({ id })));
  console.log(`getEntity round trip from an extension page (record + related + library pages), ${times.length} random ids: ${quantiles(times)}`);
  const trivial = await roundTrips('getManifest', sample.map(() => ({})));
  console.log(`(b) message round trip alone (getManifest, cached reply): ${quantiles(trivial)}`);
  const ctx = session.raw as BrowserContext;
  const worker: Worker | undefined = ctx.serviceWorkers().find((w) => w.url().startsWith(session.extensionOrigin));
  if (worker) {
    const w = (await worker.evaluate(`(${WORKER_LOOKUP})(${JSON.stringify(sample)})`)) as Record<'read' | 'decode' | 'total' | 'withRelated', number[]>;
    console.log(`(a) background lookup by id, in the worker, cold (no LRU): IndexedDB read ${quantiles(w.read)}; decode ${quantiles(w.decode)}; read + decode ${quantiles(w.total)}`);
    console.log(`    the same with the record's related entities (up to 12, as getEntity): ${quantiles(w.withRelated)}`);
  }
  const again = await roundTrips('getEntity', sample.map((id) => ({ id })));
  console.log(`getEntity again, same ids (the worker's bucket cache warm): ${quantiles(again)}`);
  if (detail && worker) {
    const d = (await worker.evaluate(`(${WORKER_PARTS})()`)) as { fetchSplit: number; write: number };
    console.log(`detail: fetch (+ inflate) + split of all parts ${d.fetchSplit.toFixed(0)} ms; bare IndexedDB writes of them (one transaction a part) ${d.write.toFixed(0)} ms`);
  }
  await session.close();
}
