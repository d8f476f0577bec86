/**
 * The generated part of the curated layer: whole families of entities built in
 * code from facts we hold (the country list, the US states, and the small fact
 * tables in data/curated/tables/*.json), rather than typed one by one. Every
 * generated record has source "curated" and a Wikipedia title only where the
 * family's titles follow a convention the curators checked.
 */
import path from 'node:path';
import { CURATED_AS_OF, CURATED_DIR } from '../config.ts';
import { draft, type Draft } from '../draft.ts';
import { readJson } from '../io.ts';
import { countryTitles, nationalTeams, type CountryTables } from './teams.ts';
import { usInstitutions, ministries, type UsStateTables } from './government.ts';
import { eventFamilies, type EventTables } from './events.ts';
import { placeTitles } from './titles.ts';

export function table<T>(name: string): T {
  return readJson<T>(path.join(CURATED_DIR, 'tables', `${name}.json`));
}

/** A generated draft: source "curated", as of the curated date. */
export function gen(init: Partial<Draft> & Pick<Draft, 'key' | 'label' | 'type' | 'description'>): Draft {
  return draft({ sources: ['curated'], asOf: CURATED_AS_OF, prior: 0.4, ...init });
}

export function loadGenerated(countries: Draft[], usStates: Map<string, string>): { drafts: Draft[]; counts: Record<string, number> } {
  const ct = table<CountryTables>('countries');
  const st = table<UsStateTables>('us-states');
  const ev = table<EventTables>('events');
  const families: [string, Draft[]][] = [
    ['countryTitles', countryTitles(countries, ct, st, usStates)],
    ['placeTitles', placeTitles()],
    ['footballTeams', nationalTeams(countries, ct)],
    ['usInstitutions', usInstitutions(usStates, st)],
    ['ministries', ministries(countries)],
    ['events', eventFamilies(ev)],
  ];
  const counts: Record<string, number> = {};
  const drafts: Draft[] = [];
  for (const [name, ds] of families) {
    counts[name] = ds.length;
    drafts.push(...ds);
  }
  return { drafts, counts };
}
