/** Small display helpers shared by the popover, popup and library. */
import type { EntityType, Fact } from '../utils/dataset/schema';

export const TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  event: 'Event',
  work: 'Work or product',
  other: 'Other',
};

const FACT_LABELS: Record<string, string> = {
  office: 'Office', party: 'Party', country: 'Country', population: 'Population', capital: 'Capital',
  founded: 'Founded', headquarters: 'Headquarters', parent: 'Part of', state: 'State', born: 'Born',
  died: 'Died', website: 'Website', date: 'Date', location: 'Location', chamber: 'Chamber', district: 'District',
  acronym: 'Acronym', region: 'Region', leader: 'Leader', kind: 'Kind', owner: 'Owner', manufacturer: 'Made by',
};

export function factLabel(key: string): string {
  return FACT_LABELS[key] ?? key.charAt(0).toUpperCase() + key.slice(1).replace(/[-_]/g, ' ');
}

/** "2009–2015", "since 2021", "until 2012", or "" */
export function factDates(f: Fact): string {
  const y = (d?: string) => (d ? d.slice(0, 4) : '');
  if (f.start && f.end) return y(f.start) === y(f.end) ? y(f.start) : `${y(f.start)}–${y(f.end)}`;
  if (f.start) return `since ${y(f.start)}`;
  if (f.end) return `until ${y(f.end)}`;
  return '';
}

export function wikipediaUrl(title: string): string {
  return `https://en.wikipedia.org/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`;
}

/**
 * A Wikipedia search for an entity we hold no article title for (most small
 * cities): its name and description, so the right article tends to come first
 * rather than a disambiguation page.
 */
export function wikipediaSearchUrl(label: string, description: string): string {
  const query = `${label} ${description.replace(/\s*\(.*?\)\s*/g, ' ').replace(/\.$/, '')}`.trim().slice(0, 120);
  return `https://en.wikipedia.org/w/index.php?search=${encodeURIComponent(query)}&ns0=1`;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
