/** Scoring annotations against gold mentions: exact and overlapping spans, by type, linking, coverage. */

export interface GoldMention { start: number; end: number; surface: string; type: string; link: string | null }
export interface SystemMention { start: number; end: number; type: string; wikipedia: string | null }

export const TYPE_TO_GOLD: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC', event: 'MISC', work: 'MISC', other: 'MISC' };

export interface Counts { tp: number; fp: number; fn: number }
export const prf = (c: Counts) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export interface DocScore {
  exact: Counts;
  overlap: Counts;
  byType: Record<string, Counts>;
  linked: { correct: number; total: number };
  falsePositives: { start: number; end: number }[];
  misses: GoldMention[];
}

export function scoreDoc(gold: GoldMention[], sys: SystemMention[]): DocScore {
  const exact: Counts = { tp: 0, fp: 0, fn: 0 };
  const overlap: Counts = { tp: 0, fp: 0, fn: 0 };
  const byType: Record<string, Counts> = {};
  const bt = (t: string) => (byType[t] ??= { tp: 0, fp: 0, fn: 0 });
  const linked = { correct: 0, total: 0 };
  const falsePositives: DocScore['falsePositives'] = [];
  const misses: GoldMention[] = [];

  for (const s of sys) {
    const e = gold.some((g) => g.start === s.start && g.end === s.end);
    if (e) exact.tp++; else exact.fp++;
    const o = gold.find((g) => overlaps(g, s));
    if (o) overlap.tp++; else { overlap.fp++; falsePositives.push(s); bt(TYPE_TO_GOLD[s.type] ?? 'MISC').fp++; }
    if (o && o.link && s.wikipedia) {
      linked.total++;
      if (o.link.replace(/_/g, ' ') === s.wikipedia.replace(/_/g, ' ')) linked.correct++;
    }
  }
  for (const g of gold) {
    if (!sys.some((s) => s.start === g.start && s.end === g.end)) exact.fn++;
    if (sys.some((s) => overlaps(g, s))) bt(g.type).tp++;
    else { overlap.fn++; bt(g.type).fn++; misses.push(g); }
  }
  return { exact, overlap, byType, linked, falsePositives, misses };
}
