/** A saved page as the library keeps it. Pure types shared by every layer. */
import type { EntityType } from './dataset/schema';

export interface PageEntity {
  id: string;
  label: string;
  type: EntityType;
  count: number;
}

export interface SavedPage {
  /** Canonical URL: the primary key; re-saving the same URL updates the record. */
  url: string;
  title: string;
  site: string;
  byline?: string;
  publishedTime?: string;
  savedAt: number;
  excerpt: string;
  text: string;
  entities: PageEntity[];
  tags: string[];
  note: string;
}

/** What a content script sends to save the page it is on. */
export type SavePageInput = Omit<SavedPage, 'savedAt' | 'tags' | 'note'> & { tags?: string[]; note?: string };

export const MAX_PAGE_TEXT = 2_000_000;
