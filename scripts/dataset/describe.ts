/**
 * One-line descriptions generated from facts by templates (our own words; no
 * source prose). Curated entries bring their own description.
 */
import type { EntityRecord, Fact } from '../../utils/dataset/schema.ts';
import { humanCount, ucfirst, yearSpan } from './text.ts';
import { regionDescription } from './sources/regions.ts';

export interface DescribeCtx {
  get(id: string): EntityRecord | undefined;
}

const THE = /^(United |Republic of|Democratic Republic|Central African|Dominican Republic|Czech Republic|Netherlands$|Philippines$|Bahamas$|Gambia$|Maldives$|Comoros$|Seychelles$)|Islands$/;

/** "the United States", "Mexico". */
export function countryPhrase(name: string): string {
  return THE.test(name) ? `the ${name}` : name;
}

function fact(r: EntityRecord, key: string): Fact | undefined {
  return r.facts.find((f) => f.key === key);
}

function num(v: string | undefined): number | undefined {
  const m = /^([\d,]+)/.exec(v ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
}

/** Rank of an office title for picking the one to show first. */
export function officeRank(title: string): number {
  const t = title.toLowerCase();
  if (/^(deputy|vice|first deputy)\b/.test(t) || /\bvice[- ]president\b/.test(t)) return 1;
  if (/\b(president|prime minister|premier|chancellor|monarch|king|queen|emir|sultan|taoiseach|head of state)\b/.test(t) && !/secretary|minister of|minister for/.test(t)) return 0;
  if (/\b(secretary|minister|attorney general|treasurer)\b/.test(t)) return 2;
  if (/\bjustice\b/.test(t)) return 2.5;
  if (/senator/.test(t)) return 3;
  if (/^governor/.test(t)) return 3.5;
  if (/speaker/.test(t)) return 3.6;
  if (/representative/.test(t)) return 4;
  return 5;
}

/** Offices grouped by title, best first: "U.S. Representative from California (2001–2019, since 2021)". */
function offices(r: EntityRecord): string[] {
  const by = new Map<string, Fact[]>();
  for (const f of r.facts) if (f.key === 'office') by.set(f.value, [...(by.get(f.value) ?? []), f]);
  const list = [...by].map(([title, fs]) => {
    fs.sort((a, b) => ((a.start ?? '') < (b.start ?? '') ? -1 : 1));
    const latest = fs.reduce((m, f) => (!f.end ? '9999' : f.end > m ? f.end : m), '');
    const spans = fs.map((f) => yearSpan(f.start, f.end).replace(/[()]/g, '') + (f.asOf && !f.end && f.asOf.slice(0, 4) !== f.start?.slice(0, 4) ? `, as of ${f.asOf.slice(0, 4)}` : '')).filter(Boolean);
    return { title, rank: officeRank(title), latest, text: spans.length ? `${title} (${[...new Set(spans)].join(', ')})` : title };
  });
  list.sort((a, b) => a.rank - b.rank || (b.latest < a.latest ? -1 : b.latest > a.latest ? 1 : 0));
  return list.map((o) => o.text);
}

function demonymOf(countryId: string | undefined, ctx: DescribeCtx): { adj?: string; name?: string } {
  if (!countryId) return {};
  const c = ctx.get(countryId);
  if (!c) return {};
  return { adj: fact(c, 'demonym')?.value, name: c.label };
}

function person(r: EntityRecord, countryId: string | undefined, ctx: DescribeCtx): string {
  const { adj, name } = demonymOf(countryId, ctx);
  const party = fact(r, 'party')?.value;
  // Ministers are not always politicians: say "public official" unless an elected/leading office is held.
  const political = (r.kind !== 'minister' && r.kind !== 'public official') || r.facts.some((f) => (f.key === 'office' || f.key === 'former office') && officeRank(f.value) !== 2 && officeRank(f.value) !== 5) || !!party;
  const noun = r.kind === 'judge' ? 'jurist' : political ? 'politician' : 'public official';
  let who = adj ? `${adj} ${noun}` : name ? `${noun[0]!.toUpperCase()}${noun.slice(1)} from ${countryPhrase(name)}` : noun[0]!.toUpperCase() + noun.slice(1);
  if (party && countryId && ctx.get(countryId)?.label === 'United States') who += ` (${party})`;
  const offs = offices(r);
  const former = fact(r, 'former office')?.value;
  if (offs.length === 0 && former) return `${who}; former ${former}.`;
  const occupation = fact(r, 'occupation')?.value;
  if (offs.length === 0 && occupation) {
    const born = fact(r, 'born')?.value;
    const place = fact(r, 'birthplace')?.value;
    // "born" is a year, a date (1821-11-11) or a year BC ("69 BC"): say the year only.
    const year = born ? (/^(\d+) BC$/.exec(born)?.[1]?.concat(' BC') ?? born.slice(0, 4).replace(/^0+/, '')) : '';
    const bornText = year || place ? ` born${year ? ` in ${year}` : ''}${place ? ` in ${place}` : ''}` : '';
    return `${ucfirst(occupation)}${bornText}.`;
  }
  if (offs.length === 0) return `${who}.`;
  let text = `${who}; ${offs[0]}`;
  if (offs[1] && text.length + offs[1].length < 100) text += `; ${offs[1]}`;
  return `${text}.`;
}

function place(r: EntityRecord, countryId: string | undefined, ctx: DescribeCtx): string {
  const pop = num(fact(r, 'population')?.value);
  const popText = pop ? `population ${humanCount(pop)}` : '';
  const countryName = countryId ? ctx.get(countryId)?.label : undefined;
  if (r.kind === 'country' || r.kind === 'territory') {
    const cont = fact(r, 'continent')?.value;
    const cap = fact(r, 'capital')?.value;
    const bits = [cap ? `capital ${cap}` : '', popText].filter(Boolean).join('; ');
    const head = r.kind === 'country' ? 'Country' : 'Territory';
    return `${head}${cont ? (cont === 'Antarctica' ? ' in Antarctica' : ` in ${cont}`) : ''}${bits ? ` (${bits})` : ''}.`;
  }
  if (r.sources.includes('iso3166') && !(r.sources.includes('wmc') && countryName === 'United States')) {
    return regionDescription(r.kind, countryName, fact(r, 'part of')?.value);
  }
  if (r.kind === 'state' || r.kind === 'territory' || r.kind === 'federal district') {
    const cap = fact(r, 'capital')?.value;
    const what = r.kind === 'state' ? 'State of the United States' : r.kind === 'territory' ? 'Territory of the United States' : 'Federal district of the United States';
    return `${what}${cap ? ` (capital ${cap})` : ''}.`;
  }
  const capOf = r.facts.filter((f) => f.key === 'capital of').map((f) => f.value);
  const state = fact(r, 'state')?.value ?? fact(r, 'region')?.value;
  const where = [state, countryName ? (state ? countryName : countryPhrase(countryName)) : undefined].filter(Boolean).join(', ');
  if (capOf.length > 0 && countryName && capOf.includes(countryName)) return `Capital city of ${countryPhrase(countryName)}${popText ? ` (${popText})` : ''}.`;
  if (capOf.length > 0 && state && capOf.includes(state)) return `State capital of ${where}${popText ? ` (${popText})` : ''}.`;
  // Towns: the population is in the facts; the line says where the place is.
  return `City${where ? ` in ${where}` : ''}${popText && pop! >= 100_000 ? ` (${popText})` : ''}.`;
}

function organization(r: EntityRecord, countryId: string | undefined, ctx: DescribeCtx): string {
  const countryName = countryId ? ctx.get(countryId)?.label : undefined;
  switch (r.kind) {
    case 'executive department':
      return 'Executive department of the United States federal government.';
    case 'agency': {
      const parent = fact(r, 'parent organization')?.value;
      return parent ? `United States federal agency, part of the ${parent.replace(/^The /, '')}.` : 'Independent agency or office of the United States federal government.';
    }
    case 'committee': {
      const of = fact(r, 'part of')?.value;
      return of ? `Committee of the ${of}.` : 'Congressional committee.';
    }
    case 'newspaper': {
      const where = fact(r, 'published in')?.value;
      if (where === 'Washington, D.C.') return 'Newspaper published in Washington, D.C.';
      return where ? `Newspaper published in the U.S. state of ${where}.` : 'American newspaper.';
    }
    case 'party': {
      const founded = fact(r, 'founded')?.value;
      const dissolved = fact(r, 'dissolved')?.value;
      const where = countryName ? ` in ${countryPhrase(countryName)}` : '';
      if (dissolved) return `Former political party${where}${founded ? ` (${founded}–${dissolved})` : ` (until ${dissolved})`}.`;
      return `Political party${where}${founded ? ` (founded ${founded})` : ''}.`;
    }
    case 'company': {
      const industry = fact(r, 'industry')?.value;
      const hq = fact(r, 'headquarters')?.value;
      const listed = fact(r, 'listed on')?.value;
      const what = industry ? `${ucfirst(industry.toLowerCase().replace(/\b(it|rei?ts?)\b/g, (m) => m.toUpperCase()))} company` : 'Company';
      if (hq) return `${what} headquartered in ${hq}.`;
      if (listed) return `${what} listed on the ${listed.replace(/^Nasdaq$/, 'Nasdaq stock market')}.`;
      return countryName ? `${what} in ${countryPhrase(countryName)}.` : `${what}.`;
    }
    case 'university':
    case 'college':
    case 'institute':
    case 'school': {
      const where = [fact(r, 'located in')?.value, countryName].filter(Boolean).join(', ');
      const noun = r.kind === 'university' ? 'University' : r.kind === 'college' ? 'College' : r.kind === 'institute' ? 'Higher-education institute' : 'School';
      return `${noun}${where ? ` in ${where}` : ''}.`;
    }
    case 'football club': {
      const city = fact(r, 'based in')?.value;
      const founded = fact(r, 'founded')?.value;
      const where = [city, countryName].filter(Boolean).join(', ');
      return `Football club${where ? ` based in ${where}` : ''}${founded ? `, founded in ${founded}` : ''}.`;
    }
    case 'football league': {
      const tier = fact(r, 'tier')?.value;
      const where = countryName ? ` in ${countryPhrase(countryName)}` : '';
      return tier === '1' ? `Top football league${where}.` : tier ? `Football league${where} (tier ${tier}).` : `Football league${where}.`;
    }
    default: {
      const kind = r.kind && r.kind !== 'organization' ? ucfirst(r.kind) : 'Organization';
      const present = fact(r, 'present in')?.value;
      if (present) return `${kind} ${present === 'worldwide' ? 'present worldwide' : `present in ${present}`}.`;
      return countryName ? `${kind} in ${countryPhrase(countryName)}.` : `${kind}.`;
    }
  }
}

function event(r: EntityRecord): string {
  const date = fact(r, 'date')?.value;
  const y = date?.slice(0, 4);
  if (r.kind === 'military operation') return `Military operation${y ? ` (${y})` : ''}.`;
  if (r.kind === 'battle') return `Military engagement${y ? ` (${y})` : ''}.`;
  if (r.kind === 'football competition') return `Football competition${fact(r, 'first season') ? ` first played in ${fact(r, 'first season')!.value}` : ''}.`;
  return `Historical event${y ? ` (${y})` : ''}.`;
}

export function describe(r: EntityRecord, countryId: string | undefined, ctx: DescribeCtx): string {
  switch (r.type) {
    case 'person':
      return person(r, countryId, ctx);
    case 'place':
      return place(r, countryId, ctx);
    case 'organization':
      return organization(r, countryId, ctx);
    case 'event':
      return event(r);
    default:
      return r.kind ? `${r.kind[0]!.toUpperCase()}${r.kind.slice(1)}.` : 'Entity.';
  }
}
