/**
 * Countries and territories: countries-list (names, capital, continent),
 * country-codes-orgs (ISO3/GEC codes, independence, population), the CIA
 * Factbook (official names, abbreviations, government type, population),
 * i18n-nationality (demonyms), and Wikidata ids from the EveryPolitician
 * world-leaders table and the name-suggestion-index Wikidata table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type CountryIndex, type CountryRef, type Draft } from '../draft.ts';
import { readJson, readTable } from '../io.ts';
import { clean, fold, formatInt, qid } from '../text.ts';
import { nsiByLabel } from './nsi.ts';

interface CountriesListEntry {
  name: string;
  native?: string;
  continent?: string;
  capital?: string;
  alias?: string[];
  partOf?: string;
}

const CONTINENTS: Record<string, string> = {
  AF: 'Africa',
  AN: 'Antarctica',
  AS: 'Asia',
  EU: 'Europe',
  NA: 'North America',
  OC: 'Oceania',
  SA: 'South America',
};

/** World-leaders country labels that differ from every English name we have for them. */
const WORLD_LEADER_NAMES: Record<string, string> = {
  'united states of america': 'US',
  "people's republic of china": 'CN',
  'kingdom of denmark': 'DK',
  'kingdom of the netherlands': 'NL',
  'republic of ireland': 'IE',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'ivory coast': 'CI',
  'east timor': 'TL',
  'state of palestine': 'PS',
  'federated states of micronesia': 'FM',
  'vatican city': 'VA',
  'cape verde': 'CV',
  'democratic republic of the congo': 'CD',
  'republic of the congo': 'CG',
};

type Fb = Record<string, Record<string, { text?: string } & Record<string, { text?: string }>>>;

function factbookIndex(): Map<string, string> {
  const root = shared('factbook');
  const out = new Map<string, string>();
  for (const region of fs.readdirSync(root).sort()) {
    const dir = path.join(root, region);
    if (!fs.statSync(dir).isDirectory() || region === 'meta') continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.json')) out.set(f.slice(0, -5).toUpperCase(), path.join(dir, f));
    }
  }
  return out;
}

function fbText(fb: Fb, section: string, field: string, sub?: string): string {
  const s = fb[section]?.[field];
  if (!s) return '';
  const v = sub ? (s as Record<string, { text?: string }>)[sub]?.text : s.text;
  return clean(v);
}

/** "121,736,809 (July 2015 est.)" → [121736809, "2015"]. */
function parsePopulation(s: string): [number, string | undefined] | undefined {
  const m = /^([\d,]+)\s*(?:\(([^)]*?(\d{4})[^)]*)\))?/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(n) && n > 0 ? [n, m[3]] : undefined;
}

export interface CountriesResult {
  drafts: Draft[];
  index: CountryIndex;
  counts: Record<string, number>;
}

