/**
 * `npm run dataset`: build data/build/{entities,names,manifest}.json from
 * ../shared/datasets (override with DOSSIER_SHARED) and data/curated.
 * Deterministic: same inputs → byte-identical output (no clock, everything sorted).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EntityType, Manifest, NameIndexFile, SourceInfo } from '../../utils/dataset/schema.ts';
import { ENTITY_TYPES } from '../../utils/dataset/schema.ts';
import { BUILD_DIR, DATASET_DATE, SHARED_DIR, SOURCES } from './config.ts';
import type { Draft } from './draft.ts';
import { inputsRead } from './io.ts';
import { fold } from './text.ts';
import { loadCountries } from './sources/countries.ts';
import { loadPlaces } from './sources/places.ts';
import { loadCongress } from './sources/congress.ts';
import { loadCommittees } from './sources/committees.ts';
import { loadCabinets } from './sources/cabinets.ts';
import { loadAgencies } from './sources/agencies.ts';
import { loadNewspapers } from './sources/media.ts';
import { loadParties } from './sources/parties.ts';
import { loadEvents } from './sources/events.ts';
import { loadPantheon } from './sources/pantheon.ts';
import { loadRegions } from './sources/regions.ts';
import { loadCompanies } from './sources/companies.ts';
import { loadUniversities } from './sources/universities.ts';
import { loadFootball } from './sources/football.ts';
import { loadBrands } from './sources/brands.ts';
import { loadGenerated } from './generate/index.ts';
import { loadCurated } from './curated.ts';
import { mergeDrafts } from './merge.ts';
import { assemble } from './assemble.ts';
import { buildNames } from './names.ts';
import { byString } from './text.ts';

function log(msg: string): void {
  if (!process.env.DOSSIER_QUIET) console.log(msg);
}

export function buildDataset(): { entitiesJson: string; namesJson: string; manifestJson: string } {
  if (!fs.existsSync(SHARED_DIR)) throw new Error(`shared datasets not found at ${SHARED_DIR} (set DOSSIER_SHARED)`);
  const all: Draft[] = [];
  const step = (name: string, r: { drafts: Draft[]; counts: Record<string, number> }) => {
    all.push(...r.drafts);
    log(`  ${name.padEnd(12)} ${String(r.drafts.length).padStart(6)} drafts  ${JSON.stringify(r.counts)}`);
  };
  const countries = loadCountries();
  step('countries', countries);
  const capitals = new Map<string, string>();
  for (const d of countries.drafts) {
    const cap = d.facts.find((f) => f.key === 'capital')?.value;
    if (d.country && cap) capitals.set(d.country, cap);
  }
  const places = loadPlaces(countries.index, capitals);
  step('places', places);
  step('congress', loadCongress(places.usStates));
  step('committees', loadCommittees());
  step('cabinets', loadCabinets(countries.index));
  step('agencies', loadAgencies());
  step('newspapers', loadNewspapers(places.usStates));
  step('parties', loadParties(countries.index));
  step('events', loadEvents());
  step('pantheon', loadPantheon(countries.index));
  step('regions', loadRegions(countries.index));
  step('companies', loadCompanies(countries.index, places.usStates));
  step('universities', loadUniversities(countries.index));
  step('football', loadFootball(countries.index));
  step('brands', loadBrands(countries.index));
  step('generated', loadGenerated(countries.drafts, places.usStates));
  const curated = loadCurated();
  step('curated', curated);

  conventionCityTitles(all, places.titleCandidates);
  const merged = mergeDrafts(all);
  const s = merged.stats;
  log(`  merge: ${s.drafts} drafts → ${s.groups} entities (${s.keyMerges} by key, ${s.labelMerges} by label; ${s.ambiguousLabels} ambiguous labels kept apart; ${s.qidConflicts.length} id conflicts)`);
  const { records, nameInfo, danglingDropped } = assemble(merged.groups, merged.keyToId, curated.overrides);
  log(`  references to entities not in the dataset dropped: ${danglingDropped}`);
  if (process.env.DOSSIER_DEBUG) {
    log(`  id conflicts: ${s.qidConflicts.join('; ')}`);
  }
  const names = buildNames(records, nameInfo);
  if (process.env.DOSSIER_SHOW_BLOCKED) {
    const top = [...names.blocked].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Number(process.env.DOSSIER_SHOW_BLOCKED) || 200);
    log(`  names dropped as common words: ${top.map(([n, c]) => `${n}×${c}`).join(', ')}`);
    const g = [...names.gated].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Number(process.env.DOSSIER_SHOW_BLOCKED) || 200);
    log(`  one-word names left out for low notability: ${g.map(([n, c]) => `${n}×${c}`).join(', ')}`);
  }

  // One record per line (committed files: a rebuild diffs by record, not as one 45 MB line).
  // The version hash stays over the compact JSON, so it does not depend on the layout.
  const hash = crypto.createHash('sha256').update(JSON.stringify(records)).update(JSON.stringify(names.index)).digest('hex').slice(0, 8);
  const entitiesJson = jsonLines(records);
  const version = `${DATASET_DATE}-${hash}`;
  const nameFile: NameIndexFile = { format: 1, datasetVersion: version, entities: names.index.entities, names: names.index.names };
  const namesJson = `{"format":${JSON.stringify(nameFile.format)},"datasetVersion":${JSON.stringify(nameFile.datasetVersion)},\n"entities":${jsonLines(nameFile.entities)},\n"names":${jsonLines(nameFile.names)}}\n`;

  const byType = Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number>;
  const perSource = new Map<string, number>();
  for (const r of records) {
    byType[r.type]++;
    for (const src of r.sources) perSource.set(src, (perSource.get(src) ?? 0) + 1);
  }
  const sources: SourceInfo[] = Object.keys(SOURCES)
    .filter((k) => perSource.has(k))
    .map((k) => ({ ...SOURCES[k]!, records: perSource.get(k)! }));
  const inputs = [...inputsRead].sort((a, b) => byString(a[0], b[0]));
  const inputsHash = crypto.createHash('sha256').update(inputs.map(([f, h]) => `${f} ${h}\n`).join('')).digest('hex').slice(0, 12);
  const manifest: Manifest = {
    version,
    builtFrom: `scripts/dataset/build.ts from ${inputs.length} input files (shared/datasets + data/curated), inputs sha256 ${inputsHash}`,
    counts: { total: records.length, byType, names: nameFile.names.length },
    sources,
  };
  return { entitiesJson, namesJson, manifestJson: `${JSON.stringify(manifest, null, 2)}\n` };
}

/**
 * Gives the city drafts picked by places.ts their bare name as Wikipedia title,
 * unless that title belongs to another draft (a person, an organization, a region
 * already titled so) or the name is a country's or a first-level region's (then
 * the region usually holds the bare title: Oaxaca, Chihuahua).
 */
