/**
 * Generated events, from the fact tables in data/curated/tables/events.json:
 * Olympic and Paralympic Games, FIFA World Cups, UEFA Euros, Super Bowls,
 * World Series, Eurovision, the Academy Awards and Grammys, the Tour de France,
 * Wimbledon, US presidential and congressional elections, national elections
 * of large democracies, UN climate conferences, Apollo missions and retired
 * Atlantic hurricane names. Titles follow the Wikipedia conventions for each
 * series ("2016 Summer Olympics", "Super Bowl LVII", "95th Academy Awards").
 */
import type { Draft } from '../draft.ts';
import { ordinal } from '../text.ts';
import { gen } from './index.ts';

export interface EventTables {
  summerOlympics: [string, string][];
  winterOlympics: [string, string][];
  summerParalympics: [string, string][];
  winterParalympics: [string, string][];
  fifaWorldCup: string[][];
  womensWorldCup: string[][];
  euro: string[][];
  usPresidentialWinners: [string, string][];
  ukGeneralElections: string[];
  nationalElections: Record<string, string>;
  climateConferences: string[];
  apollo: [string, string][];
  hurricanes: [string, string][];
}

/** Editions after this year are in the future for the curated layer. */
const LAST_YEAR = 2025;

function roman(n: number): string {
  const map: [number, string][] = [[50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of map) while (n >= v) ((out += s), (n -= v));
  return out;
}

function ev(key: string, label: string, kind: string, year: string, description: string, prior: number, extra: Partial<Draft> = {}): Draft {
  const d = gen({ key: `gen:${key}`, label, type: 'event', kind, description, wikipedia: label, prior, ...extra });
  d.facts.push({ key: 'date', value: year });
  return d;
}

/** Recent editions rank higher. */
function recency(year: number, base: number): number {
  return Math.round((base + (year >= 2000 ? 0.1 : year >= 1970 ? 0.05 : 0)) * 1000) / 1000;
}

export function eventFamilies(t: EventTables): Draft[] {
  const out: Draft[] = [];
  const games: [keyof EventTables, string, string][] = [
    ['summerOlympics', 'Summer Olympics', 'Summer Olympic Games'],
    ['winterOlympics', 'Winter Olympics', 'Winter Olympic Games'],
    ['summerParalympics', 'Summer Paralympics', 'Summer Paralympic Games'],
    ['winterParalympics', 'Winter Paralympics', 'Winter Paralympic Games'],
  ];
  for (const [k, series, long] of games) {
    for (const [year, host] of t[k] as [string, string][]) {
      const y = Number(year);
      const when = y > LAST_YEAR ? 'to be held' : 'held';
      const d = ev(`${k}:${year}`, `${year} ${series}`, 'multi-sport event', year, `${long} ${when} in ${host} in ${y === 2020 ? '2021 (postponed from 2020)' : year}.`, recency(y, 0.4));
      d.aliases.push(`${year} ${long}`);
      // "London 2012" names the Olympics, not the Paralympics.
      if (k === 'summerOlympics' || k === 'winterOlympics') d.aliases.push(`${host.split(' and ')[0]} ${year}`);
      d.facts.push({ key: 'host city', value: host });
      out.push(d);
    }
  }
  const cups: [keyof EventTables, (y: string) => string, string, (y: string) => string[]][] = [
    ['fifaWorldCup', (y) => `${y} FIFA World Cup`, "FIFA men's football World Cup", (y) => [`${y} World Cup`]],
    ['womensWorldCup', (y) => `${y} FIFA Women's World Cup`, "FIFA Women's World Cup", (y) => [`${y} Women's World Cup`]],
    ['euro', (y) => (Number(y) <= 1964 ? `${y} European Nations' Cup` : `UEFA Euro ${y}`), 'UEFA European Championship', (y) => [`Euro ${y}`]],
  ];
  for (const [k, title, what, aliases] of cups) {
    for (const [year, host, winner] of t[k] as string[][]) {
      const y = Number(year!);
      const d = ev(`${k}:${year}`, title(year!), 'football tournament', year!, `${what} ${y > LAST_YEAR ? 'to be hosted' : 'hosted'} by ${host} in ${year}${winner ? `, won by ${winner}` : ''}.`, recency(y, 0.4));
      d.aliases.push(...aliases(year!));
      d.facts.push({ key: 'host', value: host! });
      if (winner) d.facts.push({ key: 'winner', value: winner });
      out.push(d);
    }
  }
  for (let n = 1; n <= 59; n++) {
    const y = 1966 + n;
    const label = n === 50 ? 'Super Bowl 50' : `Super Bowl ${roman(n)}`;
    out.push(ev(`superbowl:${n}`, label, 'championship game', String(y), `Championship game of the National Football League for the ${y - 1} season, played in ${y}.`, recency(y, 0.35)));
  }
  for (let y = 1903; y <= 2024; y++) {
    if (y === 1904 || y === 1994) continue;
    out.push(ev(`worldseries:${y}`, `${y} World Series`, 'championship series', String(y), `Championship series of Major League Baseball in ${y}.`, recency(y, 0.3)));
  }
  for (let y = 1956; y <= LAST_YEAR; y++) {
    const d = ev(`eurovision:${y}`, `Eurovision Song Contest ${y}`, 'song contest', String(y), y === 2020 ? 'Edition of the Eurovision Song Contest planned for 2020 and cancelled.' : `Edition of the Eurovision Song Contest held in ${y}.`, recency(y, 0.3));
    d.aliases.push(`Eurovision ${y}`);
    out.push(d);
  }
  for (let n = 1; n <= 97; n++) {
    const y = n >= 7 ? 1928 + n : undefined;
    const d = ev(`oscars:${n}`, `${ordinal(n)} Academy Awards`, 'award ceremony', y ? String(y) : '', `Ceremony of the Academy Awards (Oscars)${y ? ` held in ${y}, honouring films of ${y - 1}` : ''}.`, recency(y ?? 1930, 0.3));
    if (!y) d.facts = [];
    if (y) d.aliases.push(`${y} Academy Awards`, `${y} Oscars`);
    out.push(d);
  }
  for (let n = 3; n <= 67; n++) {
    const y = 1958 + n;
    const d = ev(`grammys:${n}`, `${ordinal(n)} Annual Grammy Awards`, 'award ceremony', String(y), `Ceremony of the Grammy Awards held in ${y}.`, recency(y, 0.3));
    d.aliases.push(`${y} Grammy Awards`, `${y} Grammys`);
    out.push(d);
  }
  for (let y = 1903; y <= LAST_YEAR; y++) {
    if ((y >= 1915 && y <= 1918) || (y >= 1940 && y <= 1946)) continue;
    out.push(ev(`tdf:${y}`, `${y} Tour de France`, 'cycling race', String(y), `Edition of the Tour de France cycling race in ${y}.`, recency(y, 0.25)));
  }
  for (let y = 1877; y <= LAST_YEAR; y++) {
    if ((y >= 1915 && y <= 1918) || (y >= 1940 && y <= 1945) || y === 2020) continue;
    out.push(ev(`wimbledon:${y}`, `${y} Wimbledon Championships`, 'tennis tournament', String(y), `Edition of the Wimbledon tennis championships in ${y}.`, recency(y, 0.25)));
  }
  const winners = new Map(t.usPresidentialWinners);
  for (let y = 1792; y <= 2024; y += 4) {
    const w = winners.get(String(y));
    const d = ev(`uspres:${y}`, `${y} United States presidential election`, 'election', String(y), `Presidential election in the United States in ${y}${w ? `, won by ${w}` : ''}.`, recency(y, 0.4), { country: 'US' });
    if (w) d.facts.push({ key: 'winner', value: w });
    d.aliases.push(`${y} presidential election`);
    d.related.push('iso2:US');
    out.push(d);
  }
  for (let y = 1990; y <= 2024; y += 2) {
    for (const [chamber, title] of [['House', 'House of Representatives'], ['Senate', 'Senate']] as const) {
      const d = ev(`us${chamber}:${y}`, `${y} United States ${title} elections`, 'election', String(y), `Elections to the United States ${title} in ${y}.`, recency(y, 0.3), { country: 'US' });
      d.related.push('iso2:US');
      out.push(d);
    }
  }
  const elections: [string, string, string][] = t.ukGeneralElections.map((y) => ['United Kingdom general election', 'GB', y]);
  for (const [k, years] of Object.entries(t.nationalElections)) {
    const [what, cc] = k.split('|');
    for (const y of years.split(' ')) elections.push([what!, cc!, y]);
  }
  for (const [what, cc, y] of elections) {
    const when = y.replace('_', ' ');
    const year = when.slice(-4);
    const d = ev(`election:${cc}:${y}`, `${when} ${what}`, 'election', year, `${what[0]!.toUpperCase()}${what.slice(1)} held in ${when}.`, recency(Number(year), 0.35), { country: cc || undefined });
    if (cc) d.related.push(`iso2:${cc}`);
    out.push(d);
  }
  t.climateConferences.forEach((host, i) => {
    const n = i + 1;
    const y = n <= 25 ? 1994 + n : 1995 + n;
    const d = ev(`cop:${n}`, `${y} United Nations Climate Change Conference`, 'conference', String(y), `Conference of the parties to the UN climate convention (COP${n}) held in ${host} in ${y}.`, recency(y, 0.35));
    d.aliases.push(`COP${n}`, `COP ${n}`);
    d.facts.push({ key: 'host city', value: host });
    out.push(d);
  });
  for (const [n, y] of t.apollo) {
    const d = ev(`apollo:${n}`, `Apollo ${n}`, 'space mission', y, n === '1' ? 'NASA Apollo mission whose crew died in a cabin fire during a rehearsal in 1967.' : `Crewed NASA Apollo mission flown in ${y}.`, 0.5);
    d.related.push('cur:nasa');
    out.push(d);
  }
  for (const [y, name] of t.hurricanes) {
    const d = ev(`hurricane:${name}:${y}`, `Hurricane ${name}`, 'tropical cyclone', y, `Tropical cyclone of ${y}.`, recency(Number(y), 0.4));
    out.push(d);
  }
  return out;
}
