/**
 * npm run bench:page — the built extension in headless Chromium over real
 * pages: main-thread time from script start to highlights registered (the
 * page pays for collecting text and placing ranges; matching runs in the
 * background), time to first highlight, and long tasks; next to mark.js
 * highlighting the same names on the same page in the same run.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { launch, startServer, builtExtensionDir, sharedDir } from '../tests/e2e/harness';

const ROOT = resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });
const markJs = readFileSync(resolve(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');

// A generated page of 200 KB of news text (the dev set's interviews, repeated), one <p> per paragraph.
function generatedPage(): string {
  const texts = readFileSync(resolve(sharedDir(), 'eval-dev/gum-wikinews-interview.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text);
  const paragraphs = texts.flatMap((t) => t.split(/\n\n+/));
  let body = '';
  let chars = 0;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  for (let k = 0; chars < 200_000; k++) {
    const p = paragraphs[k % paragraphs.length]!;
    body += `<p>${esc(p)}</p>\n`;
    chars += p.length + 1;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated 200 KB</title></head><body><article>${body}</article></body></html>`;
}

const ALL_PAGES = ['/seed/article.html', '/pages/nytimes-1/source.html', '/pages/guardian-1/source.html', '/pages/bbc-1/source.html', '/pages/breitbart/source.html', '/pages/yahoo-2/source.html', '/gen/200k.html'];
// BENCH_PAGES=200k,yahoo runs only the pages whose path contains one of these.
const only = process.env.BENCH_PAGES?.split(',').filter(Boolean);
const PAGES = only ? ALL_PAGES.filter((p) => only.some((o) => p.includes(o))) : ALL_PAGES;

const server = await startServer();
server.addPage('/gen/200k.html', generatedPage());
const session = await launch('chromium', builtExtensionDir('chromium'));
// Long tasks are only reported to an observer that exists before they happen: register one at document start.
await (session.raw as { addInitScript: (s: string) => Promise<void> }).addInitScript(
  `window.__dossierLongTasks = []; try { new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__dossierLongTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true }); } catch {}`,
);
const ext = await session.openExtensionPage('about.html');
const ask = (kind: string, payload: unknown) => ext.evaluate(`(async () => { const r = await chrome.runtime.sendMessage({ tag: 'dossier/1', kind: ${JSON.stringify(kind)}, payload: ${JSON.stringify(payload)} }); return r.result; })()`);

// Warm the worker and the dataset first: this measures pages, not the first install.
await ask('datasetStatus', {});
for (let i = 0; i < 100; i++) { const s = (await ask('datasetStatus', {})) as { state: string }; if (s.state === 'ready') break; await new Promise((r) => setTimeout(r, 200)); }

/**
 * JS heap of the tab's renderer after a full garbage collection (CDP): the page and our content
 * script share it, so the same page with and without Dossier tells what the content script holds.
 */
async function heapUsed(page: { raw: unknown }): Promise<number> {
  const raw = session.raw as { newCDPSession: (p: unknown) => Promise<{ send: (m: string, a?: object) => Promise<unknown>; detach: () => Promise<void> }> };
  const cdp = await raw.newCDPSession(page.raw);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1e6;
}

