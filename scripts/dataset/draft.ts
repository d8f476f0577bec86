/**
 * The intermediate record every source module produces. Drafts are merged into
 * EntityRecords by merge.ts. References between drafts use *keys* (e.g.
 * "wd:Q96", "iso2:MX", "bioguide:I000056", "fr:268"), resolved to final ids
 * after merging; a reference whose key matches no entity is dropped.
 */
import type { EntityType, Fact } from '../../utils/dataset/schema.ts';

export interface DraftFact extends Omit<Fact, 'ref'> {
  /** Key of the entity the value names (resolved to an id later). */
  refKey?: string;
}

export interface Draft {
  /** Primary key from the producing source; becomes the id when there is no QID. */
  key: string;
  /** Further keys identifying the same entity (other id schemes). */
  keys: string[];
  wikidata?: string;
  label: string;
  aliases: string[];
  /** Surname-only forms of a person (NAME_FLAGS.SURNAME). */
  surnames: string[];
  /** Surname alone is matched anywhere (NAME_FLAGS.PROMINENT). */
  prominent?: boolean;
  type: EntityType;
  kind?: string;
  /** ISO 3166-1 alpha-2 of the country the entity belongs to (merge key, descriptions). */
  country?: string;
  /** Only curated drafts carry a description; others get one from describe.ts. */
  description?: string;
  facts: DraftFact[];
  /** Keys of related entities. */
  related: string[];
  wikipedia?: string;
  sources: string[];
  asOf: string;
  prior: number;
  /** Curated extension: must merge into an existing entity, never stands alone. */
  extendOnly?: boolean;
  /** For extensions: the label/type fields were given and override the source's. */
  explicitLabel?: boolean;
  explicitType?: boolean;
  /** Merges by label only with drafts of the same scope (regions never merge with the city of the same name). */
  labelScope?: string;
  /** Names that must not be emitted for this entity even though a source gives them. */
  dropNames?: string[];
}

export function draft(init: Partial<Draft> & Pick<Draft, 'key' | 'label' | 'type' | 'sources' | 'asOf'>): Draft {
  return {
    keys: [],
    aliases: [],
    surnames: [],
    facts: [],
    related: [],
    prior: 0.2,
    ...init,
  };
}

/** Add a fact, skipping empty values. */
export function addFact(d: Draft, f: DraftFact): void {
  if (!f.value || !f.value.trim()) return;
  const out: DraftFact = { key: f.key, value: f.value.trim() };
  if (f.start) out.start = f.start;
  if (f.end) out.end = f.end;
  if (f.refKey) out.refKey = f.refKey;
  d.facts.push(out);
}

export function addAlias(d: Draft, ...names: (string | undefined)[]): void {
  for (const n of names) {
    const v = (n ?? '').replace(/\s+/g, ' ').trim();
    if (v && v !== d.label && !d.aliases.includes(v)) d.aliases.push(v);
  }
}

/** Index of the country entities, shared by all source modules. */
export interface CountryRef {
  iso2: string;
  iso3?: string;
  /** Key to reference the country entity. */
  key: string;
  name: string;
  qid?: string;
  demonym?: string;
  population?: number;
}

export interface CountryIndex {
  byIso2: Map<string, CountryRef>;
  byIso3: Map<string, CountryRef>;
  byQid: Map<string, CountryRef>;
  /** Folded English name → country. */
  byName: Map<string, CountryRef>;
}

/** 0..1 weight of a country by population (log scale: 100k → 0, 1 billion → 1). */
export function countryWeight(c: CountryRef | undefined): number {
  if (!c?.population) return 0.3;
  return Math.max(0, Math.min(1, (Math.log10(c.population) - 5) / 4));
}
