/**
 * Office holders: US cabinet members since 1977 (FiveThirtyEight), and heads of
 * state, heads of government, deputies, ministers, speakers and US governors
 * worldwide (Wikidata via EveryPolitician: holders21 + positions + world leaders).
 */
import { shared, SOURCES } from '../config.ts';
import { addFact, countryWeight, draft, type CountryIndex, type CountryRef, type Draft } from '../draft.ts';
import { readTable, readTsvPlain } from '../io.ts';
import { clean, isoDate, qid, slug, usShortDate } from '../text.ts';
import { countryPhrase } from '../describe.ts';
import { surnameOf } from './person-names.ts';

/** Ministers whose last office ended before RECENT_SINCE rank lower; in large countries before RECENT_SINCE_LARGE. */
export const RECENT_SINCE = '2021-01-01';
export const RECENT_SINCE_LARGE = '2020-01-01';
const LARGE_COUNTRY = 30_000_000;
/** Below this population, only ministers in office count as recent. */
const SMALL_COUNTRY = 10_000_000;

type Rank = 'head' | 'deputy' | 'minister' | 'judge' | 'speaker' | 'governor' | 'official';
const RANK_ORDER: Record<Rank, number> = { head: 0, deputy: 1, minister: 2, judge: 3, speaker: 4, governor: 5, official: 6 };

const EXCLUDE =
  /\b(ambassador\w*|envoy\w*|judges?|justices? of|court|spokes\w*|advis\w*|counsel\w*|director\w*|chief of (the )?(general )?staff|chief of defence|commander\w*|police|bank|ombudsm\w*|auditor\w*|prosecutor\w*|solicitor\w*|first lady|first gentleman|state secretary|undersecretary|under-secretary|under secretary|assistant|parliamentary|permanent|junior|mayor|lieutenant|ceo|board|private secretary|secretary[- ]general|chancellor of justice|chancellor of the university|rector|caixa|military cabinet|to the (president|prime minister|premier|king|queen|government))\b/;
