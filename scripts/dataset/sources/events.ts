/** Dated events (mostly battles and military operations) from a Wikidata query result; recent ones rank higher. */
import { shared, SOURCES } from '../config.ts';
import { addFact, draft, type Draft } from '../draft.ts';
import { readJson } from '../io.ts';
import { clean, isoDate, qid, wikiTitle } from '../text.ts';

/** Events from this year on rank as recent. */
export const RECENT_YEAR = 1990;

export function loadEvents(): { drafts: Draft[]; counts: Record<string, number> } {
  const rows = readJson<{ event: string; date?: string; label?: string; article?: string }[]>(shared('wikidata-battles-events', 'historicEvents.json.gz'));
  const byId = new Map<string, Draft>();
  for (const r of rows) {
    const id = qid(r.event);
    const raw = clean(r.label);
    const label = raw ? raw[0]!.toUpperCase() + raw.slice(1) : raw;
    const date = isoDate(r.date);
    if (!id || !label || !date || label === id || byId.has(id)) continue;
    const y = date.startsWith('-') ? -Number(date.slice(1, 5)) : Number(date.slice(0, 4));
    const d = draft({
      key: `wd:${id}`,
      label,
      type: 'event',
      kind: /^Operation /.test(label) ? 'military operation' : /^(Battle|Siege|Raid|Bombing|Attack|Invasion)\b/.test(label) ? 'battle' : 'event',
      wikidata: id,
      wikipedia: wikiTitle(r.article),
      sources: ['events'],
      asOf: SOURCES.events!.asOf,
      prior: y >= RECENT_YEAR ? 0.3 : y >= 1900 ? 0.26 : 0.22,
    });
    addFact(d, { key: 'date', value: date });
    byId.set(id, d);
  }
  const drafts = [...byId.keys()].sort().map((k) => byId.get(k)!);
  return { drafts, counts: { events: drafts.length } };
}
