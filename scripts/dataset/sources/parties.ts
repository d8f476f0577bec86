/**
 * Political parties from Party Facts: parties with a Wikidata id whose best
 * national vote share is at least MIN_SHARE and that existed after 2010,
 * plus every US party (so that historical party facts of US politicians resolve).
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, countryWeight, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readTable } from '../io.ts';
import { clean, qid, wikiTitle } from '../text.ts';

export const MIN_SHARE = 10;

export function loadParties(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const wd = new Map(readTable(shared('partyfacts', 'partyfacts-wikidata.csv')).map((r) => [r['partyfacts_id']!, r]));
  const drafts: Draft[] = [];
  const seen = new Set<string>();
  for (const r of readTable(shared('partyfacts', 'partyfacts-core-parties.csv'))) {
    const w = wd.get(r['partyfacts_id']!);
    const id = qid(w?.['wikidata_id']);
    if (!id || seen.has(id)) continue;
    const share = Number(r['share']) || 0;
    const last = Number(r['year_last']) || undefined;
    const isUS = r['country'] === 'USA';
    if (!isUS && (share < MIN_SHARE || (last !== undefined && last < 2010))) continue;
    const country = countries.byIso3.get(r['country']!);
    const title = wikiTitle(r['wikipedia']);
    const english = clean(r['name_english']) || clean(r['name']);
    const label = title ? title.replace(/\s*\([^)]*\)$/, '') : english;
    seen.add(id);
    const d = draft({
      key: `wd:${id}`,
      label,
      type: 'organization',
      kind: 'party',
      country: country?.iso2,
      wikidata: id,
      wikipedia: title,
      sources: ['partyfacts'],
      asOf: SOURCES.partyfacts!.asOf,
      prior: Math.min(0.85, 0.3 + (0.35 * Math.min(share, 50)) / 50 + 0.2 * countryWeight(country) - (last ? 0.1 : 0)),
    });
    for (const n of [english, clean(r['name']), clean(w?.['name'])]) if (n && !/[[\]/]/.test(n) && !/\(/.test(n)) addAlias(d, n);
    const short = clean(r['name_short']);
    if (/^[A-Z]{3,6}$/.test(short)) addAlias(d, short);
    if (country) {
      addFact(d, { key: 'country', value: country.name, refKey: country.key });
      d.related.push(country.key);
    }
    if (r['year_first'] && Number(r['year_first']) > 1800) addFact(d, { key: 'founded', value: r['year_first']! });
    if (last) addFact(d, { key: 'dissolved', value: String(last) });
    if (share > 0) addFact(d, { key: 'best vote share', value: `${share}%`, start: r['share_year'] || undefined });
    if (isUS) {
      // Keys used by congress.ts party facts ("Democrat", "Republican", "Whig", ...).
      const base = label.replace(/ Party$/, '');
      d.keys.push(`usparty:${base}`);
      if (base === 'Democratic') d.keys.push('usparty:Democrat');
    }
    drafts.push(d);
  }
  return { drafts, counts: { parties: drafts.length } };
}
