/**
 * Merge drafts into entities. Drafts sharing any key (Wikidata id, bioguide id,
 * source key...) are one entity. Then groups with the same folded label, type
 * and country are merged when that is unambiguous: at most one Wikidata id and
 * one Wikipedia title among them (a footballer and a senator of one name are two
 * articles) and no source contributing two of them (two "John Smith"s from one
 * source stay apart). Curated extensions must land on a source record.
 */
import type { Draft } from './draft.ts';
import { labelKey } from './curated.ts';

/** Source precedence: earlier wins for label, kind, wikipedia, id. */
export const PRECEDENCE = ['curated', 'congress', 'epcab', 'fte', 'usgov', 'wmc', 'countries', 'iso3166', 'geonames', 'partyfacts', 'sp500', 'sec', 'pantheon', 'football', 'univ', 'nsi', 'events'];

/** Every key a draft is known by: its own, the Wikidata id, the English Wikipedia title (one article = one entity). */
export function draftKeys(d: Draft): string[] {
  const keys = [d.key, ...d.keys];
  if (d.wikidata) keys.push(`wd:${d.wikidata}`);
  if (d.wikipedia && !d.extendOnly) keys.push(`enwiki:${d.wikipedia.replace(/_/g, ' ')}`);
  return keys;
}

function rank(d: Draft): number {
  const i = PRECEDENCE.indexOf(d.sources[0] ?? '');
  return i < 0 ? PRECEDENCE.length : i;
}

export interface Group {
  id: string;
  drafts: Draft[];
}

export interface MergeResult {
  groups: Group[];
  keyToId: Map<string, string>;
  stats: { drafts: number; groups: number; keyMerges: number; labelMerges: number; ambiguousLabels: number; qidConflicts: string[] };
}

export function mergeDrafts(drafts: Draft[]): MergeResult {
  const parent = drafts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Per-root state for compatibility checks.
  const qids = drafts.map((d) => new Set(d.wikidata ? [d.wikidata] : []));
  const srcs = drafts.map((d) => new Set(d.extendOnly ? [] : d.sources.slice(0, 1)));
  // Wikipedia titles the sources give: two articles are two entities, whatever their labels share.
  const titles = drafts.map((d) => new Set(d.wikipedia && !d.extendOnly ? [d.wikipedia.replace(/_/g, ' ')] : []));
  const union = (a: number, b: number): boolean => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return false;
    const [lo, hi] = ra < rb ? [ra, rb] : [rb, ra];
    parent[hi] = lo;
    for (const q of qids[hi]!) qids[lo]!.add(q);
    for (const s of srcs[hi]!) srcs[lo]!.add(s);
    for (const t of titles[hi]!) titles[lo]!.add(t);
    return true;
  };
  const stats = { drafts: drafts.length, groups: 0, keyMerges: 0, labelMerges: 0, ambiguousLabels: 0, qidConflicts: [] as string[] };

  // 1. Shared keys.
  const owner = new Map<string, number>();
  const labelTargets: [number, string][] = [];
  drafts.forEach((d, i) => {
    for (const k of draftKeys(d)) {
      if (k.startsWith('l:')) {
        labelTargets.push([i, k]);
        continue;
      }
      const o = owner.get(k);
      if (o === undefined) {
        owner.set(k, i);
        continue;
      }
      const a = find(o);
      const b = find(i);
      if (a === b) continue;
      const q = new Set([...qids[a]!, ...qids[b]!]);
      if (q.size > 1) {
        stats.qidConflicts.push(`${k}: ${[...q].join(' ')}`);
        continue;
      }
      if (union(a, b)) stats.keyMerges++;
    }
  });

  // 2. Same label + type + country.
  const labelRoots = new Map<string, Set<number>>();
  drafts.forEach((d, i) => {
    if (d.extendOnly || !d.label) return;
    const k = labelKey(d.label, d.labelScope ? `${d.type}/${d.labelScope}` : d.type, d.country);
    const set = labelRoots.get(k) ?? new Set<number>();
    set.add(i);
    labelRoots.set(k, set);
  });
  for (const k of [...labelRoots.keys()].sort()) {
    const roots = [...new Set([...labelRoots.get(k)!].map(find))].sort((a, b) => a - b);
    if (roots.length < 2) continue;
    const q = new Set<string>();
    const t = new Set<string>();
    const seenSrc = new Set<string>();
    let ok = true;
    for (const r of roots) {
      for (const x of qids[r]!) q.add(x);
      for (const x of titles[r]!) t.add(x);
      for (const s of srcs[r]!) {
        if (seenSrc.has(s)) ok = false;
        seenSrc.add(s);
      }
    }
    if (!ok || q.size > 1 || t.size > 1) {
      stats.ambiguousLabels++;
      continue;
    }
    for (const r of roots.slice(1)) if (union(roots[0]!, r)) stats.labelMerges++;
  }

  // 3. Curated extensions by label + type + country.
  for (const [i, k] of labelTargets) {
    const roots = [...new Set([...(labelRoots.get(k) ?? [])].map(find))];
    if (roots.length !== 1) throw new Error(`curated extension ${drafts[i]!.key}: target ${k} matches ${roots.length} entities`);
    union(roots[0]!, i);
  }

  // Groups.
  const byRoot = new Map<number, Draft[]>();
  drafts.forEach((d, i) => {
    const r = find(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), d]);
  });
  const groups: Group[] = [];
  const keyToId = new Map<string, string>();
  for (const r of [...byRoot.keys()].sort((a, b) => a - b)) {
    const ds = byRoot.get(r)!.sort((a, b) => rank(a) - rank(b));
    const real = ds.filter((d) => !d.extendOnly);
    if (real.length === 0) throw new Error(`curated extension ${ds[0]!.key} (${ds[0]!.keys.join(', ')}) matches no source record`);
    const wd = ds.find((d) => d.wikidata)?.wikidata;
    const nonCurated = real.find((d) => !d.sources.includes('curated'));
    const id = wd ?? (nonCurated ?? real[0]!).key;
    groups.push({ id, drafts: ds });
    for (const d of ds) for (const k of draftKeys(d)) if (!keyToId.has(k)) keyToId.set(k, id);
  }
  const ids = new Set<string>();
  for (const g of groups) {
    if (ids.has(g.id)) throw new Error(`duplicate id ${g.id}`);
    ids.add(g.id);
  }
  stats.groups = groups.length;
  return { groups, keyToId, stats };
}
