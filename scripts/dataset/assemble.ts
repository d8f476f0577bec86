/**
 * Turn merged groups into EntityRecords: pick label/kind/links by source
 * precedence, union aliases/facts/related, resolve reference keys to ids
 * (dropping dangling ones), set priors and descriptions.
 */
import type { EntityRecord, Fact } from '../../utils/dataset/schema.ts';
import type { Draft } from './draft.ts';
import type { Group } from './merge.ts';
import { describe } from './describe.ts';
import { byString, fold } from './text.ts';

/** Per-entity data the name index needs but the record does not carry. */
export interface NameInfo {
  surnames: string[];
  prominent: boolean;
  dropNames: Set<string>;
}

export interface Assembled {
  records: EntityRecord[];
  nameInfo: Map<string, NameInfo>;
  danglingDropped: number;
}

const MAX_FACTS = 14;

const LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', ß: 'ss', ı: 'i', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', ħ: 'h', Ħ: 'H' };

/** Latin letters without diacritics; other scripts and punctuation unchanged. */
export function asciiForm(s: string): string {
  return s
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[łŁøØđĐæÆœŒßıþÞðÐħĦ]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFC');
}

export function assemble(groups: Group[], keyToId: Map<string, string>, overrides: Map<string, { prior?: number; prominent?: boolean }>): Assembled {
  // Labels → ids for curated references written as labels (must be unique).
  const labelIds = new Map<string, Set<string>>();
  for (const g of groups) {
    for (const d of g.drafts) {
      if (!d.label) continue;
      const k = `label:${fold(d.label)}`;
      labelIds.set(k, (labelIds.get(k) ?? new Set()).add(g.id));
    }
  }
  let danglingDropped = 0;
  const resolve = (key: string | undefined, self: string): string | undefined => {
    if (!key) return undefined;
    let id = keyToId.get(key);
    if (!id && key.startsWith('label:')) {
      const ids = labelIds.get(key);
      if (ids?.size === 1) id = [...ids][0];
      else throw new Error(`reference "${key}" matches ${ids?.size ?? 0} entities`);
    }
    if (!id) {
      danglingDropped++;
      if (process.env.DOSSIER_DEBUG) console.log(`  dangling: ${self} → ${key}`);
    }
    return id && id !== self ? id : undefined;
  };

  const records: EntityRecord[] = [];
  const nameInfo = new Map<string, NameInfo>();
  const countryOf = new Map<string, string | undefined>();
  for (const g of groups) {
    const ds = g.drafts;
    const real = ds.filter((d) => !d.extendOnly);
    const labelSrc = ds.find((d) => d.extendOnly && d.explicitLabel) ?? real[0]!;
    const typeSrc = ds.find((d) => d.extendOnly && d.explicitType) ?? real[0]!;
    const label = labelSrc.label;
    const aliases: string[] = [];
    const seen = new Set<string>([label]);
    const drop = new Set<string>(ds.flatMap((d) => d.dropNames ?? []));
    for (const d of ds) {
      for (const n of [d.label, ...d.aliases]) {
        if (n && !seen.has(n) && !drop.has(n)) {
          seen.add(n);
          aliases.push(n);
        }
      }
    }
    // The label without diacritics, as English text often writes it ("Krakow", "Lodz").
    const plain = asciiForm(label);
    if (plain !== label && !seen.has(plain) && !drop.has(plain)) aliases.push(plain);
    // A place's English Wikipedia title names it as English news does, where the source has a
    // local form or transliteration ("Frankfurt" for "Frankfurt am Main", "Urmia" for "Orūmīyeh").
    const title = ds.find((d) => d.extendOnly && d.wikipedia)?.wikipedia ?? real.find((d) => d.wikipedia)?.wikipedia;
    if (title && real[0]!.type === 'place') {
      const english = title.replace(/_/g, ' ').replace(/ \([^)]*\)$/, '').replace(/, .*$/, '');
      if (english !== label && asciiForm(english) !== plain && !seen.has(english) && !drop.has(english)) {
        seen.add(english);
        aliases.push(english);
      }
    }
    // Facts: curated first, then by source precedence; one per key + value + start year.
    const recAsOf = ds.map((d) => d.asOf).sort(byString).reverse()[0]!;
    const facts: Fact[] = [];
    const factSeen = new Set<string>();
    for (const d of ds) {
      for (const f of d.facts) {
        const fk = `${f.key}|${fold(f.value)}|${(f.start ?? '').slice(0, 4)}`;
        if (factSeen.has(fk)) continue;
        factSeen.add(fk);
        // Websites as bare host and path: "https://www.example.org/" → "example.org".
        const value = f.key === 'website' ? f.value.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '') : f.value;
        const out: Fact = { key: f.key, value };
        if (f.start) out.start = f.start;
        if (f.end) out.end = f.end;
        const ref = resolve(f.refKey, g.id);
        if (ref) out.ref = ref;
        // An open-ended fact from an older source than the rest of the record: say how old it is.
        if (f.start && !f.end && d.asOf < recAsOf) out.asOf = d.asOf;
        facts.push(out);
      }
    }
    const related: string[] = [];
    for (const k of ds.flatMap((d) => d.related)) {
      const id = resolve(k, g.id);
      if (id && !related.includes(id)) related.push(id);
    }
    for (const f of facts) if (f.ref && !related.includes(f.ref)) related.push(f.ref);
    let prior = Math.max(...real.map((d) => d.prior));
    let prominent = ds.some((d) => d.prominent);
    for (const d of ds) {
      const o = overrides.get(d.key);
      if (o?.prior !== undefined) prior = o.prior;
      if (o?.prominent !== undefined) prominent = o.prominent;
    }
    const curatedDesc = ds.find((d) => d.description)?.description;
    const rec: EntityRecord = {
      id: g.id,
      label,
      aliases,
      type: typeSrc.type,
      description: curatedDesc ?? '',
      facts: capFacts(facts.map((f, i) => [f, i] as const).sort((a, b) => factOrder(a[0].key) - factOrder(b[0].key) || a[1] - b[1]).map(([f]) => f)),
      related,
      sources: [...new Set(ds.flatMap((d) => d.sources))].sort(byString),
      asOf: recAsOf,
      prior: Math.round(Math.max(0, Math.min(1, prior)) * 1000) / 1000,
    };
    const kind = ds.find((d) => d.extendOnly && d.kind)?.kind ?? pickKind(real);
    if (kind) rec.kind = kind;
    const wikipedia = ds.find((d) => d.extendOnly && d.wikipedia)?.wikipedia ?? real.find((d) => d.wikipedia)?.wikipedia;
    if (wikipedia) rec.wikipedia = wikipedia;
    const wd = ds.find((d) => d.wikidata)?.wikidata;
    if (wd) rec.wikidata = wd;
    // Key order in the output: keep a stable, readable order.
    records.push(reorder(rec));
    nameInfo.set(g.id, { surnames: [...new Set(ds.flatMap((d) => d.surnames))], prominent, dropNames: drop });
    const cc = ds.find((d) => d.country)?.country;
    countryOf.set(g.id, cc ? keyToId.get(`iso2:${cc}`) : undefined);
  }
  const byId = new Map(records.map((r) => [r.id, r]));
  for (const r of records) if (!r.description) r.description = describe(r, countryOf.get(r.id), { get: (id) => byId.get(id) });
  records.sort((a, b) => byString(a.id, b.id));
  return { records, nameInfo, danglingDropped };
}

