/**
 * npm run bench:install — a fresh Chromium profile with the built extension:
 * how long until the whole dataset is ready in IndexedDB, and how fast
 * entities are looked up by id afterwards (p50/p95 over random ids).
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, builtExtensionDir } from '../tests/e2e/harness';

const ROOT = resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });
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

const ids = (JSON.parse(readFileSync(resolve(ROOT, 'data/build/names.json'), 'utf8')) as { entities: [string][] }).entities.map((e) => e[0]);
let seed = 7;
const pick = () => ids[(seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % ids.length]!;
const sample = Array.from({ length: 300 }, pick);
const times = (await ext.evaluate(`(async () => {
  const out = [];
  for (const id of ${JSON.stringify(sample)}) {
    const t = performance.now();
    const r = await chrome.runtime.sendMessage({ tag: 'dossier/1', kind: 'getEntity', payload: { id } });
    if (!r.result) throw new Error('missing ' + id);
    out.push(performance.now() - t);
  }
  return out;
})()`)) as number[];
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
console.log(`getEntity round trip from an extension page (record + related + library pages), ${times.length} random ids: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`);
await session.close();
