/**
 * npm run bench — the matcher against the alternatives, in one Node process,
 * on the same names and the same texts (6 KB, 200 KB, 2 MB):
 *   ours (typed-array trie scan, and full annotate with the resolver),
 *   the reference matcher (Map trie over pre-folded text), modern-ahocorasick,
 *   @monyone/aho-corasick, a RegExp alternation, and a loop that only finds
 *   word boundaries (the practical limit for a tokenizing matcher).
 * Figures are medians; the ratios are what to compare (machines are noisy).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import ModernAhoCorasick from 'modern-ahocorasick';
import { AhoCorasick as MonyoneAhoCorasick } from '@monyone/aho-corasick';
import type { NameIndexFile } from '../utils/dataset/schema';
import { annotateTexts, buildIndexBuffer, countWordsOnly, openIndex, scanHits, splitBlocks } from '../utils/matcher';
import { compileReferenceIndex } from '../utils/matcher/reference-compile';
import { findHits } from '../utils/matcher/reference-match';
import { BUILD_DIR } from './lib/dataset-files';

const TARGET_NAMES = Number(process.env.BENCH_NAMES ?? 150_000);
const shared = process.env.DOSSIER_SHARED ?? resolve(import.meta.dirname, '../../shared');

// --- names: the dataset's, topped up with synthetic two-word names to TARGET_NAMES ---
const file = JSON.parse(readFileSync(resolve(BUILD_DIR, 'names.json'), 'utf8')) as NameIndexFile;
const realNames = file.names.length;
let seed = 42;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const words = [...new Set(file.entities.flatMap(([, label]) => label.split(/\s+/)).filter((w) => /^\p{Lu}\p{Ll}{2,}$/u.test(w)))];
while (file.names.length < TARGET_NAMES) {
  const a = words[Math.floor(rand() * words.length)]!;
  const b = words[Math.floor(rand() * words.length)]!;
  file.names.push([`${a} ${b}`, Math.floor(rand() * file.entities.length), 1]);
}
const surfaces = [...new Set(file.names.map(([s]) => s))];

// --- texts: real news text (the dev set, the seed), cut or repeated to size ---
function newsText(): string {
  const parts: string[] = [];
  try {
    for (const line of readFileSync(resolve(shared, 'eval-dev/gum-wikinews-interview.jsonl'), 'utf8').split('\n')) if (line.trim()) parts.push((JSON.parse(line) as { text: string }).text);
    parts.unshift(readFileSync(resolve(shared, 'fixtures/seed/article.txt'), 'utf8'));
  } catch {
    parts.push(readFileSync(resolve(import.meta.dirname, '../data/sample/article.html'), 'utf8').replace(/<[^>]+>/g, ' '));
  }
  return parts.join('\n\n');
}
const base = newsText();
// Page text arrives as flat strings; concatenation makes ropes, which every engine would pay to flatten.
const flat = (t: string) => Buffer.from(t, 'utf16le').toString('utf16le');
const sized = (n: number) => { let t = base; while (t.length < n) t += "\n\n" + base; return flat(t.slice(0, n)); };
const TEXTS = [['6 KB', sized(6_000)], ['200 KB', sized(200_000)], ['2 MB', sized(2_000_000)]] as const;
const asciiFold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x00-\x7f]/g, ' ');

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; }
function time(fn: () => unknown, minRuns: number, minMs = 300): number {
  // Warm-up until the JIT has settled (a 6 KB text needs hundreds of runs), so no engine is timed cold.
  const w0 = performance.now();
  for (let k = 0; k < 3 || (performance.now() - w0 < 250 && k < 2000); k++) fn();
  const xs: number[] = [];
  const t0 = performance.now();
  while (xs.length < minRuns || performance.now() - t0 < minMs) {
    const a = performance.now(); fn(); xs.push(performance.now() - a);
    if (xs.length > 200) break;
  }
  return median(xs);
}
function heapDelta(build: () => unknown): { value: unknown; ms: number; mb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = build();
  const ms = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  return { value, ms, mb: (process.memoryUsage().heapUsed - h0) / 1e6 };
}

interface Engine { name: string; buildMs: number; mb: number; run: (text: string) => unknown; note?: string }

/**
 * Each engine is built, timed on every text and let go before the next is built: a matcher timed
 * beside the others' structures (hundreds of MB for some) would pay for their garbage collection.
 */