/** For people, the kind of the highest office among the drafts; otherwise the first by precedence. */
const PERSON_KINDS = ['head of state', 'head of state or government', 'vice president', 'deputy head of government', 'minister', 'judge', 'legislator', 'regional leader', 'speaker'];
function pickKind(ds: Draft[]): string | undefined {
  const kinds = ds.map((d) => d.kind).filter((k): k is string => !!k);
  const ranked = kinds.filter((k) => PERSON_KINDS.includes(k)).sort((a, b) => PERSON_KINDS.indexOf(a) - PERSON_KINDS.indexOf(b));
  return ranked[0] ?? kinds[0];
}

const FACT_ORDER = ['office', 'former office', 'former name'];
function factOrder(k: string): number {
  const i = FACT_ORDER.indexOf(k);
  return i < 0 ? FACT_ORDER.length : i;
}

/** Keep at most MAX_FACTS facts, dropping the later offices first. */
function capFacts(facts: Fact[]): Fact[] {
  if (facts.length <= MAX_FACTS) return facts;
  const keep = facts.filter((f) => f.key !== 'office');
  const offices = facts.filter((f) => f.key === 'office');
  return [...offices.slice(0, Math.max(3, MAX_FACTS - keep.length)), ...keep].slice(0, MAX_FACTS);
}

function reorder(r: EntityRecord): EntityRecord {
  const out = { id: r.id, label: r.label, aliases: r.aliases, type: r.type } as EntityRecord;
  if (r.kind) out.kind = r.kind;
  out.description = r.description;
  out.facts = r.facts;
  if (r.wikipedia) out.wikipedia = r.wikipedia;
  if (r.wikidata) out.wikidata = r.wikidata;
  out.related = r.related;
  out.sources = r.sources;
  out.asOf = r.asOf;
  out.prior = r.prior;
  return out;
}

