/**
 * The shape of the bundled dataset, shared by the dataset build (Node), the
 * background (IndexedDB) and the popover. Pure types and constants: no DOM,
 * no browser APIs, so every layer may import it.
 */

export const ENTITY_TYPES = ['person', 'organization', 'place', 'event', 'work', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** One typed fact about an entity, e.g. an office held with its years. */
export interface Fact {
  /** What the fact is: 'office', 'party', 'country', 'population', 'capital', 'founded', 'headquarters', 'parent', 'state', 'born', 'website', ... */
  key: string;
  /** Human-readable value, e.g. "Attorney General of the United States" or "1,321,004". */
  value: string;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the fact starts / ends; omitted when unknown. */
  start?: string;
  end?: string;
  /** Id of the entity the value names, when that entity is in the dataset. */
  ref?: string;
  /**
   * Only on open-ended facts (no `end`) that come from a source older than the
   * record's `asOf`: the ISO date the fact was last known to hold. E.g. an office
   * "since 2019" from a 2022 source on a record otherwise current to 2026.
   */
  asOf?: string;
}

export interface EntityRecord {
  /** Stable id: the Wikidata QID when a source gives one (e.g. "Q76"), else "<source>:<key>". */
  id: string;
  /** Display name, e.g. "Eric Holder". */
  label: string;
  /** Other names the entity goes by in text (no duplicates of label). */
  aliases: string[];
  type: EntityType;
  /** Finer kind: 'head-of-government', 'legislator', 'minister', 'agency', 'country', 'city', 'state', 'newspaper', 'party', 'committee', 'operation', 'weapon', ... */
  kind?: string;
  /** One line in our own words, generated from facts or written by us. */
  description: string;
  facts: Fact[];
  /** English Wikipedia title with spaces (e.g. "Eric Holder"), only when a source gives it or a curator checked it. */
  wikipedia?: string;
  /** Wikidata QID, only when a source gives it. */
  wikidata?: string;
  /** Ids of related entities present in the dataset (party, country, office, parent...). */
  related: string[];
  /** Source ids (keys of Manifest.sources) this record was built from. */
  sources: string[];
  /** ISO date the facts were true as of. */
  asOf: string;
  /** Notability prior in [0, 1], used to rank entities sharing a name. */
  prior: number;
}

/** Flags on a name in the compiled index. */
export const NAME_FLAGS = {
  /** The name is the entity's label or a full alias (not a surname-only form). */
  FULL: 1,
  /** A surname-only form of a person: matched alone only after the full name on the same page, unless PROMINENT. */
  SURNAME: 2,
  /** The entity is prominent enough that its surname alone is matched anywhere. */
  PROMINENT: 4,
  /** The name is an acronym and must match case-exactly. */
  ACRONYM: 8,
  /** The name is also a common word ("Reading", "Mobile"): matched only with evidence on the page. */
  COMMON: 16,
} as const;

/** The compiled name index shipped in the package: names → entity indexes. */
export interface NameIndexFile {
  format: 1;
  datasetVersion: string;
  /** entities[i] = [id, label, typeIndex into ENTITY_TYPES, prior] */
  entities: [string, string, number, number][];
  /** names[j] = [surface form as written, entity index, NAME_FLAGS bitset] */
  names: [string, number, number][];
}

export interface SourceInfo {
  id: string;
  title: string;
  url?: string;
  licence: string;
  attribution: string;
  asOf: string;
  records: number;
}

export interface Manifest {
  version: string;
  builtFrom: string;
  counts: { total: number; byType: Record<EntityType, number>; names: number };
  sources: SourceInfo[];
}
