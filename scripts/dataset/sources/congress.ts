/**
 * US Congress members (current in full; former members only when they served
 * in the modern era) and US presidents / vice presidents, from
 * unitedstates/congress-legislators.
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type Draft } from '../draft.ts';
import { readTable, readYaml } from '../io.ts';
import { clean } from '../text.ts';

interface Term {
  type: 'sen' | 'rep' | 'prez' | 'viceprez';
  start: string;
  end: string;
  state?: string;
  district?: number;
  party?: string;
}
interface Person {
  id: Record<string, unknown>;
  name: { first?: string; middle?: string; last?: string; suffix?: string; nickname?: string; official_full?: string };
  bio?: { birthday?: string };
  terms: Term[];
}

const AS_OF = SOURCES.congress!.asOf;
/** Presidents and vice presidents serving from this date on have PROMINENT surnames. */
const PROMINENT_SINCE = '1977-01-20';

/** Congressional delegates of the territories: their "state" is a territory entity from the countries list. */
const TERRITORIES: Record<string, string> = {
  PR: 'Puerto Rico',
  GU: 'Guam',
  VI: 'U.S. Virgin Islands',
  AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
};

function stateRef(st: string, states: Map<string, string>): { value: string; key: string } {
  if (TERRITORIES[st]) return { value: TERRITORIES[st]!, key: `iso2:${st}` };
  return { value: states.get(st) ?? st, key: `usstate:${st}` };
}

export function partyKey(party: string | undefined): string | undefined {
  const p = clean(party);
  if (!p || /^(independent|no party|unknown)$/i.test(p)) return undefined;
  return `usparty:${p}`;
}

/** "Republican" → the party as written in our facts. */
function partyValue(p: string): string {
  return p === 'Democrat' ? 'Democratic' : p;
}

function initials(middle: string | undefined): string {
  return clean(middle)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.endsWith('.') ? w : `${w[0]}.`))
    .join(' ');
}

function nameForms(n: Person['name']): { label: string; aliases: string[]; surname: string } {
  const first = clean(n.first);
  const last = clean(n.last);
  const nick = clean(n.nickname);
  const mid = clean(n.middle);
  const suffix = clean(n.suffix);
  const common = `${nick || first} ${last}`;
  const label = clean(n.official_full) || common;
  const aliases = [common, `${first} ${last}`];
  if (mid) aliases.push(`${first} ${initials(mid)} ${last}`, `${first} ${mid} ${last}`);
  if (suffix) aliases.push(mid ? `${first} ${initials(mid)} ${last} ${suffix}` : `${first} ${last} ${suffix}`);
  return { label, aliases: aliases.map(clean), surname: last };
}

/** Merge back-to-back terms of the same office into spans. */
function spans(terms: Term[], sameOffice: (a: Term, b: Term) => boolean): { first: Term; start: string; end: string; last: Term }[] {
  const out: { first: Term; start: string; end: string; last: Term }[] = [];
  for (const t of [...terms].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    const prev = out[out.length - 1];
    const gapDays = prev ? (Date.parse(t.start) - Date.parse(prev.end)) / 86_400_000 : Infinity;
    if (prev && sameOffice(prev.last, t) && gapDays <= 45) {
      prev.end = t.end > prev.end ? t.end : prev.end;
      prev.last = t;
    } else out.push({ first: t, start: t.start, end: t.end, last: t });
  }
  return out;
}

/** Office title for a legislative term. */
function seat(t: Term, states: Map<string, string>): string {
  const st = stateRef(t.state ?? '', states).value;
  if (TERRITORIES[t.state ?? '']) return `Delegate to the U.S. House from ${st}`;
  return t.type === 'sen' ? `U.S. Senator from ${st}` : `U.S. Representative from ${st}`;
}

export interface CongressResult {
  drafts: Draft[];
  counts: Record<string, number>;
}

