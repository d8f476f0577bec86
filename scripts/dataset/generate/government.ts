/**
 * Generated institutions: every US state's governorship and legislature, every
 * US Congress (1st–119th), the federal courts of appeals, and the foreign and
 * defence ministries of every country (named generically, with the names the
 * news uses: "Russian Foreign Ministry").
 */
import type { Draft } from '../draft.ts';
import { countryWeight } from '../draft.ts';
import { countryPhrase } from '../describe.ts';
import { ordinal } from '../text.ts';
import { gen } from './index.ts';

export interface UsStateTables {
  stateTitles: Record<string, string>;
  legislatures: Record<string, string>;
  unicameral: string[];
}

const CIRCUITS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth', 'Eleventh'];
/** The last Congress in the source data (congress-legislators, 2026). */
const LAST_CONGRESS = 119;

export function usInstitutions(usStates: Map<string, string>, t: UsStateTables): Draft[] {
  const out: Draft[] = [];
  for (const [abbr, state] of [...usStates].sort()) {
    if (abbr === 'DC') continue;
    const sk = `usstate:${abbr}`;
    const g = gen({
      key: `gen:governor:${abbr}`,
      label: `Governor of ${state}`,
      type: 'other',
      kind: 'public office',
      country: 'US',
      description: `Head of the executive branch of the US ${abbr === 'PR' ? 'territory' : 'state'} of ${state}.`,
      wikipedia: `Governor of ${state}`,
      prior: 0.45,
    });
    g.aliases.push(`${state} Governor`, `Governor of the State of ${state}`);
    g.facts.push({ key: 'jurisdiction', value: state, refKey: sk });
    g.related.push(sk);
    out.push(g);
    const leg = t.legislatures[abbr];
    if (!leg) continue;
    const l = gen({
      key: `gen:legislature:${abbr}`,
      label: leg,
      type: 'organization',
      kind: 'legislature',
      country: 'US',
      description: `${t.unicameral.includes(abbr) ? 'Unicameral' : 'Bicameral'} legislature of the US state of ${state}.`,
      wikipedia: leg,
      prior: 0.42,
    });
    if (!leg.startsWith(`${state} Legislature`)) l.aliases.push(`${state} Legislature`);
    l.facts.push({ key: 'jurisdiction', value: state, refKey: sk });
    l.related.push(sk);
    out.push(l);
  }
  for (let n = 1; n <= LAST_CONGRESS; n++) {
    const start = 1789 + 2 * (n - 1);
    const d = gen({
      key: `gen:congress:${n}`,
      label: `${ordinal(n)} United States Congress`,
      type: 'event',
      kind: 'legislative term',
      country: 'US',
      description: `Two-year term of the United States Congress, ${start}–${start + 2}.`,
      wikipedia: `${ordinal(n)} United States Congress`,
      prior: n >= 100 ? 0.45 : 0.3,
    });
    d.aliases.push(`${ordinal(n)} Congress`);
    d.facts.push({ key: 'start', value: String(start) }, { key: 'end', value: String(start + 2) });
    d.related.push('cur:united-states-congress');
    out.push(d);
  }
  const courts: [string, string[]][] = CIRCUITS.map((c, i) => [`${c} Circuit`, [`${c} Circuit`, `${ordinal(i + 1)} Circuit`, `${c} Circuit Court of Appeals`, `${ordinal(i + 1)} Circuit Court of Appeals`, `${ordinal(i + 1)} U.S. Circuit Court of Appeals`]]);
  courts.push(['District of Columbia Circuit', ['D.C. Circuit', 'DC Circuit', 'D.C. Circuit Court of Appeals']], ['Federal Circuit', ['Federal Circuit', 'Federal Circuit Court of Appeals']]);
  for (const [circuit, aliases] of courts) {
    const label = `United States Court of Appeals for the ${circuit}`;
    const d = gen({
      key: `gen:court:${circuit}`,
      label,
      type: 'organization',
      kind: 'court',
      country: 'US',
      description: `Federal appeals court of the United States for the ${circuit.replace('District of Columbia', 'D.C.')}.`,
      wikipedia: label,
      prior: 0.5,
    });
    d.aliases.push(`U.S. Court of Appeals for the ${circuit}`, ...aliases);
    d.related.push('iso2:US');
    out.push(d);
  }
  return out;
}

/** Countries whose foreign ministry has a name of its own (in the curated files or the sources). */
const OWN_FOREIGN = new Set(['US', 'GB', 'IN', 'CA', 'AU', 'DE', 'FR', 'CH', 'MX', 'IE', 'NZ']);
const OWN_DEFENCE = new Set(['US']);

export function ministries(countries: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const c of countries) {
    if (c.kind !== 'country' || !c.country) continue;
    const cc = c.country;
    const name = countryPhrase(c.label);
    const demonym = c.facts.find((f) => f.key === 'demonym')?.value;
    const pop = Number(/^([\d,]+)/.exec(c.facts.find((f) => f.key === 'population')?.value ?? '')?.[1]?.replace(/,/g, '') ?? 0);
    const w = countryWeight({ iso2: cc, key: '', name: c.label, population: pop || undefined });
    const make = (what: 'foreign' | 'defence') => {
      const label = what === 'foreign' ? `Ministry of Foreign Affairs of ${name}` : `Ministry of Defence of ${name}`;
      const d = gen({
        key: `gen:${what}:${cc}`,
        label,
        type: 'organization',
        kind: 'ministry',
        country: cc,
        description: what === 'foreign' ? `Government ministry in charge of the foreign relations of ${name}.` : `Government ministry in charge of the armed forces and defence of ${name}.`,
        prior: Math.round((0.34 + 0.2 * w) * 1000) / 1000,
      });
      const bare = c.label;
      if (what === 'foreign') d.aliases.push(`${bare} Foreign Ministry`, `Foreign Ministry of ${name}`);
      else d.aliases.push(`${bare} Defence Ministry`, `${bare} Defense Ministry`, `Ministry of Defense of ${name}`);
      if (demonym) {
        if (what === 'foreign') d.aliases.push(`${demonym} Foreign Ministry`, `${demonym} Ministry of Foreign Affairs`);
        else d.aliases.push(`${demonym} Defence Ministry`, `${demonym} Defense Ministry`, `${demonym} Ministry of Defence`, `${demonym} Ministry of Defense`);
      }
      d.facts.push({ key: 'country', value: c.label, refKey: `iso2:${cc}` });
      d.related.push(`iso2:${cc}`);
      out.push(d);
    };
    if (!OWN_FOREIGN.has(cc)) make('foreign');
    if (!OWN_DEFENCE.has(cc)) make('defence');
  }
  return out;
}