export function loadCountries(): CountriesResult {
  const list = readJson<Record<string, CountriesListEntry>>(shared('countries-list', 'countries.min.json'));
  const codes = new Map(readTable(shared('country-codes-orgs', 'Countrycodes.csv')).map((r) => [r['ISO_3166_2']!, r]));
  const nat = readJson<{ nationalities: Record<string, string> }>(shared('i18n-nationality', 'nationality-en.json')).nationalities;
  const fbFiles = factbookIndex();
  const nsi = nsiByLabel();

  // Wikidata ids from the world-leaders table, by folded country label.
  const wl = new Map<string, string>();
  for (const r of readTable(shared('everypolitician-cabinets', 'world-leaders-2021-wikidata.csv'))) {
    const id = qid(r['countryid']);
    if (id && r['country']) wl.set(fold(r['country']), id);
  }

  const drafts: Draft[] = [];
  const index: CountryIndex = { byIso2: new Map(), byIso3: new Map(), byQid: new Map(), byName: new Map() };
  const counts = { countries: 0, ccodes: 0, factbook: 0, nationality: 0, nsi: 0, epcab: 0 };
  const asOf = SOURCES.countries!.asOf;

  for (const iso2 of Object.keys(list).sort()) {
    const c = list[iso2]!;
    const cc = codes.get(iso2);
    const names = new Set<string>([c.name]);
    for (const a of c.alias ?? []) names.add(a);
    if (cc?.['NAME.EN']) names.add(cc['NAME.EN']);

    let fb: Fb | undefined;
    const gec = cc?.['FIPS_GEC'];
    if (gec && fbFiles.has(gec)) fb = readJson<Fb>(fbFiles.get(gec)!);
    const longForm = fb ? fbText(fb, 'Government', 'Country name', 'conventional long form').split(';')[0]!.trim() : '';
    const shortForm = fb ? fbText(fb, 'Government', 'Country name', 'conventional short form') : '';
    const abbrev = fb ? fbText(fb, 'Government', 'Country name', 'abbreviation') : '';
    for (const n of [longForm, shortForm]) if (n && fold(n) !== 'none') names.add(n);
    for (const n of [...names]) if (n.includes('(') || n.length > 60) names.delete(n);

    // Wikidata id: prefer the NSI entry described as a country/territory, else the world-leaders id.
    const sources = ['countries'];
    let wd: string | undefined;
    const altQids: string[] = [];
    for (const n of names) {
      const hits = (nsi.get(n) ?? []).filter((h) => /\b(country|sovereign state|territory|island|archipelago|dependenc|kingdom|principality|city-state|region)\b/i.test(h.description) && !/state of the United States|U\.S\. state/i.test(h.description));
      if (hits.length === 1) {
        wd = hits[0]!.qid;
        break;
      }
    }
    if (wd) {
      sources.push('nsi');
      counts.nsi++;
    }
    let wlId: string | undefined;
    for (const [label, id] of wl) {
      if (WORLD_LEADER_NAMES[label] === iso2 || [...names].some((n) => fold(n) === label)) wlId = id;
    }
    if (wlId) {
      if (!wd) wd = wlId;
      else if (wlId !== wd) altQids.push(wlId);
      if (!sources.includes('epcab')) sources.push('epcab');
      counts.epcab++;
    }

    const independent = cc ? cc['independent'] === 'TRUE' : !c.partOf;
    const d = draft({
      key: `countries:${iso2}`,
      label: c.name,
      type: 'place',
      kind: independent ? 'country' : 'territory',
      country: iso2,
      sources,
      asOf,
      wikidata: wd,
    });
    d.keys.push(`iso2:${iso2}`);
    if (wd) d.keys.push(`wd:${wd}`);
    for (const q of altQids) d.keys.push(`wd:${q}`);
    if (cc?.['ISO_3166_3']) d.keys.push(`iso3:${cc['ISO_3166_3']}`);
    // Prefer a spelling with diacritics when one folds to the plain label ("São Tomé and Príncipe").
    for (const n of names) if (fold(n) === fold(d.label) && n !== d.label && /[^\x00-\x7f]/.test(n)) d.label = n;
    for (const n of names) addAlias(d, n);
    for (const a of abbrev.split(/\s+or\s+|,\s*/)) if (/^[A-Z]{2,5}$/.test(a.trim())) addAlias(d, a.trim());

    if (c.continent && CONTINENTS[c.continent]) addFact(d, { key: 'continent', value: CONTINENTS[c.continent]! });
    if (c.capital) addFact(d, { key: 'capital', value: c.capital, refKey: `capital:${iso2}` });
    let population: number | undefined;
    if (fb) {
      counts.factbook++;
      d.sources.push('factbook');
      const pop = parsePopulation(fbText(fb, 'People and Society', 'Population'));
      if (pop) {
        population = pop[0];
        addFact(d, { key: 'population', value: `${formatInt(pop[0])}${pop[1] ? ` (${pop[1]} est.)` : ''}` });
      }
      const gov = fbText(fb, 'Government', 'Government type').split(';')[0]!.trim();
      if (gov && gov.length <= 60) addFact(d, { key: 'government', value: gov });
      if (longForm && names.has(longForm) && fold(longForm) !== 'none') addFact(d, { key: 'official name', value: longForm });
    }
    if (cc) {
      counts.ccodes++;
      d.sources.push('ccodes');
      if (!population && Number(cc['pop']) > 0) {
        population = Number(cc['pop']);
        addFact(d, { key: 'population', value: formatInt(population) });
      }
      const sov = clean(cc['ISO_3166_3.sov']);
      if (!independent && sov) d.related.push(`iso3:${sov}`);
    }
    if (c.partOf) d.related.push(`iso2:${c.partOf}`);
    const nd = nat[iso2];
    const demonym = nd && fold(nd) !== fold(c.name) && !/islands?$/i.test(nd) && !/ans$/.test(nd) && !/[(,]/.test(nd) ? nd : undefined;
    if (demonym) {
      counts.nationality++;
      d.sources.push('nationality');
      addFact(d, { key: 'demonym', value: demonym });
    }
    const cw = population ? Math.max(0, Math.min(1, (Math.log10(population) - 5) / 4)) : 0.2;
    d.prior = independent ? 0.72 + 0.26 * cw : 0.45 + 0.2 * cw;
    counts.countries++;
    drafts.push(d);

    const ref: CountryRef = {
      iso2,
      iso3: cc?.['ISO_3166_3'] || undefined,
      key: `iso2:${iso2}`,
      name: d.label,
      qid: wd,
      demonym,
      population,
    };
    index.byIso2.set(iso2, ref);
    if (ref.iso3) index.byIso3.set(ref.iso3, ref);
    if (wd) index.byQid.set(wd, ref);
    for (const q of altQids) index.byQid.set(q, ref);
    for (const n of [...names, d.label]) if (!index.byName.has(fold(n))) index.byName.set(fold(n), ref);
  }
  for (const [label, iso2] of Object.entries(WORLD_LEADER_NAMES)) {
    const ref = index.byIso2.get(iso2);
    if (ref && !index.byName.has(label)) index.byName.set(label, ref);
  }
  return { drafts, index, counts };
}