export function loadCongress(states: Map<string, string>): CongressResult {
  const drafts: Draft[] = [];
  const counts = { current: 0, historical: 0, executive: 0 };

  // Committee membership: bioguide → [committee thomas id, title].
  const membership = readYaml<Record<string, { bioguide?: string; title?: string }[]>>(shared('congress-legislators', 'committee-membership-current.yaml'));
  const memberOf = new Map<string, [string, string | undefined][]>();
  for (const cid of Object.keys(membership).sort()) {
    if (!/^[A-Z]{4}$/.test(cid)) continue; // full committees only
    for (const m of membership[cid] ?? []) {
      if (!m.bioguide) continue;
      memberOf.set(m.bioguide, [...(memberOf.get(m.bioguide) ?? []), [cid, m.title]]);
    }
  }

  // Presidents and vice presidents first: their label wins over their Congress records.
  const exec = readYaml<Person[]>(shared('congress-legislators', 'executive.yaml'));
  const commonNames = new Map<string, number>();
  for (const p of exec) {
    const k = `${clean(p.name.nickname) || clean(p.name.first)} ${clean(p.name.last)}`;
    commonNames.set(k, (commonNames.get(k) ?? 0) + 1);
  }
  for (const p of exec) {
    const bioguide = p.id['bioguide'] ? String(p.id['bioguide']) : undefined;
    const wd = p.id['wikidata'] ? String(p.id['wikidata']) : undefined;
    const nf = nameForms(p.name);
    const plain = `${clean(p.name.nickname) || clean(p.name.first)} ${clean(p.name.last)}`;
    // Two presidents called George Bush: keep the middle initials in the label.
    const label = (commonNames.get(plain) ?? 0) > 1 && p.name.middle ? `${clean(p.name.first)} ${initials(p.name.middle)} ${clean(p.name.last)}` : plain;
    const prez = p.terms.some((t) => t.type === 'prez');
    const recent = p.terms.some((t) => t.start >= PROMINENT_SINCE);
    const current = p.terms.some((t) => t.end > AS_OF);
    const d = draft({
      key: bioguide ? `bioguide:${bioguide}` : `govtrack:${String(p.id['govtrack'])}`,
      label,
      type: 'person',
      kind: prez ? 'head of state' : 'vice president',
      country: 'US',
      wikidata: wd,
      wikipedia: p.id['wikipedia'] ? String(p.id['wikipedia']) : undefined,
      sources: ['congress'],
      asOf: AS_OF,
      prominent: recent,
      prior: prez ? (current ? 0.98 : recent ? 0.95 : 0.82) : recent ? 0.88 : 0.6,
    });
    if (wd) d.keys.push(`wd:${wd}`);
    if (p.id['govtrack']) d.keys.push(`govtrack:${String(p.id['govtrack'])}`);
    addAlias(d, ...[clean(p.name.official_full), ...nf.aliases].filter((a) => (commonNames.get(plain) ?? 0) === 1 || a !== plain));
    d.surnames.push(nf.surname);
    for (const s of spans(p.terms, (a, b) => a.type === b.type).reverse()) {
      const office = s.first.type === 'prez' ? 'President of the United States' : 'Vice President of the United States';
      addFact(d, { key: 'office', value: office, start: s.start, end: s.end > AS_OF ? undefined : s.end });
    }
    const party = clean(p.terms[p.terms.length - 1]?.party);
    if (party && party !== 'no party') addFact(d, { key: 'party', value: partyValue(party), refKey: partyKey(party) });
    const pk = partyKey(party);
    if (pk) d.related.push(pk);
    if (p.bio?.birthday) addFact(d, { key: 'born', value: p.bio.birthday });
    drafts.push(d);
    counts.executive++;
  }
  for (const p of readYaml<Person[]>(shared('congress-legislators', 'legislators-current.yaml'))) {
    const bioguide = String(p.id['bioguide']);
    const wd = p.id['wikidata'] ? String(p.id['wikidata']) : undefined;
    const nf = nameForms(p.name);
    const latest = p.terms[p.terms.length - 1]!;
    const d = draft({
      key: `bioguide:${bioguide}`,
      label: nf.label,
      type: 'person',
      kind: 'legislator',
      country: 'US',
      wikidata: wd,
      wikipedia: p.id['wikipedia'] ? String(p.id['wikipedia']) : undefined,
      sources: ['congress'],
      asOf: AS_OF,
      prior: latest.type === 'sen' ? 0.72 : 0.58,
    });
    if (wd) d.keys.push(`wd:${wd}`);
    addAlias(d, ...nf.aliases);
    d.surnames.push(nf.surname);
    for (const s of spans(p.terms, (a, b) => a.type === b.type && a.state === b.state).reverse()) {
      addFact(d, { key: 'office', value: seat(s.first, states), start: s.start, end: s.end > AS_OF ? undefined : s.end });
    }
    if (latest.type === 'rep' && latest.state && typeof latest.district === 'number') {
      const st = states.get(latest.state) ?? latest.state;
      addFact(d, { key: 'district', value: latest.district === 0 ? `${st} at-large` : `${st} district ${latest.district}` });
    }
    const party = clean(latest.party);
    if (party) addFact(d, { key: 'party', value: partyValue(party), refKey: partyKey(party) });
    const pk = partyKey(party);
    if (pk) d.related.push(pk);
    if (latest.state) {
      const sr = stateRef(latest.state, states);
      addFact(d, { key: 'state', value: sr.value, refKey: sr.key });
      d.related.push(sr.key);
    }
    if (p.bio?.birthday) addFact(d, { key: 'born', value: p.bio.birthday });
    for (const [cid, title] of memberOf.get(bioguide) ?? []) {
      d.related.push(`committee:${cid}`);
      if (title) addFact(d, { key: 'committee role', value: title, refKey: `committee:${cid}` });
      if (title && /^(Chair|Chairman|Chairwoman|Ranking Member)$/.test(title)) d.prior = Math.min(0.8, d.prior + 0.03);
    }
    drafts.push(d);
    counts.current++;
  }

  // Former members, all of them; those of the modern era (an OpenSecrets or Vote Smart id means they served
  // from about 1989 on) rank higher.
  for (const r of readTable(shared('congress-legislators', 'legislators-historical.csv'))) {
    const modern = !!(r['opensecrets_id'] || r['votesmart_id']);
    const nf = nameForms({ first: r['first_name'], middle: r['middle_name'], last: r['last_name'], suffix: r['suffix'], nickname: r['nickname'], official_full: r['full_name'] });
    const d = draft({
      key: `bioguide:${r['bioguide_id']}`,
      label: nf.label,
      type: 'person',
      kind: 'legislator',
      country: 'US',
      wikipedia: r['wikipedia_id'] || undefined,
      sources: ['congress'],
      asOf: AS_OF,
      prior: (r['type'] === 'sen' ? 0.45 : 0.33) - (modern ? 0 : 0.1),
    });
    addAlias(d, ...nf.aliases);
    d.surnames.push(nf.surname);
    const st = r['state'] ?? '';
    if (r['type'] === 'sen' || r['type'] === 'rep') {
      addFact(d, { key: 'former office', value: seat({ type: r['type'], start: '', end: '', state: st }, states) });
    }
    const party = clean(r['party']);
    if (party) addFact(d, { key: 'party', value: partyValue(party), refKey: partyKey(party) });
    const pk = partyKey(party);
    if (pk) d.related.push(pk);
    // The state is in the former office ("U.S. Senator from Ohio") and in `related`.
    if (st) d.related.push(stateRef(st, states).key);
    if (r['birthday']) addFact(d, { key: 'born', value: r['birthday'] });
    drafts.push(d);
    counts.historical++;
  }

  return { drafts, counts };
}