const builders: (() => Engine[])[] = [
  () => [{ name: 'tokenizer-only loop', buildMs: 0, mb: 0, run: (t) => countWordsOnly(t) }],
  () => {
    const b = heapDelta(() => buildIndexBuffer(file));
    const buf = b.value as ArrayBuffer;
    const t0 = performance.now();
    const index = openIndex(buf);
    const openMs = performance.now() - t0;
    console.log(`names: ${file.names.length.toLocaleString()} (${realNames.toLocaleString()} from the dataset, the rest synthetic); names.idx ${(buf.byteLength / 1e6).toFixed(2)} MB, compiled in ${b.ms.toFixed(0)} ms, opened in ${openMs.toFixed(2)} ms`);
    return [
      { name: 'ours: scan', buildMs: b.ms, mb: buf.byteLength / 1e6, run: (t) => scanHits(index, t) },
      { name: 'ours: annotate (scan+resolve)', buildMs: b.ms, mb: buf.byteLength / 1e6, run: (t) => annotateTexts(index, splitBlocks(t).map((x) => x.text)) },
    ];
  },
  () => {
    const b = heapDelta(() => compileReferenceIndex(file));
    const ref = b.value as ReturnType<typeof compileReferenceIndex>;
    return [{ name: 'reference Map trie', buildMs: b.ms, mb: b.mb, run: (t) => findHits(ref, t) }];
  },
  () => {
    const lower = [...new Set(surfaces.map((s) => asciiFold(s).toLowerCase()))];
    const b = heapDelta(() => new ModernAhoCorasick(lower));
    const ac = b.value as ModernAhoCorasick;
    return [{ name: 'modern-ahocorasick', buildMs: b.ms, mb: b.mb, run: (t) => ac.search(asciiFold(t).toLowerCase()), note: 'ASCII-folded lowercase text (it slows sharply on other text in Node)' }];
  },
  () => {
    const b = heapDelta(() => new MonyoneAhoCorasick(surfaces));
    const ac = b.value as MonyoneAhoCorasick;
    return [{ name: '@monyone/aho-corasick', buildMs: b.ms, mb: b.mb, run: (t) => ac.matchInText(t), note: 'no word boundaries, no folding' }];
  },
  () => {
    if (process.env.BENCH_SKIP_REGEXP === '1') return [];
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const b = heapDelta(() => new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...surfaces].sort((x, y) => y.length - x.length).map(esc).join('|')})(?![\\p{L}\\p{N}])`, 'gu'));
    const re = b.value as RegExp;
    return [{ name: 'RegExp alternation', buildMs: b.ms, mb: b.mb, run: (t) => t.match(re), note: 'longest first, Unicode word bounds' }];
  },
];

const engines: Engine[] = [];
const results = new Map<string, Map<string, number>>();
for (const build of builders) {
  let built: Engine[] | null = build();
  for (const [label, text] of TEXTS) {
    const runs = text.length > 1e6 ? 3 : 7;
    for (const e of built) {
      if (e.name === 'RegExp alternation' && text.length > 1e6 && process.env.BENCH_FULL !== '1') continue;
      const ms = time(() => e.run(text), runs);
      const mbps = text.length * 2 / 1e6 / (ms / 1000) / 2; // MB of text (UTF-16 units ≈ bytes of ASCII)
      (results.get(e.name) ?? results.set(e.name, new Map()).get(e.name)!).set(label, mbps);
    }
  }
  // Keep the figures, let the structures go.
  engines.push(...built.map((e) => ({ ...e, run: () => undefined })));
  built = null;
  (globalThis as { gc?: () => void }).gc?.();
}

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad('engine', 32)}${pad('build ms', 10)}${pad('MB', 8)}${TEXTS.map(([l]) => pad(`${l} MB/s`, 14)).join('')}`);
for (const e of engines) {
  const r = results.get(e.name)!;
  console.log(`${pad(e.name, 32)}${pad(e.buildMs.toFixed(0), 10)}${pad(e.mb.toFixed(1), 8)}${TEXTS.map(([l]) => pad(r.has(l) ? r.get(l)!.toFixed(1) : 'skipped', 14)).join('')}${e.note ? `  (${e.note})` : ''}`);
}
const ours = results.get('ours: scan')!;
console.log('\nratios (ours: scan ÷ other, same text, same run):');
for (const e of engines) {
  if (e.name === 'ours: scan') continue;
  const r = results.get(e.name)!;
  console.log(`  ${pad(e.name, 30)}${TEXTS.map(([l]) => pad(r.has(l) ? `${(ours.get(l)! / r.get(l)!).toFixed(2)}×` : '–', 10)).join('')}`);
}
