/**
 * The curated layer: data/curated/*.json, written by us.
 *
 * Each file is a JSON array of entries. Two kinds of entry:
 *
 * 1. A new entity:
 *    {
 *      "label": "Operation Fast and Furious",          // required
 *      "type": "event",                                  // required: person|organization|place|event|work|other
 *      "kind": "operation",                              // optional finer kind
 *      "description": "One line in our own words.",      // required for new entities
 *      "wikipedia": "Operation Fast and Furious",        // English Wikipedia title, so the entry can be checked
 *      "aliases": ["Fast and Furious"],                  // other full names
 *      "surnames": ["Calderón"],                         // people only: surname-only forms (SURNAME flag)
 *      "prominent": true,                                // people only: surname matches alone (PROMINENT flag)
 *      "country": "US",                                  // ISO 3166-1 alpha-2; used for merging and descriptions
 *      "facts": [{ "key": "agency", "value": "ATF", "start": "2009", "end": "2011", "ref": "<key or label>" }],
 *      "related": ["iso2:US", "Q30", "Eric Holder"],          // keys, QIDs or exact labels
 *      "prior": 0.6,                                     // notability in [0,1]; default 0.5
 *      "nsi": "Meta Platforms",                          // take the Wikidata id from the NSI entry with this exact label
 *      "key": "cur:custom-key",                          // optional; default "cur:" + slug(label)
 *      "keys": ["usparty:Democrat"],                     // optional extra keys other records may refer to
 *      "asOf": "2025-06-01"                              // optional; default CURATED_AS_OF
 *    }
 *    A new entity with the same label + type + country as a source record is merged into it.
 *
 * 2. An extension of a source record:
 *    { "extend": { "id": "geonames:4013708" }, "label": "Ciudad Juárez", "aliases": [...], "facts": [...] }
 *    "extend" is one target or an array of targets (all are merged into one entity). A target is
 *    { "id": "<key>" } (any key: "geonames:…", "fr:…", "bioguide:…", "iso2:US", "usstate:WA", "wd:Q61"),
 *    { "wikidata": "Q61" }, or { "label": "…", "type": "…", "country": "US" }.
 *    Every field of a new entity may be given and overrides or adds to the source record: label,
 *    description, prior, prominent, kind, wikipedia replace; aliases, surnames, facts, related add.
 *    "dropNames": ["West Bank"] removes names a source gives. The build fails when a target is missing.
 *
 * Facts must be ones we are sure of; leave a fact out rather than guess. Descriptions are ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CURATED_AS_OF, CURATED_DIR } from './config.ts';
import { draft, type Draft, type DraftFact } from './draft.ts';
import { readJson } from './io.ts';
import { ENTITY_TYPES, type EntityType } from '../../utils/dataset/schema.ts';
import { fold, slug } from './text.ts';
import { nsiByLabel } from './sources/nsi.ts';

type Target = { id: string } | { wikidata: string } | { label: string; type: EntityType; country?: string };

interface CuratedFact {
  key: string;
  value: string;
  start?: string;
  end?: string;
  ref?: string;
}

export interface CuratedEntry {
  extend?: Target | Target[];
  label?: string;
  type?: EntityType;
  kind?: string;
  description?: string;
  wikipedia?: string;
  aliases?: string[];
  surnames?: string[];
  prominent?: boolean;
  country?: string;
  facts?: CuratedFact[];
  related?: string[];
  prior?: number;
  nsi?: string;
  key?: string;
  keys?: string[];
  dropNames?: string[];
  asOf?: string;
}

/** A reference written as a key ("iso2:US", "wd:Q30"), a bare QID ("Q30") or an exact label. */
export function refToKey(ref: string): string {
  if (/^Q\d+$/.test(ref)) return `wd:${ref}`;
  return /^[a-z0-9]+:\S/.test(ref) ? ref : `label:${fold(ref)}`;
}

/** Merge key: folded label without periods, initials joined ("George H.W. Bush" = "George H. W. Bush"), type, country. */
export function labelKey(label: string, type: string, country: string | undefined): string {
  const tokens = fold(label).replace(/\./g, ' ').split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.length === 1 && prev !== undefined && /^[a-z]+$/.test(prev) && prev.length <= 3 && out.length > 1) out[out.length - 1] = prev + t;
    else out.push(t);
  }
  return `l:${out.join(' ')}|${type}|${country ?? ''}`;
}

