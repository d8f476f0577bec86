/** The library's query and result shapes, shared by the background, the library page and tests. */
import type { EntityType } from '../dataset/schema';
import type { PageEntity, SavedPage } from '../pages';

/** A saved page without its article text: what lists, filters and facets work on. */
export type LibraryRecord = Omit<SavedPage, 'text'>;

export type LibrarySort = 'saved' | 'published' | 'relevance';
export type DateField = 'saved' | 'published';

export interface LibraryQuery {
  /** Free text over title, article text, tags, note, byline and site; the last word matches as a prefix. */
  text?: string;
  /** Pages that mention every one of these entities. */
  entityIds?: string[];
  /** Pages that mention at least one entity of this type. */
  entityType?: EntityType;
  site?: string;
  tag?: string;
  /** Inclusive range in ms since the epoch, on the saved or the published date. */
  from?: number;
  to?: number;
  dateField?: DateField;
  /** Default: relevance when there is text to search, else saved. */
  sort?: LibrarySort;
  offset?: number;
  limit?: number;
}

/** A saved page as a list shows it: no article text, entities trimmed to the most mentioned. */
export type PageSummary = Omit<SavedPage, 'text'> & {
  /** How many distinct entities the page mentions (entities above may be fewer). */
  entityCount: number;
};

export interface FacetCount { value: string; count: number }
export interface EntityFacet { id: string; label: string; type: EntityType; count: number }

export interface LibraryFacets {
  sites: FacetCount[];
  tags: FacetCount[];
  types: { value: EntityType; count: number }[];
  entities: EntityFacet[];
}

export interface LibraryResult {
  /** Pages matching the query (all of them, not just this slice). */
  total: number;
  /** Pages in the library. */
  librarySize: number;
  items: PageSummary[];
  /** Counts per filter value, each among the pages matching every *other* filter. */
  facets: LibraryFacets;
  /** Time the background spent on the query, in ms. */
  tookMs: number;
}

/** The entity view: the entities most present in the library, or one entity's pages. */
export interface EntityOverview {
  entities: (EntityFacet & { mentions: number; lastSavedAt: number })[];
  librarySize: number;
}

export interface ImportReport {
  format: 'json' | 'pocket';
  added: number;
  updated: number;
  skipped: number;
}
