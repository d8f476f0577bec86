/** Saved pages for the library tests. */
import type { EntityType } from '../../../utils/dataset/schema';
import type { SavedPage } from '../../../utils/pages';

export function page(n: number, over: Partial<SavedPage> = {}): SavedPage {
  return {
    url: `https://news${n % 3}.example/story/${n}`,
    title: `Story number ${n}`,
    site: `news${n % 3}.example`,
    byline: n % 2 ? 'Ann Lee' : undefined,
    publishedTime: `2024-01-${String((n % 28) + 1).padStart(2, '0')}T10:00:00Z`,
    savedAt: 1_700_000_000_000 + n * 1000,
    excerpt: `Excerpt ${n}`,
    text: `Body of story ${n}. ${n % 2 ? 'Sanctions on Sudan were lifted.' : 'Whales stranded near Auckland.'}`,
    entities: ent(n % 2 ? [['Q1049', 'Sudan', 'place', 3], ['Q76', 'Barack Obama', 'person', 1]] : [['Q664', 'New Zealand', 'place', 2]]),
    tags: n % 4 === 0 ? ['world'] : [],
    note: '',
    ...over,
  };
}

export function ent(list: [string, string, EntityType, number][]): SavedPage['entities'] {
  return list.map(([id, label, type, count]) => ({ id, label, type, count }));
}
