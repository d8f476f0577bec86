/**
 * Famous people from Pantheon 1.0 (people whose Wikipedia article exists in 25+
 * languages, 2014): scientists, artists, writers, athletes, business people and
 * historical figures. The `name` field is the English Wikipedia title of the
 * article (page id `en_curid`) as of 2014; it is kept as the record's title and
 * is the key that merges these people with office holders and legislators.
 * Notability: the Historical Popularity Index (HPI), with a bonus for people born
 * in the last century (the news is about them more often).
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readTsvPlain } from '../io.ts';
import { clean } from '../text.ts';
import { surnameOf } from './person-names.ts';

/** Pantheon occupations in our words (lower case); the rest are lower-cased as they are. */
const OCCUPATION: Record<string, string> = {
  'SOCCER PLAYER': 'footballer',
  'RACECAR DRIVER': 'racing driver',
  'MILITARY PERSONNEL': 'military officer',
  'RELIGIOUS FIGURE': 'religious figure',
  BUSINESSPERSON: 'businessperson',
  'SOCIAL ACTIVIST': 'activist',
  COMPANION: 'royal consort or companion',
  NOBLEMAN: 'noble',
  EXTREMIST: 'militant',
  'PUBLIC WORKER': 'public servant',
  'PORNOGRAPHIC ACTOR': 'adult film actor',
  CHESSMASTER: 'chess player',
  'MARTIAL ARTS': 'martial artist',
  SNOOKER: 'snooker player',
  'MEDIA PERSONALITY': 'media personality',
  'AMERICAN FOOTBALL PLAYER': 'American football player',
};

export function occupationOf(raw: string): string {
  const o = clean(raw).toUpperCase();
  return OCCUPATION[o] ?? o.toLowerCase();
}

/** Names a person is called by, from the article title: "Arthur Wellesley, 1st Duke of Wellington" → "Arthur Wellesley". */
function shortForms(title: string): string[] {
  const out: string[] = [];
  const noParen = title.replace(/\s*\([^)]*\)$/, '');
  if (noParen !== title) out.push(noParen);
  const jr = /^(.*), (Jr\.|Sr\.)$/.exec(noParen);
  if (jr) out.push(`${jr[1]} ${jr[2]}`, jr[1]!);
  const peer = /^([^,]+), (\d+(st|nd|rd|th) )?(Duke|Earl|Viscount|Baron|Marquess|Count|Prince|Princess|Lord|Lady|Baroness) /.exec(noParen);
  if (peer && peer[1]!.includes(' ')) out.push(peer[1]!);
  // "Louis XIV of France" → "Louis XIV".
  const regnal = /^(.+ [IVX]+) of [A-Z]/.exec(noParen);
  if (regnal) out.push(regnal[1]!);
  return out;
}

export function loadPantheon(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const rows = readTsvPlain(shared('pantheon-1.0', 'pantheon.tsv'));
  const drafts: Draft[] = [];
  // Surnames shared by several Pantheon people are never prominent on their own.
  const surnameCount = new Map<string, number>();
  const parsed = rows
    .filter((r) => r['en_curid'] && r['name'])
    .map((r) => {
      const title = clean(r['name']);
      const cc = clean(r['countryCode']).toUpperCase();
      const country = countries.byIso2.get(cc);
      const born = Number(r['birthyear']);
      const premodern = !Number.isFinite(born) || born < 1500;
      const label = title.replace(/\s*\([^)]*\)$/, '').replace(/, (Jr\.|Sr\.)$/, ' $1');
      const surnames = premodern || / (of|the|de la|von) [A-Z]/.test(label) || label.includes(',') ? [] : surnameOf(label, country?.iso2);
      for (const s of surnames) surnameCount.set(s, (surnameCount.get(s) ?? 0) + 1);
      return { r, title, label, country, born, surnames };
    });
  for (const { r, title, label, country, born, surnames } of parsed) {
    const hpi = Number(r['HPI']) || 0;
    const occupation = occupationOf(r['occupation'] ?? '');
    const modern = Number.isFinite(born) && born >= 1900;
    const prior = Math.min(0.9, 0.3 + 0.5 * Math.max(0, Math.min(1, (hpi - 12) / 16)) + (modern ? 0.05 : 0));
    const d = draft({
      key: `pantheon:${r['en_curid']}`,
      label,
      type: 'person',
      kind: occupation || undefined,
      country: country?.iso2,
      wikipedia: title,
      sources: ['pantheon'],
      asOf: SOURCES.pantheon!.asOf,
      prior: Math.round(prior * 1000) / 1000,
      // The very famous of the last two centuries, with a surname no other Pantheon person has.
      prominent: hpi >= 25 && born >= 1800 && surnames.length === 1 && surnameCount.get(surnames[0]!) === 1,
    });
    addAlias(d, ...shortForms(title));
    d.surnames.push(...surnames);
    if (occupation) addFact(d, { key: 'occupation', value: occupation });
    if (Number.isFinite(born) && r['birthyear'] !== '') addFact(d, { key: 'born', value: born < 0 ? `${-born} BC` : String(born) });
    // Pantheon writes "Other" where it has no birth city.
    const city = clean(r['birthcity']) === 'Other' ? '' : clean(r['birthcity']);
    const place = [city, country?.name].filter(Boolean).join(', ');
    if (place) addFact(d, { key: 'birthplace', value: place, refKey: !city && country ? country.key : undefined });
    if (country) d.related.push(country.key);
    drafts.push(d);
  }
  return { drafts, counts: { people: drafts.length } };
}
