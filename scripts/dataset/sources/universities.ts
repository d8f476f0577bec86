/**
 * Universities and colleges worldwide (Hipo university-domains-list): name,
 * country, state or province, web domain. No ids and no descriptions: ours say
 * where the institution is; the curated layer adds Wikipedia titles for the
 * best-known ones.
 */
import { shared, SOURCES } from '../config.ts';
import { addFact, countryWeight, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readJson } from '../io.ts';
import { clean, fold, slug } from '../text.ts';

interface Univ {
  name: string;
  country?: string;
  alpha_two_code?: string;
  'state-province'?: string | null;
  domains?: string[];
  web_pages?: string[];
}

export function universityKind(name: string): string {
  const n = fold(name);
  if (/\b(university|universite|universidad|universidade|universita|universitat|universiteit|universitet|uniwersytet|univerzita|egyetem|daigaku)\b/.test(n)) return 'university';
  if (/\b(college|colegio|hochschule|fachhochschule)\b/.test(n)) return 'college';
  if (/\b(institute|institut|instituto|istituto|polytechnic|politecnico|polytechnique)\b/.test(n)) return 'institute';
  if (/\b(school|ecole|escuela|academy|akademie|academia|conservatory|seminary)\b/.test(n)) return 'school';
  return 'university';
}

export function loadUniversities(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const rows = readJson<Univ[]>(shared('university-domains', 'world_universities_and_domains.json'));
  const byKey = new Map<string, Draft>();
  for (const u of rows) {
    const name = clean(u.name).replace(/\s*\([^)]*\)$/, '');
    const cc = clean(u.alpha_two_code).toUpperCase();
    if (!name || name.length < 4 || !/\p{Script=Latin}/u.test(name)) continue;
    const key = `univ:${cc.toLowerCase()}:${slug(name)}`;
    const existing = byKey.get(key);
    const domain = clean(u.domains?.[0]);
    if (existing) {
      if (domain && !existing.facts.some((f) => f.key === 'website')) addFact(existing, { key: 'website', value: domain });
      continue;
    }
    const country = countries.byIso2.get(cc);
    const d = draft({
      key,
      label: name,
      type: 'organization',
      kind: universityKind(name),
      country: country?.iso2,
      sources: ['univ'],
      asOf: SOURCES.univ!.asOf,
      prior: 0.26 + 0.08 * countryWeight(country),
    });
    const region = clean(u['state-province']);
    if (region && !/^\d+$/.test(region)) addFact(d, { key: 'located in', value: region });
    if (domain) addFact(d, { key: 'website', value: domain });
    if (country) d.related.push(country.key);
    byKey.set(key, d);
  }
  const drafts = [...byKey.keys()].sort().map((k) => byKey.get(k)!);
  return { drafts, counts: { universities: drafts.length } };
}