const ALLOWED = new Set(['extend', 'label', 'type', 'kind', 'description', 'wikipedia', 'aliases', 'surnames', 'prominent', 'country', 'facts', 'related', 'prior', 'nsi', 'key', 'keys', 'dropNames', 'asOf']);

export interface CuratedResult {
  drafts: Draft[];
  /** Fields that replace merged values: by draft key. */
  overrides: Map<string, { prior?: number; prominent?: boolean }>;
  files: string[];
  counts: Record<string, number>;
}

export function loadCurated(): CuratedResult {
  const files = fs.existsSync(CURATED_DIR) ? fs.readdirSync(CURATED_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  const drafts: Draft[] = [];
  const overrides = new Map<string, { prior?: number; prominent?: boolean }>();
  const nsi = nsiByLabel();
  let created = 0;
  let extended = 0;
  let ext = 0;
  for (const f of files) {
    const entries = readJson<CuratedEntry[]>(path.join(CURATED_DIR, f));
    if (!Array.isArray(entries)) throw new Error(`${f}: expected an array`);
    entries.forEach((e, i) => {
      const where = `${f}[${i}] ${e.label ?? JSON.stringify(e.extend)}`;
      for (const k of Object.keys(e)) if (!ALLOWED.has(k)) throw new Error(`${where}: unknown field "${k}"`);
      if (e.type && !ENTITY_TYPES.includes(e.type)) throw new Error(`${where}: bad type ${e.type}`);
      if (e.prior !== undefined && !(e.prior >= 0 && e.prior <= 1)) throw new Error(`${where}: prior out of range`);
      const targets = e.extend ? (Array.isArray(e.extend) ? e.extend : [e.extend]) : [];
      if (!e.extend) {
        if (!e.label || !e.type || !e.description) throw new Error(`${where}: new entries need label, type and description`);
        if (!e.wikipedia) throw new Error(`${where}: new entries need a wikipedia title`);
      }
      const key = e.key ?? (e.extend ? `ext:${f.replace(/\.json$/, '')}:${i}` : `cur:${slug(e.label!)}`);
      const d = draft({
        key,
        label: e.label ?? '',
        type: e.type ?? 'other',
        kind: e.kind,
        country: e.country,
        description: e.description,
        wikipedia: e.wikipedia,
        sources: ['curated'],
        asOf: e.asOf ?? CURATED_AS_OF,
        prior: e.prior ?? (e.extend ? 0 : 0.5),
        prominent: e.prominent,
        extendOnly: !!e.extend,
        explicitLabel: !!e.label,
        explicitType: !!e.type,
      });
      d.aliases.push(...(e.aliases ?? []));
      d.surnames.push(...(e.surnames ?? []));
      d.dropNames = e.dropNames;
      d.keys.push(...(e.keys ?? []));
      for (const t of targets) {
        if ('id' in t) d.keys.push(t.id);
        else if ('wikidata' in t) d.keys.push(`wd:${t.wikidata}`);
        else d.keys.push(labelKey(t.label, t.type, t.country));
      }
      if (e.nsi) {
        const hits = nsi.get(e.nsi) ?? [];
        if (hits.length !== 1) throw new Error(`${where}: NSI label "${e.nsi}" has ${hits.length} entries`);
        d.wikidata = hits[0]!.qid;
        d.keys.push(`wd:${d.wikidata}`);
        d.sources.push('nsi');
        if (hits[0]!.website) d.facts.push({ key: 'website', value: hits[0]!.website });
      }
      for (const fct of e.facts ?? []) {
        if (!fct.key || !fct.value) throw new Error(`${where}: fact needs key and value`);
        const df: DraftFact = { key: fct.key, value: fct.value };
        if (fct.start) df.start = fct.start;
        if (fct.end) df.end = fct.end;
        if (fct.ref) df.refKey = refToKey(fct.ref);
        d.facts.push(df);
      }
      d.related.push(...(e.related ?? []).map(refToKey));
      if (e.prior !== undefined || e.prominent !== undefined) overrides.set(key, { prior: e.prior, prominent: e.prominent });
      drafts.push(d);
      if (e.extend) {
        extended++;
        ext += targets.length;
      } else created++;
    });
  }
  return { drafts, overrides, files, counts: { entries: drafts.length, created, extended } };
}
