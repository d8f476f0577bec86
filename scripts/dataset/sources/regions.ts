/**
 * Regions, provinces, states and districts of every country: ISO 3166-2
 * (amckenna41/iso3166-2 export), with English exonyms from its localOtherName
 * column ("Bavaria (eng)"). That column mixes real exonyms with nicknames and
 * literal translations ("Land of Fire", "Cottonopolis"), so an English name is
 * used only when it resembles the ISO name (or, for ISO names in other scripts,
 * when it reads like a proper name: no "of" phrase, not made of plain words).
 * The curated layer gives English labels and titles for large countries' divisions.
 * US states merge with the wiki-media-cred states; codes that are countries in
 * their own right (US-PR, CN-HK) merge with the country.
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, countryWeight, draft, type CountryIndex, type Draft } from '../draft.ts';
import { readTable } from '../io.ts';
import { clean, fold } from '../text.ts';
import { COMMON } from '../common-words.ts';
import { countryPhrase } from '../describe.ts';

/** Kinds in our words, from the ISO subdivision type. */
function kindOf(type: string): string {
  const t = type.toLowerCase().replace(/^(metropolitan|autonomous|administrative|special|federal|overseas|capital|rural|urban|district|two-tier|unitary) (?=\w)/, '');
  if (/^(land|state|regional state|federated state)$/.test(t)) return 'state';
  if (/^(oblast|voivodship|governorate|prefecture|county|region|province|department|canton|municipality|district|parish|republic|territory|city|emirate)$/.test(t)) return t;
  if (/borough/.test(t)) return 'borough';
  if (/^(council area|unitary authority|local council|metropolitan district|london borough)$/.test(type.toLowerCase())) return 'district';
  return t || 'region';
}

function ascii(s: string): string {
  return fold(s).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function lev(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Two names share a word of 4+ letters, fuzzily ("Jawa Tengah" ~ "Central Java", "Piemonte" ~ "Piedmont"). */
export function resembles(a: string, b: string): boolean {
  const ta = ascii(a).split(' ').filter((t) => t.length >= 4);
  const tb = ascii(b).split(' ').filter((t) => t.length >= 4);
  return ta.some((x) => tb.some((y) => x.slice(0, 5) === y.slice(0, 5) || 1 - lev(x, y) / Math.max(x.length, y.length) >= 0.6));
}

/** A first-level English name that reads like a proper name: short, no "X of Y" phrase, not only plain words. */
function properName(n: string): boolean {
  const tokens = n.split(/\s+/);
  if (tokens.length > 3 || / of | the /i.test(` ${n} `) || /[[\]]/.test(n)) return false;
  return !tokens.every((t) => COMMON.has(fold(t).replace(/[^a-z]/g, '')));
}

export function loadRegions(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const rows = readTable(shared('iso3166-2-names', 'iso3166-2-export.csv'));
  const byCode = new Map(rows.map((r) => [r['subdivisionCode']!, r]));
  const labels = new Map<string, string>();
  const drafts: Draft[] = [];
  const counts = { regions: 0, firstLevel: 0, englishLabel: 0 };
  const asOf = SOURCES.iso3166!.asOf;
  const prepared = rows.map((r) => {
    const iso = clean(r['name']).replace(/\s*\[[^\]]*\]$/, '').replace(/^(.+), (Respublika|Republic)$/, '$2 $1');
    const eng = clean(r['localOtherName'])
      .split(/,\s*(?![^()]*\))/)
      .map((x) => x.trim())
      .filter((x) => /\(eng\)$/.test(x))
      .map((x) => x.replace(/\s*\(eng\)$/, '').trim())
      .filter((x) => x && x.length <= 60);
    const top = !clean(r['parentCode']);
    const latin = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}'’-]+$/u.test(iso);
    // English names that resemble the ISO name, and abbreviations; for names in other scripts, the first proper English name.
    const good = eng.filter((e) => resembles(iso, e) || /^[A-Z]{2,5}$/.test(e) || (!latin && properName(e)));
    const named = good.filter((e) => !/^[A-Z]{2,5}$/.test(e) && e.length > 4);
    const label = named[0] && !eng.includes(iso) ? named[0] : latin ? iso : (named[0] ?? iso);
    return { r, iso, eng: good, label, top, latin };
  });
  for (const p of prepared) labels.set(p.r['subdivisionCode']!, p.label);

  for (const { r, iso, eng, label, top, latin } of prepared) {
    const code = r['subdivisionCode']!;
    const cc = r['alphaCode']!;
    const country = countries.byIso2.get(cc);
    if (!/\p{Script=Latin}/u.test(label)) continue;
    const d = draft({
      key: `iso3166:${code}`,
      label,
      type: 'place',
      kind: kindOf(clean(r['type'])),
      country: cc,
      labelScope: 'region',
      sources: ['iso3166'],
      asOf,
      prior: top ? 0.33 + 0.2 * countryWeight(country) : 0.22 + 0.1 * countryWeight(country),
    });
    if (label !== iso) counts.englishLabel++;
    if (latin) addAlias(d, iso);
    addAlias(d, ...eng);
    const suffix = code.slice(code.indexOf('-') + 1);
    if (cc === 'US' && /^[A-Z]{2}$/.test(suffix)) d.keys.push(`usstate:${suffix}`);
    // A code that is a country of its own (US-PR, CN-HK, NL-AW): the same entity as the country.
    const own = countries.byIso2.get(suffix);
    if (own && own.iso2 !== cc && [label, iso, ...eng].some((n) => fold(n) === fold(own.name))) d.keys.push(own.key);
    const parent = clean(r['parentCode']);
    if (parent && byCode.has(parent)) {
      addFact(d, { key: 'part of', value: labels.get(parent)!, refKey: `iso3166:${parent}` });
      d.related.push(`iso3166:${parent}`);
    }
    if (country) d.related.push(country.key);
    drafts.push(d);
    counts.regions++;
    if (top) counts.firstLevel++;
  }
  return { drafts, counts };
}

/** "Province of Afghanistan", "Department of France, in Normandy". */
export function regionDescription(kind: string | undefined, countryName: string | undefined, parent: string | undefined): string {
  const k = (kind ?? 'region').replace(/^./, (c) => c.toUpperCase());
  const of = countryName ? ` of ${countryPhrase(countryName)}` : '';
  return `${k}${of}${parent ? `, in ${parent}` : ''}.`;
}
