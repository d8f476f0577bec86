/**
 * Brands, chains, banks, carmakers, transit networks and operators from the
 * name-suggestion-index (NSI): every item names a Wikidata id in its tags
 * (brand:wikidata, operator:wikidata, network:wikidata); the English label
 * comes from NSI's Wikidata table (CC0). Our kind comes from the NSI category
 * ("brands/amenity/bank" → bank), the country from the item's location set.
 * Wikidata descriptions are never copied; they only help leave out operators
 * that are places (a town operating its own town hall).
 */
import { shared, SOURCES } from '../config.ts';
import { addFact, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readJson } from '../io.ts';
import { clean } from '../text.ts';
import { nsiByQid } from './nsi.ts';
import { countryPhrase } from '../describe.ts';

interface NsiItem {
  displayName?: string;
  locationSet?: { include?: (string | number | number[])[] };
  tags: Record<string, string>;
}

/** NSI category leaf → our kind. Unlisted leaves read "<leaf> brand" or "<leaf> operator". */
const KINDS: Record<string, string> = {
  bank: 'bank', fast_food: 'fast-food chain', restaurant: 'restaurant chain', cafe: 'coffeehouse chain', fuel: 'fuel retailer',
  supermarket: 'supermarket chain', convenience: 'convenience store chain', clothes: 'clothing retailer', car: 'car maker',
  pharmacy: 'pharmacy chain', chemist: 'drugstore chain', department_store: 'department store chain', hotel: 'hotel chain',
  mobile_phone: 'mobile phone retailer', electronics: 'electronics retailer', shoes: 'shoe retailer', furniture: 'furniture retailer',
  doityourself: 'home improvement retailer', hardware: 'hardware retailer', books: 'bookstore chain', car_rental: 'car rental company',
  post_office: 'postal service', bicycle_rental: 'bike-sharing service', charging_station: 'charging network', atm: 'bank',
  bureau_de_change: 'currency exchange company', insurance: 'insurance company', telecommunication: 'telecommunications company',
  estate_agent: 'real estate agency', beverages: 'beverage retailer', alcohol: 'liquor store chain', bakery: 'bakery chain',
  ice_cream: 'ice cream brand', pub: 'pub chain', cinema: 'cinema chain', fitness_centre: 'gym chain', variety_store: 'discount store chain',
  toys: 'toy retailer', sports: 'sporting goods retailer', optician: 'optician chain', car_repair: 'car repair chain', tyres: 'tyre maker',
  motorcycle: 'motorcycle maker', power: 'power company', pipeline: 'pipeline operator', police: 'police force', fire_station: 'fire service',
  hospital: 'hospital operator', school: 'school operator', university: 'university', library: 'library system', prison: 'prison service',
  courthouse: 'court', townhall: 'local government', ambulance_station: 'ambulance service', coast_guard: 'coast guard',
  bus: 'bus operator', train: 'railway operator', subway: 'metro system', tram: 'tram network', light_rail: 'light rail system',
  ferry: 'ferry operator', station: 'railway operator', railway: 'railway operator', aerialway: 'cable car operator',
};

const PLACE_DESCRIPTION = /\b(city|town|village|municipality|commune|county|district|borough|region|province|prefecture|capital|state of|city in|human settlement|census-designated|sovereign state|country in)\b/i;

export function nsiKind(path: string): string {
  const parts = path.split('/');
  const leaf = parts[parts.length - 1]!;
  if (KINDS[leaf]) return KINDS[leaf]!;
  const what = leaf.replace(/_/g, ' ');
  return parts[0] === 'brands' ? `${what} brand` : parts[0] === 'transit' ? `${what} operator` : `${what} operator`;
}

function countriesOf(items: NsiItem[]): string[] {
  const out = new Set<string>();
  for (const it of items)
    for (const l of it.locationSet?.include ?? []) {
      const m = typeof l === 'string' ? /^([a-z]{2})(?:-|\.|$)/.exec(l) : null;
      if (m) out.add(m[1]!.toUpperCase());
      if (l === '001' || l === 1) out.add('001');
    }
  return [...out].sort();
}

export function loadBrands(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const nsi = readJson<{ nsi: Record<string, { items: NsiItem[] }> }>(shared('name-suggestion-index', 'nsi.min.json.gz')).nsi;
  const wd = nsiByQid();
  const byQid = new Map<string, { paths: Set<string>; items: NsiItem[]; role: string }>();
  for (const p of Object.keys(nsi).sort()) {
    const top = p.split('/')[0]!;
    if (top === 'flags') continue;
    for (const it of nsi[p]!.items) {
      for (const role of ['brand', 'operator', 'network']) {
        const q = it.tags[`${role}:wikidata`];
        if (!q || !/^Q\d+$/.test(q)) continue;
        const o = byQid.get(q) ?? { paths: new Set<string>(), items: [], role };
        o.paths.add(p);
        o.items.push(it);
        byQid.set(q, o);
      }
    }
  }
  const drafts: Draft[] = [];
  const counts = { brands: 0, operators: 0, skipped: 0 };
  for (const q of [...byQid.keys()].sort()) {
    const o = byQid.get(q)!;
    const w = wd.get(q);
    const label = clean(w?.label);
    if (!label || !/\p{Script=Latin}/u.test(label) || label.length > 60 || PLACE_DESCRIPTION.test(w?.description ?? '')) {
      counts.skipped++;
      continue;
    }
    const paths = [...o.paths].sort();
    const brand = paths.some((p) => p.startsWith('brands/'));
    const identities = Object.keys((w as unknown as { identities?: Record<string, string> })?.identities ?? {}).length;
    const cs = countriesOf(o.items);
    const world = cs.includes('001');
    const national = cs.filter((c) => c !== '001');
    // Operators (power, pipelines, local services) without a public presence of their own, and
    // local brands (one country, hardly any public accounts): not news.
    const multi = world || national.length > 1;
    if ((!brand && identities < 3) || (brand && !multi && identities < 2)) {
      counts.skipped++;
      continue;
    }
    const spread = world ? 5 : Math.min(5, Math.log2(1 + national.length));
    const prior = 0.22 + 0.05 * spread + 0.015 * Math.min(identities, 8) + (brand ? 0.03 : 0);
    const country = national.length === 1 ? countries.byIso2.get(national[0]!) : undefined;
    const d = draft({
      key: `wd:${q}`,
      label,
      type: 'organization',
      kind: nsiKind(paths.find((p) => p.startsWith('brands/')) ?? paths[0]!),
      country: country?.iso2,
      wikidata: q,
      sources: ['nsi'],
      asOf: SOURCES.nsi!.asOf,
      prior: Math.round(Math.min(0.58, prior) * 1000) / 1000,
    });
    if (country) d.related.push(country.key);
    const kind = d.kind![0]!.toUpperCase() + d.kind!.slice(1);
    d.description = world ? `${kind} present worldwide.` : national.length > 1 ? `${kind} present in ${national.length} countries.` : country ? `${kind} in ${countryPhrase(country.name)}.` : `${kind}.`;
    if (w?.website) addFact(d, { key: 'website', value: w.website });
    drafts.push(d);
    if (brand) counts.brands++;
    else counts.operators++;
  }
  return { drafts, counts };
}
