/**
 * Generated from the country list: the Wikipedia titles of countries and US
 * states (extensions of the source records), and every national football team,
 * men's and women's, named the way Wikipedia names them.
 */
import { fold } from '../text.ts';
import type { Draft } from '../draft.ts';
import { countryWeight } from '../draft.ts';
import { countryPhrase } from '../describe.ts';
import { gen } from './index.ts';
import type { UsStateTables } from './government.ts';

export interface CountryTables {
  countries: Record<string, string>;
  footballTeams: Record<string, string | null>;
  homeNations: Record<string, string>;
}

/** Territories that field a national football team of their own. */
const TEAM_TERRITORIES = new Set('AS AI AW BM BQ VG KY CW FO GF GI GP GU HK MO MQ MS NC PF PR SX TC VI CK MP'.split(' '));
/** Women's teams for countries from this population on (and the home nations). */
const WOMEN_MIN_POPULATION = 5_000_000;
/** Nicknames of a few national teams that are in common use and unambiguous. */
const NICKNAMES: Record<string, string[]> = {
  'US:m': ['USMNT'], 'US:w': ['USWNT'], 'AU:m': ['Socceroos'], 'AU:w': ['Matildas'], 'MX:m': ['El Tri'], 'BR:m': ['Seleção'],
  'AR:m': ['La Albiceleste'], 'GH:m': ['Black Stars'], 'NG:m': ['Super Eagles'], 'ZA:m': ['Bafana Bafana'], 'CM:m': ['Indomitable Lions'],
  'JP:m': ['Samurai Blue'], 'KR:m': ['Taeguk Warriors'], 'England:m': ['Three Lions'],
};

function population(d: Draft): number | undefined {
  const v = d.facts.find((f) => f.key === 'population')?.value;
  const m = /^([\d,]+)/.exec(v ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

export function countryTitles(countries: Draft[], t: CountryTables, st: UsStateTables, usStates: Map<string, string>): Draft[] {
  const out: Draft[] = [];
  for (const c of countries) {
    const title = c.country ? t.countries[c.country] : undefined;
    if (!title) continue;
    out.push(gen({ key: `gen:title:${c.country}`, keys: [`iso2:${c.country}`], label: '', type: c.type, description: '', wikipedia: title, extendOnly: true, prior: 0 }));
  }
  for (const [abbr, name] of [...usStates].sort()) {
    if (abbr === 'DC') continue;
    const title = st.stateTitles[abbr] ?? name;
    out.push(gen({ key: `gen:title:us-${abbr}`, keys: [`usstate:${abbr}`], label: '', type: 'place', description: '', wikipedia: title, extendOnly: true, prior: 0 }));
  }
  return out.map((d) => ({ ...d, description: undefined }));
}

function teamBase(title: string): string {
  return title.replace(/ \((country|state)\)$/, '').replace(/^The /, '');
}

export function nationalTeams(countries: Draft[], t: CountryTables): Draft[] {
  const out: Draft[] = [];
  const make = (id: string, countryKey: string, name: string, demonym: string | undefined, men: string, weight: number, women: boolean, cc: string | undefined) => {
    const demo = demonym ? `${demonym} national football team` : undefined;
    const m = gen({
      key: `gen:nft:${fold(id)}`,
      label: men,
      type: 'organization',
      kind: 'national football team',
      country: cc,
      description: `Men's national association football team of ${countryPhrase(name)}.`,
      wikipedia: men,
      prior: Math.round((0.36 + 0.24 * weight) * 1000) / 1000,
    });
    m.aliases.push(...[`${name} national football team`, demo].filter((a): a is string => !!a && a !== men), ...(NICKNAMES[`${id}:m`] ?? []));
    if (/soccer/.test(men)) m.aliases.push(`${name} national soccer team`);
    m.facts.push({ key: 'country', value: name, refKey: countryKey });
    m.related.push(countryKey);
    out.push(m);
    if (!women) return;
    const wt = /men's/.test(men) ? men.replace("men's", "women's") : men.replace(' national ', " women's national ");
    const w = gen({
      key: `gen:wnft:${fold(id)}`,
      label: wt,
      type: 'organization',
      kind: 'national football team',
      country: cc,
      description: `Women's national association football team of ${countryPhrase(name)}.`,
      wikipedia: wt,
      prior: Math.round((0.3 + 0.2 * weight) * 1000) / 1000,
    });
    w.aliases.push(...(NICKNAMES[`${id}:w`] ?? []));
    if (demonym) w.aliases.push(`${demonym} women's national football team`);
    w.facts.push({ key: 'country', value: name, refKey: countryKey });
    w.related.push(countryKey, m.key);
    m.related.push(w.key);
    out.push(w);
  };
  for (const c of countries) {
    const cc = c.country!;
    const title = t.countries[cc];
    if (!title || t.footballTeams[cc] === null) continue;
    if (c.kind !== 'country' && !TEAM_TERRITORIES.has(cc)) continue;
    const men = t.footballTeams[cc] ?? `${teamBase(title)} national football team`;
    const demonym = c.facts.find((f) => f.key === 'demonym')?.value;
    const w = countryWeight({ iso2: cc, key: '', name: c.label, population: population(c) });
    make(cc, `iso2:${cc}`, c.label, demonym, men, w, (population(c) ?? 0) >= WOMEN_MIN_POPULATION, cc);
  }
  const demonyms: Record<string, string> = { England: 'English', Scotland: 'Scottish', Wales: 'Welsh', 'Northern Ireland': 'Northern Irish' };
  for (const [nation, code] of Object.entries(t.homeNations)) {
    make(nation, `iso3166:${code}`, nation, demonyms[nation], `${nation} national football team`, nation === 'England' ? 0.8 : 0.55, true, 'GB');
  }
  return out;
}
