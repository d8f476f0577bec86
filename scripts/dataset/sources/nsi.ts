/**
 * Lookups in the name-suggestion-index Wikidata table (QID → label/description/website).
 * Used only to attach Wikidata ids (and official websites) to countries and to
 * curated entries that name their NSI label; nothing is imported wholesale.
 */
import { shared } from '../config.ts';
import { readJson } from '../io.ts';

export interface NsiHit {
  qid: string;
  label: string;
  description: string;
  website?: string;
}

let cache: Map<string, NsiHit[]> | undefined;
let byQid: Map<string, NsiHit> | undefined;

function load(): void {
  if (cache) return;
  const raw = readJson<{ wikidata: Record<string, { label?: string; description?: string; officialWebsites?: string[]; identities?: { website?: string } }> }>(
    shared('name-suggestion-index', 'wikidata.min.json.gz'),
  ).wikidata;
  cache = new Map();
  byQid = new Map();
  for (const q of Object.keys(raw).sort()) {
    const v = raw[q]!;
    if (!v.label) continue;
    const hit: NsiHit = { qid: q, label: v.label, description: v.description ?? '', website: v.officialWebsites?.[0] ?? v.identities?.website };
    byQid.set(q, hit);
    const list = cache.get(v.label) ?? [];
    list.push(hit);
    cache.set(v.label, list);
  }
}

/** Exact English label → NSI entries with that label. */
export function nsiByLabel(): Map<string, NsiHit[]> {
  load();
  return cache!;
}

export function nsiByQid(): Map<string, NsiHit> {
  load();
  return byQid!;
}
