/**
 * Committees of the US Congress (full committees, not subcommittees) from
 * committees-current.yaml, with their former names from committees-historical.yaml.
 */
import { shared, SOURCES } from '../config.ts';
import { addAlias, addFact, draft, type Draft } from '../draft.ts';
import { readYaml } from '../io.ts';
import { clean } from '../text.ts';

interface Committee {
  type: 'house' | 'senate' | 'joint';
  name: string;
  thomas_id: string;
  url?: string;
  names?: Record<string, string>;
  congresses?: number[];
}

const CHAMBER: Record<Committee['type'], { name: string; key: string; prefix: string }> = {
  house: { name: 'United States House of Representatives', key: 'cur:united-states-house-of-representatives', prefix: 'House Committee on ' },
  senate: { name: 'United States Senate', key: 'cur:united-states-senate', prefix: 'Senate Committee on ' },
  joint: { name: 'United States Congress', key: 'cur:united-states-congress', prefix: 'Joint Committee on ' },
};

/** First year of the n-th Congress. */
function congressStart(n: number): string {
  return String(1789 + 2 * (n - 1));
}

export function loadCommittees(): { drafts: Draft[]; counts: Record<string, number> } {
  const current = readYaml<Committee[]>(shared('congress-legislators', 'committees-current.yaml'));
  const historical = readYaml<Committee[]>(shared('congress-legislators', 'committees-historical.yaml'));
  const hist = new Map(historical.map((c) => [c.thomas_id, c]));
  const drafts: Draft[] = [];
  for (const c of current) {
    const name = clean(c.name);
    const ch = CHAMBER[c.type];
    const d = draft({
      key: `committee:${c.thomas_id}`,
      label: name,
      type: 'organization',
      kind: 'committee',
      country: 'US',
      sources: ['congress'],
      asOf: SOURCES.congress!.asOf,
      prior: 0.5,
    });
    addFact(d, { key: 'part of', value: ch.name, refKey: ch.key });
    d.related.push(ch.key);
    if (c.url) addFact(d, { key: 'website', value: c.url });
    // Former names, by the congresses that used them.
    const h = hist.get(c.thomas_id);
    if (h?.names && name.startsWith(ch.prefix)) {
      const byName = new Map<string, number[]>();
      for (const [cong, short] of Object.entries(h.names)) {
        const full = clean(short).startsWith(ch.prefix.split(' ')[0]!) ? clean(short) : ch.prefix + clean(short);
        byName.set(full, [...(byName.get(full) ?? []), Number(cong)]);
      }
      for (const [full, congs] of [...byName].sort((a, b) => Math.min(...a[1]) - Math.min(...b[1]))) {
        if (full === name) continue;
        addAlias(d, full);
        addFact(d, { key: 'former name', value: full, start: congressStart(Math.min(...congs)), end: congressStart(Math.max(...congs) + 1) });
      }
    }
    drafts.push(d);
  }
  return { drafts, counts: { committees: drafts.length } };
}