const rows: string[][] = [['page', 'text KB', 'mentions', 'ours main-thread ms', 'collect / place ms', 'first highlight ms', 'longest task ms: ours / whole page', "page's DOM work ms: marked / not", 'tab JS heap MB: marked / not', 'mark.js RegExp ms', 'mark.js array ms', 'ratio (mark.js RegExp ÷ ours)']];
// What the marks cost the page afterwards: its own scripts adding and removing 2,000 elements
// (an app re-rendering, a feed growing), timed with our marks in place and on the page unmarked.
const DOM_WORK = `(() => { const box = document.createElement('div'); document.body.append(box); const t0 = performance.now(); for (let i = 0; i < 2000; i++) { const s = document.createElement('span'); s.textContent = 'x'; box.append(s); s.remove(); } const ms = performance.now() - t0; box.remove(); return ms; })()`;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const path of PAGES) {
  const url = server.origin + path;
  const ours: number[] = [];
  const collects: number[] = [];
  const places: number[] = [];
  const first: number[] = [];
  const domWork: number[] = [];
  const heaps: number[] = [];
  let longest = 0;
  let longestOurs = 0;
  let mentions = 0;
  let textKb = 0;
  let names: string[] = [];
  for (let run = 0; run < 3; run++) {
    const page = await session.open(url);
    const got = await page.evaluate(`(async () => {
      for (let i = 0; i < 300; i++) {
        if (performance.getEntriesByName('dossier-highlighted').length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const m = (n) => performance.getEntriesByName(n)[0];
      const lt = window.__dossierLongTasks || [];
      const texts = [];
      // Text straight from the marks' nodes: no live Range is made (live ranges would slow the DOM work timed next).
      for (const [name, h] of CSS.highlights) if (name.startsWith('dossier-') && name !== 'dossier-active') for (const r of h) texts.push(r.startContainer.data.slice(r.startOffset, r.endOffset));
      // Long tasks that overlap our own work (collecting text, placing ranges) are ours.
      // One measure per slice (an enormous page is collected and placed in several): add them up.
      const all = (n) => performance.getEntriesByName(n);
      const sum = (n) => all(n).length ? all(n).reduce((t, e) => t + e.duration, 0) : null;
      const spans = [...all('dossier-collect'), ...all('dossier-place')].map((e) => [e.startTime, e.startTime + e.duration]);
      const ours = lt.filter(([s, d]) => spans.some(([a, b]) => s < b && s + d > a)).map(([, d]) => d);
      return { oursLong: ours, collect: sum('dossier-collect'), place: sum('dossier-place'), start: m('dossier-start')?.startTime ?? null, done: m('dossier-highlighted')?.startTime ?? null, longtasks: lt.map(([, d]) => d), texts, textLen: document.body.innerText.length };
    })()`) as { oursLong: number[]; collect: number | null; place: number | null; start: number | null; done: number | null; longtasks: number[]; texts: string[]; textLen: number };
    // After the page has settled, as the plain page below: the median of three.
    await new Promise((r) => setTimeout(r, 300));
    const work: number[] = [];
    for (let k = 0; k < 3; k++) work.push((await page.evaluate(DOM_WORK)) as number);
    domWork.push(med(work));
    heaps.push(await heapUsed(page));
    await page.close();
    if (got.collect === null || got.place === null || got.done === null || got.start === null) continue;
    ours.push(got.collect + got.place);
    collects.push(got.collect);
    places.push(got.place);
    first.push(got.done - got.start);
    longest = Math.max(longest, ...got.longtasks, 0);
    longestOurs = Math.max(longestOurs, ...got.oursLong, 0);
    mentions = got.texts.length;
    names = [...new Set(got.texts)];
    textKb = Math.round(got.textLen / 1000);
  }
  // mark.js on the same page with Dossier switched off for the site, the same names.
  await ask('setSettings', { disabledSites: ['127.0.0.1'] });
  const plain = await session.open(url);
  await new Promise((r) => setTimeout(r, 300));
  const plainHeap = await heapUsed(plain);
  const plainDomWork: number[] = [];
  await new Promise((r) => setTimeout(r, 300));
  for (let k = 0; k < 3; k++) plainDomWork.push((await plain.evaluate(DOM_WORK)) as number);
  const markTimes = (await plain.evaluate(`(() => {
    ${markJs}
    const names = ${JSON.stringify(names)};
    const esc = (s) => s.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
    const re = new RegExp('\\\\b(?:' + names.sort((a, b) => b.length - a.length).map(esc).join('|') + ')\\\\b', 'g');
    const t0 = performance.now();
    new Mark(document.body).markRegExp(re);
    const regexpMs = performance.now() - t0;
    new Mark(document.body).unmark();
    let arrayMs = null;
    if (names.length <= 150) {
      const t1 = performance.now();
      new Mark(document.body).mark(names, { separateWordSearch: false, accuracy: 'exactly', diacritics: false });
      arrayMs = performance.now() - t1;
    }
    return { regexpMs, arrayMs };
  })()`)) as { regexpMs: number; arrayMs: number | null };
  await plain.close();
  await ask('setSettings', { disabledSites: [] });
  const o = ours.length ? med(ours) : NaN;
  rows.push([path.replace('/source.html', ''), String(textKb), String(mentions), o.toFixed(1), ours.length ? `${med(collects).toFixed(1)} / ${med(places).toFixed(1)}` : 'n/a', first.length ? med(first).toFixed(0) : 'n/a', `${longestOurs ? longestOurs.toFixed(0) : '< 50'} / ${longest ? longest.toFixed(0) : '< 50'}`, `${med(domWork).toFixed(1)} / ${med(plainDomWork).toFixed(1)}`, `${med(heaps).toFixed(1)} / ${plainHeap.toFixed(1)}`, markTimes.regexpMs.toFixed(1), markTimes.arrayMs === null ? 'skipped (> 150 names)' : markTimes.arrayMs.toFixed(1), `${(markTimes.regexpMs / o).toFixed(1)}×`]);
}
// The name index at worker start: the first start of this version read it from the package; a worker
// that slept reads the copy kept in IndexedDB. Stop the worker (CDP) and wake it with a page, three times.
type Load = { loadMs: number; sinceWorkerStartMs: number; from: string; bytes: number };
const status = (await ask('datasetStatus', {})) as { state: string; entities: number; indexLoad?: Load };
const wakes: Load[] = [];
const raw = session.raw as { newCDPSession?: (p: unknown) => Promise<{ send: (m: string) => Promise<unknown> }> };
if (raw.newCDPSession) {
  for (let k = 0; k < 3; k++) {
    const cdp = await raw.newCDPSession((ext as unknown as { raw: unknown }).raw);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 1000));
    const page = await session.open(`${server.origin}/seed/article.html`);
    let load: Load | undefined;
    for (let i = 0; i < 50 && !load; i++) { await new Promise((r) => setTimeout(r, 100)); load = ((await ask('datasetStatus', {})) as { indexLoad?: Load }).indexLoad; }
    if (load) wakes.push(load);
    await page.close();
  }
}
const fmt = (l: Load) => `${l.loadMs.toFixed(0)} ms (ready ${l.sinceWorkerStartMs.toFixed(0)} ms after the worker started; from the ${l.from})`;
console.log(`dataset ${status.state}: ${status.entities.toLocaleString()} entities`);
console.log(`name index, first worker start: ${status.indexLoad ? fmt(status.indexLoad) : '?'}; the worker holds its ${status.indexLoad ? (status.indexLoad.bytes / 1e6).toFixed(1) : '?'} MB (content scripts hold none)`);
for (const w of wakes) console.log(`name index, worker woken by a page: ${fmt(w)}`);
console.log('');
await session.close();
await server.close();

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log('\nmain-thread = collecting text + placing ranges (medians of 3 loads); first highlight includes the round trip to the background.');