function conventionCityTitles(all: Draft[], candidates: Draft[]): void {
  const cand = new Set(candidates);
  const taken = new Set<string>();
  const blockedNames = new Set<string>();
  for (const d of all) {
    if (cand.has(d)) continue;
    if (d.wikipedia) taken.add(d.wikipedia.replace(/_/g, ' '));
    const topRegion = d.labelScope === 'region' && !d.facts.some((f) => f.key === 'part of');
    if (d.type === 'place' && (d.kind === 'country' || topRegion || d.key.startsWith('usstate:') || d.key.startsWith('iso2:'))) {
      for (const n of [d.label, ...d.aliases]) blockedNames.add(fold(n));
    }
  }
  // Cities already titled by the curated table (extensions targeting their key) keep that title.
  const titled = new Set(all.filter((d) => d.extendOnly && d.wikipedia).flatMap((d) => d.keys));
  for (const d of candidates) {
    if (d.wikipedia || titled.has(d.key) || taken.has(d.label) || blockedNames.has(fold(d.label))) continue;
    d.wikipedia = d.label;
  }
}

/** A JSON array with one element per line: `[\n{..},\n{..}\n]`. */
export function jsonLines(items: readonly unknown[]): string {
  return items.length ? `[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]` : '[]';
}

function main(): void {
  const t0 = performance.now();
  log(`Building dataset from ${SHARED_DIR}`);
  const out = buildDataset();
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const files: [string, string][] = [
    ['entities.json', out.entitiesJson],
    ['names.json', out.namesJson],
    ['manifest.json', out.manifestJson],
  ];
  let total = 0;
  for (const [name, content] of files) {
    fs.writeFileSync(path.join(BUILD_DIR, name), content);
    total += Buffer.byteLength(content);
    log(`  wrote data/build/${name} (${(Buffer.byteLength(content) / 1e6).toFixed(2)} MB)`);
  }
  const m = JSON.parse(out.manifestJson) as Manifest;
  log(`Dataset ${m.version}: ${m.counts.total} entities ${JSON.stringify(m.counts.byType)}, ${m.counts.names} names, ${(total / 1e6).toFixed(2)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main();
