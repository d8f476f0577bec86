/**
 * npm run eval -- GOLD.jsonl [--errors]
 * Scores the matcher against gold mentions (format of ../shared/eval-dev):
 * precision/recall/F1 for exact and overlapping spans, by type, linking
 * accuracy where both sides have a Wikipedia title, and dataset coverage of
 * the gold's linked entities.
 */
import { readFileSync } from 'node:fs';
import { annotatePlain } from './lib/annotate-core';
import { loadIndex, loadRecords } from './lib/dataset-files';
import { prf, scoreDoc, type Counts, type GoldMention } from './lib/score';

const file = process.argv[2];
if (!file) { console.error('usage: npm run eval -- GOLD.jsonl [--errors]'); process.exit(2); }
const showErrors = process.argv.includes('--errors');

const index = loadIndex();
const recordsList = loadRecords();
const records = new Map(recordsList.map((r) => [r.id, r]));
const titles = new Set(recordsList.flatMap((r) => (r.wikipedia ? [r.wikipedia.replace(/_/g, ' ')] : [])));

const sum = (a: Counts, b: Counts) => { a.tp += b.tp; a.fp += b.fp; a.fn += b.fn; };
const exact: Counts = { tp: 0, fp: 0, fn: 0 };
const overlap: Counts = { tp: 0, fp: 0, fn: 0 };
const byType: Record<string, Counts> = {};
const linked = { correct: 0, total: 0 };
const goldLinks = new Set<string>();
const fpSurfaces = new Map<string, number>();
const missSurfaces = new Map<string, number>();

for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const doc = JSON.parse(line) as { id: string; text: string; mentions: GoldMention[] };
  const sys = annotatePlain(index, records, doc.text);
  const s = scoreDoc(doc.mentions, sys);
  sum(exact, s.exact); sum(overlap, s.overlap);
  for (const [t, c] of Object.entries(s.byType)) sum((byType[t] ??= { tp: 0, fp: 0, fn: 0 }), c);
  linked.correct += s.linked.correct; linked.total += s.linked.total;
  for (const g of doc.mentions) if (g.link) goldLinks.add(g.link.replace(/_/g, ' '));
  for (const f of s.falsePositives) { const k = doc.text.slice(f.start, f.end); fpSurfaces.set(k, (fpSurfaces.get(k) ?? 0) + 1); }
  for (const m of s.misses) missSurfaces.set(m.surface, (missSurfaces.get(m.surface) ?? 0) + 1);
}

const fmt = (x: number) => x.toFixed(3);
const line = (name: string, c: Counts) => { const r = prf(c); return `${name.padEnd(10)} P ${fmt(r.precision)}  R ${fmt(r.recall)}  F1 ${fmt(r.f1)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`; };
console.log(`dataset ${index.datasetVersion} on ${file}`);
console.log(line('exact', exact));
console.log(line('overlap', overlap));
for (const t of Object.keys(byType).sort()) console.log(line(`  ${t}`, byType[t]!));
console.log(`linking    ${linked.total ? fmt(linked.correct / linked.total) : 'n/a'} (${linked.correct}/${linked.total} where both sides have a title)`);
const covered = [...goldLinks].filter((t) => titles.has(t)).length;
console.log(`coverage   ${fmt(covered / Math.max(1, goldLinks.size))} (${covered}/${goldLinks.size} distinct linked gold entities in the dataset)`);
if (showErrors) {
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${k} ×${v}`).join(' | ');
  console.log(`\nfalse positives: ${top(fpSurfaces)}`);
  console.log(`\nmisses: ${top(missSurfaces)}`);
}