const HEAD_TITLE = '(president|prime minister|premier|chancellor|federal chancellor|monarch|king|queen|emir|sultan|taoiseach|supreme leader|president of the government|chairman of the presidency|chairman of the council of ministers|chairman of the cabinet of ministers)';
const HEAD_BARE = new RegExp(`^${HEAD_TITLE}( \\(prime minister\\))?$|^(head of state|head of government|captain regent|co-prince)$`);
const HEAD_OF = new RegExp(`^${HEAD_TITLE} of (.+)$`);
const DEPUTY = /\b(deputy prime minister|vice[- ]president|vice[- ]premier|deputy premier|first deputy prime minister|deputy chancellor|vice[- ]chancellor)\b/;
const SPEAKER = /^(speaker\b|president of the [a-z' -]*(assembly|senate|chamber|parliament|house|congress|council of states|national council|federal council|storting|riksdag|folketing|bundestag|bundesrat|sejm|duma|knesset|cortes|diet|majlis|legislat\w*))/;
const SUBNATIONAL = /^(premier|governor|chief minister|first minister|minister-president) of /;
const MINISTER = /\b(minister|secretary of state|secretary of|secretary for|attorney[- ]general|home secretary|foreign secretary|chancellor of the exchequer|chancellor of the duchy of lancaster|lord chancellor|cabinet secretary|treasurer)\b/;

/** Classify an office title; undefined = not kept (ambassadors, judges, aides, civil servants, ...). */
export function classify(title: string, isHeadPosition: boolean, countryName: string | undefined): Rank | undefined {
  const p = title.toLowerCase();
  if (isHeadPosition) return 'head';
  if (/^secretary-general of the united nations$/.test(p)) return 'head';
  if (countryName === 'United States' && /^(chief justice of the united states|supreme court justice|associate justice of the supreme court of the united states)$/.test(p)) return 'judge';
  if (EXCLUDE.test(p)) return undefined;
  if (HEAD_BARE.test(p)) return 'head';
  const m = HEAD_OF.exec(p);
  if (m && countryName && m[m.length - 1]!.replace(/^the /, '') === countryName.toLowerCase()) return 'head';
  if (DEPUTY.test(p)) return 'deputy';
  if (SPEAKER.test(p)) return 'speaker';
  if (/\b(deputy|vice)\b/.test(p)) return undefined;
  if (SUBNATIONAL.test(p)) return 'governor';
  if (MINISTER.test(p)) return 'minister';
  return undefined;
}

/** "President" (bare, in a country's list) → "President of Mexico". */
function fullTitle(title: string, country: CountryRef | undefined): string {
  const t = title.replace(/^monarch\b/, 'Monarch');
  if (country && HEAD_BARE.test(t.toLowerCase()) && !/\(/.test(t)) return `${t} of ${countryPhrase(country.name)}`;
  return t;
}

interface Holding {
  office: string;
  rank: Rank;
  start?: string;
  end?: string;
  country?: CountryRef;
}

interface PersonAcc {
  qid: string;
  label: string;
  country?: CountryRef;
  holdings: Holding[];
  born?: string;
  died?: string;
  wikipedia?: string;
  asOf: string;
}

const FTE_TITLES: Record<string, string> = {
  'Attorney General': 'United States Attorney General',
  'Vice President': 'Vice President of the United States',
  'Chief of Staff': 'White House Chief of Staff',
  'UN Ambassador': 'United States Ambassador to the United Nations',
  'OMB Director': 'Director of the Office of Management and Budget',
  'EPA Administrator': 'Administrator of the Environmental Protection Agency',
  'SBA Administrator': 'Administrator of the Small Business Administration',
  'CEA Chair': 'Chair of the Council of Economic Advisers',
  'U.S. Trade Representative': 'United States Trade Representative',
  'OSTP Director': 'Director of the Office of Science and Technology Policy',
  'CIA Director': 'Director of the Central Intelligence Agency',
};

function fteTitle(position: string): string {
  const p = clean(position).replace(/\s*&\s*/g, ' and ');
  if (FTE_TITLES[p]) return FTE_TITLES[p]!;
  if (/^Secretary of /.test(p)) return `United States ${p}`;
  return p;
}

export function loadCabinets(countries: CountryIndex): { drafts: Draft[]; counts: Record<string, number> } {
  const drafts: Draft[] = [];
  const counts = { fte: 0, epcab: 0, worldLeaders: 0 };
  const us = countries.byIso2.get('US');

  // FiveThirtyEight: one draft per appointee.
  const fte = new Map<string, Draft>();
  for (const r of readTable(shared('fivethirtyeight-cabinet', 'cabinet-turnover.csv'))) {
    const name = clean(r['appointee']);
    if (!name || !r['position']) continue;
    const key = `fte:${slug(name)}`;
    let d = fte.get(key);
    if (!d) {
      d = draft({ key, label: name, type: 'person', kind: 'minister', country: 'US', sources: ['fte'], asOf: SOURCES.fte!.asOf, prior: 0.74 });
      d.surnames.push(...surnameOf(name, 'US'));
      d.related.push('iso2:US');
      fte.set(key, d);
    }
    const office = fteTitle(r['position']!);
    if (office === 'Vice President of the United States') d.prior = 0.88;
    addFact(d, { key: 'office', value: office, start: usShortDate(r['start_date']), end: usShortDate(r['end_date']) });
  }
  for (const k of [...fte.keys()].sort()) {
    drafts.push(fte.get(k)!);
    counts.fte++;
  }

  // EveryPolitician: position table (repo, label) → full label and country; world-leader positions = heads.
  const repoDate = new Map(readTsvPlain(shared('everypolitician-cabinets', 'repos.tsv')).map((r) => [r['repo']!, r['commit_date']!]));
  const positions = readTable(shared('everypolitician-cabinets', 'positions-all.csv'));
  const posByRepo = new Map<string, Record<string, string>[]>();
  const repoCountryVotes = new Map<string, Map<string, number>>();
  for (const p of positions) {
    posByRepo.set(p['repo']!, [...(posByRepo.get(p['repo']!) ?? []), p]);
    const c = qid(p['country']);
    if (c) {
      const votes = repoCountryVotes.get(p['repo']!) ?? new Map<string, number>();
      votes.set(c, (votes.get(c) ?? 0) + 1);
      repoCountryVotes.set(p['repo']!, votes);
    }
  }
  const repoCountry = new Map<string, CountryRef>();
  for (const [repo, votes] of repoCountryVotes) {
    const best = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const c = best ? countries.byQid.get(best[0]) : undefined;
    if (c) repoCountry.set(repo, c);
  }
  // The repo name is the country when it names one ("bermuda": its positions point at the United Kingdom);
  // otherwise the country most of its positions belong to.
  const byRepoName = new Map<string, CountryRef | undefined>();
  const countryOfRepo = (repo: string): CountryRef | undefined => {
    if (byRepoName.has(repo)) return byRepoName.get(repo);
    const base = repo.replace(/-(ministers|cabinet|government|leaders)$/, '').replace(/^st-/, 'saint-');
    const c = countries.byName.get(base.replace(/-/g, ' ')) ?? countries.byName.get(base) ?? repoCountry.get(repo);
    byRepoName.set(repo, c);
    return c;
  };
  const wlRows = readTable(shared('everypolitician-cabinets', 'world-leaders-2021-wikidata.csv'));
  const headPositions = new Set(wlRows.map((r) => qid(r['position'])).filter((x): x is string => !!x));

  function joinPosition(repo: string, label: string): Record<string, string> | undefined {
    const list = posByRepo.get(repo) ?? [];
    const exact = list.filter((p) => p['position'] === label);
    if (exact.length === 1) return exact[0];
    let loose = list.filter((p) => {
      const pl = p['position'] ?? '';
      return pl.endsWith(` ${label}`) || pl.startsWith(`${label} of `) || pl.startsWith(`${label} (`);
    });
    // "President" → "President of Mexico", not "President of the Senate (Mexico)".
    if (loose.length > 1) loose = loose.filter((p) => headPositions.has(qid(p['id']) ?? ''));
    return loose.length === 1 ? loose[0] : undefined;
  }

  const people = new Map<string, PersonAcc>();
  const acc = (id: string, label: string, country: CountryRef | undefined, asOf: string): PersonAcc => {
    let p = people.get(id);
    if (!p) {
      p = { qid: id, label, country, holdings: [], asOf };
      people.set(id, p);
    }
    if (!p.country && country) p.country = country;
    if (asOf > p.asOf) p.asOf = asOf;
    return p;
  };

  for (const r of readTable(shared('everypolitician-cabinets', 'holders21-all.csv'))) {
    const id = qid(r['personID']);
    const label = clean(r['person']);
    const repo = r['repo']!;
    // No English label in Wikidata (only a native-script one): no use for matching English text.
    if (!id || !label || label === id || !/\p{Script=Latin}/u.test(label)) continue;
    const pos = joinPosition(repo, clean(r['position']));
    const posId = pos ? qid(pos['id']) : undefined;
    const country = countryOfRepo(repo);
    const office = fullTitle(clean(pos?.['position']) || clean(r['position']), country);
    // Offices classify() leaves out (deputy ministers, envoys, officials...) still make the person a public official.
    const rank = classify(office, !!posId && headPositions.has(posId), country?.name) ?? 'official';
    const p = acc(id, label, country, repoDate.get(repo) ?? SOURCES.epcab!.asOf);
    p.holdings.push({ office, rank, start: isoDate(r['start']), end: isoDate(r['end']), country });
    if (r['DOB']) p.born = isoDate(r['DOB']);
    if (r['DOD']) p.died = isoDate(r['DOD']);
    if (r['enwiki']) p.wikipedia = clean(r['enwiki']);
  }
  for (const r of wlRows) {
    const id = qid(r['officeholder']);
    const label = clean(r['officeholderLabel']);
    if (!id || !label || label === id || !/\p{Script=Latin}/u.test(label)) continue;
    const country = countries.byQid.get(qid(r['countryid']) ?? '') ?? countries.byName.get(clean(r['country']).toLowerCase());
    const p = acc(id, label, country, '2022-10-10');
    const office = fullTitle(clean(r['positionLabel']), country);
    const start = isoDate(r['start_year']);
    // The same office from holders21 with full dates wins over the year-only row.
    // The same head-of-state/government office from holders21 (often worded differently) with full dates wins.
    const same = p.holdings.find((h) => (h.office === office || (h.rank === 'head' && h.country === country)) && h.start?.slice(0, 4) === start);
    const end = isoDate(r['end_year']);
    if (!same) p.holdings.push({ office, rank: 'head', start, end, country });
    else if (!same.end && end) same.end = end;
    counts.worldLeaders++;
  }

  for (const id of [...people.keys()].sort()) {
    const p = people.get(id)!;
    // The person's country: that of their highest office; between equal offices, the most populous country
    // (Charles III is monarch of fifteen realms).
    const top = Math.min(...p.holdings.map((h) => RANK_ORDER[h.rank]));
    const tops = p.holdings.filter((h) => RANK_ORDER[h.rank] === top && h.country).sort((a, b) => (b.country!.population ?? 0) - (a.country!.population ?? 0));
    if (tops[0]?.country) p.country = tops[0].country;
    // Everyone is kept; those out of office for a while rank lower (see `recent` below).
    const pop = p.country?.population ?? 0;
    const since = pop >= LARGE_COUNTRY ? RECENT_SINCE_LARGE : pop >= SMALL_COUNTRY ? RECENT_SINCE : '9999';
    const recent = p.holdings.some((h) => !h.end || h.end >= since);
    const home = (h: Holding) => (h.country && h.country === p.country ? 0 : 1);
    const hs = dedupeHoldings(p.holdings).sort(
      (a, b) => RANK_ORDER[a.rank] - RANK_ORDER[b.rank] || home(a) - home(b) || ((b.start ?? '') < (a.start ?? '') ? -1 : (b.start ?? '') > (a.start ?? '') ? 1 : 0),
    );
    const best = hs[0]!;
    const currentHead = hs.some((h) => h.rank === 'head' && !h.end);
    const cw = p.country ? countryWeight(p.country) : 0.3;
    const isUS = p.country?.iso2 === 'US';
    let prior: number;
    if (best.rank === 'head') prior = 0.62 + 0.3 * cw + (currentHead ? 0.05 : 0);
    else if (best.rank === 'deputy') prior = 0.5 + 0.2 * cw;
    else if (best.rank === 'minister') prior = (isUS ? 0.52 : 0.4) + 0.2 * cw + (hs.some((h) => h.rank === 'minister' && !h.end) ? 0.03 : 0);
    else if (best.rank === 'governor' && !isUS) prior = 0.3 + 0.15 * cw;
    else if (best.rank === 'speaker') prior = 0.42 + 0.2 * cw;
    else if (best.rank === 'judge') prior = 0.68;
    else if (best.rank === 'official') prior = 0.3 + 0.1 * cw;
    else prior = isUS ? 0.55 : 0.38 + 0.15 * cw;
    if (!recent && best.rank !== 'head') prior -= 0.08;
    const d = draft({
      key: `wd:${id}`,
      label: p.label,
      type: 'person',
      kind: best.rank === 'head' ? 'head of state or government' : best.rank === 'governor' ? 'regional leader' : best.rank === 'speaker' ? 'speaker' : best.rank === 'deputy' ? 'deputy head of government' : best.rank === 'judge' ? 'judge' : best.rank === 'official' ? 'public official' : 'minister',
      country: p.country?.iso2,
      wikidata: id,
      wikipedia: p.wikipedia,
      sources: ['epcab'],
      asOf: p.asOf,
      prior: Math.min(0.97, prior),
      prominent: currentHead && (p.country?.population ?? 0) >= 50_000_000,
    });
    d.surnames.push(...surnameOf(p.label, p.country?.iso2));
    for (const h of hs.slice(0, best.rank === 'head' ? 4 : 2)) addFact(d, { key: 'office', value: h.office, start: h.start, end: h.end });
    if (p.born) addFact(d, { key: 'born', value: p.born });
    if (p.died) addFact(d, { key: 'died', value: p.died });
    if (p.country) d.related.push(p.country.key);
    drafts.push(d);
    counts.epcab++;
  }
  if (!us) throw new Error('countries: no US entry');
  return { drafts, counts };
}

/** Same office with overlapping or touching dates → one span. */
function dedupeHoldings(hs: Holding[]): Holding[] {
  const out: Holding[] = [];
  for (const h of [...hs].sort((a, b) => (a.office < b.office ? -1 : a.office > b.office ? 1 : (a.start ?? '') < (b.start ?? '') ? -1 : 1))) {
    const prev = out[out.length - 1];
    if (prev && prev.office === h.office && (!prev.end || !h.start || h.start <= prev.end)) {
      if (!h.end || (prev.end && h.end > prev.end)) prev.end = h.end;
      if (!prev.end) prev.end = undefined;
      continue;
    }
    out.push({ ...h });
  }
  return out;
}
