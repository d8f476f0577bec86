/**
 * Wikipedia titles (and English labels) the curators checked for source records
 * that come without one: cities (by record id: GeoNames id, or Wikidata id for US cities) and first-level divisions of large
 * countries (ISO 3166-2 codes). Each becomes an extension of the source record;
 * the build fails if a listed record is missing.
 */
import type { Draft } from '../draft.ts';
import { gen, table } from './index.ts';

function extension(key: string, target: string, title: string, label?: string): Draft {
  const d = gen({ key, keys: [target], label: label ?? '', type: 'place', description: '', wikipedia: title, extendOnly: true, prior: 0 });
  d.description = undefined;
  d.explicitLabel = !!label;
  return d;
}

export function placeTitles(): Draft[] {
  const out: Draft[] = [];
  const cities = table<Record<string, string | Record<string, string>>>('city-titles');
  for (const [group, byId] of Object.entries(cities)) {
    if (group === '_about' || typeof byId === 'string') continue;
    for (const [id, title] of Object.entries(byId)) out.push(extension(`gen:city:${id}`, /^Q\d+$/.test(id) ? `wd:${id}` : id, title));
  }
  const regions = table<Record<string, string>>('region-titles');
  for (const [cc, list] of Object.entries(regions)) {
    if (cc === '_about') continue;
    for (const item of list.split(';')) {
      const [code, rest] = item.split('=') as [string, string];
      const [label, title] = rest.split('|') as [string, string | undefined];
      out.push(extension(`gen:region:${cc}-${code}`, `iso3166:${cc}-${code}`, title ?? label, label));
    }
  }
  return out;
}
