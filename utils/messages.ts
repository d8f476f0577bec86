/**
 * The typed message protocol. One map per receiver, named by direction:
 * BackgroundRequests are sent by content scripts and extension pages to the
 * background; ContentRequests by the popup/background to a tab's content
 * script. Every payload is validated on receipt; every reply is
 * `{ result }` or `{ error }` so failures cross the boundary as data.
 */
import type { EntityRecord, EntityType, Manifest } from './dataset/schema';
import { validatePages } from './library/schema';
import type { EntityOverview, ImportReport, LibraryQuery, LibraryResult, PageSummary } from './library/types';
import type { PageEntity, SavedPage, SavePageInput } from './pages';
import { MAX_PAGE_TEXT } from './pages';
import { sanitizeRule, type Rule } from './rules';
import type { Settings } from './settings';

export const MESSAGE_TAG = 'dossier/1';

/** A mention of an annotate reply, as readMarks gives it: offsets into texts[seg]. */
export interface WireMention {
  seg: number;
  start: number;
  end: number;
  id: string;
  label: string;
  type: EntityType;
  confidence: number;
  /** Other meanings of the same name, likeliest first (only for ambiguous names). */
  alternatives?: AlternativeView[];
}

/** Other meanings a card may ask descriptions for (resolve.ts offers four). */
const MAX_ALSO = 8;

export interface AlternativeView { id: string; label: string; type: EntityType }

/**
 * An annotate reply. A page of a thousand mentions would be a thousand small objects to copy from
 * the worker into the page; it travels as one table of the entities named and one array of numbers.
 */
export interface AnnotateReply {
  datasetVersion: string;
  /** Every entity the marks and their alternatives name, once. */
  entities: AlternativeView[];
  /**
   * Per mark: segment, start, end, entity (index into entities), confidence in thousandths, the
   * number of alternatives, then that many entity indexes (likeliest first).
   */
  marks: number[];
}

/** The mentions of an annotate reply. */
export function readMarks(reply: AnnotateReply): WireMention[] {
  const { entities, marks } = reply;
  const out: WireMention[] = [];
  for (let i = 0; i + 6 <= marks.length; ) {
    const e = entities[marks[i + 3]!];
    const alts = marks[i + 5]!;
    if (e) {
      const m: WireMention = { seg: marks[i]!, start: marks[i + 1]!, end: marks[i + 2]!, id: e.id, label: e.label, type: e.type, confidence: marks[i + 4]! / 1000 };
      if (alts > 0) m.alternatives = marks.slice(i + 6, i + 6 + alts).map((k) => entities[k]!).filter(Boolean);
      out.push(m);
    }
    i += 6 + alts;
  }
  return out;
}

export interface RelatedView { id: string; label: string; type: EntityType; description?: string }

export interface EntityView {
  record: EntityRecord;
  related: RelatedView[];
  /** Saved pages that mention this entity ("In your library"). */
  savedPages: { url: string; title: string }[];
  /** How many saved pages mention it in all (savedPages lists the newest few). */
  savedCount: number;
  /** The other meanings asked for (`also`), with descriptions to tell same-named ones apart. */
  alternatives?: RelatedView[];
}

export type DatasetState = 'ready' | 'updating' | 'failed' | 'empty';

export interface DatasetStatus {
  state: DatasetState;
  version?: string;
  /** 0..1 while updating. */
  progress: number;
  entities: number;
  error?: string;
  /** How this worker opened the name index, once it has. */
  indexLoad?: IndexLoad;
}

/** Timing of the name index's opening in a worker (diagnostics; `npm run bench:page` prints it). */
export interface IndexLoad {
  /** Milliseconds from asking for the index to having it. */
  loadMs: number;
  /** Milliseconds from the worker's start to having it. */
  sinceWorkerStartMs: number;
  /** Read back from IndexedDB (a worker that slept) or from the package (the first start of a version). */
  from: 'cache' | 'package';
  /** Bytes of the index the worker holds (typed arrays over one buffer; the content scripts hold none). */
  bytes: number;
}

export interface BackgroundRequests {
  /** `site`: the page's hostname, for the reader's per-site corrections. */
  annotate: { req: { texts: string[]; context?: string[]; site?: string }; res: AnnotateReply };
  getEntity: { req: { id: string; also?: string[] }; res: EntityView | null };
  savePage: { req: SavePageInput; res: SavedPage };
  listPages: { req: Record<string, never>; res: SavedPage[] };
  deletePage: { req: { url: string }; res: { deleted: boolean } };
  getSettings: { req: Record<string, never>; res: Settings };
  setSettings: { req: Partial<Settings>; res: Settings };
  /** A correction chosen in an entity card ("not this one", "don't mark this name here", "never mark this"). */
  addRule: { req: { rule: Rule }; res: Settings };
  /** Undo of a correction, from the popup's list; `key` is ruleKey(rule). */
  removeRule: { req: { key: string }; res: Settings };
  datasetStatus: { req: Record<string, never>; res: DatasetStatus };
  getManifest: { req: Record<string, never>; res: Manifest | null };
  // --- the library (issue 5) ---
  /** Is this canonical URL saved? Also sets the toolbar badge of the asking tab. */
  isSaved: { req: { url: string }; res: { saved: boolean } };
  queryLibrary: { req: LibraryQuery; res: LibraryResult };
  libraryEntities: { req: { limit?: number; type?: EntityType }; res: EntityOverview };
  updatePage: { req: { url: string; tags?: string[]; note?: string }; res: PageSummary | null };
  /** Replies with the deleted pages in full, for undo. */
  deletePages: { req: { urls: string[] }; res: { deleted: SavedPage[] } };
  /** Undo of deletePages: writes the pages back as they were. */
  restorePages: { req: { pages: SavedPage[] }; res: { restored: number } };
  exportPages: { req: { urls?: string[]; offset: number; limit: number }; res: { pages: SavedPage[]; total: number } };
  importStart: { req: Record<string, never>; res: { uploadId: string } };
  importChunk: { req: { uploadId: string; seq: number; data: string }; res: { bytes: number } };
  importFinish: { req: { uploadId: string; format: 'auto' | 'json' | 'pocket' }; res: ImportReport };
}

export interface ContentRequests {
  listEntities: { req: Record<string, never>; res: PageEntity[] };
  scrollToEntity: { req: { id: string }; res: { found: boolean } };
  collectPage: { req: Record<string, never>; res: SavePageInput };
  /** What the popup shows on opening: cheap (no article extraction), unlike collectPage. */
  pageInfo: { req: Record<string, never>; res: { url: string; entities: PageEntity[] } };
  navigate: { req: { direction: 1 | -1 }; res: { id: string | null } };
  /** Sent by the background for the save-page command and context menu: the tab saves itself. */
  saveThisPage: { req: Record<string, never>; res: { url: string } };
  /** Pages were saved or removed (null: possibly any); the tab re-checks whether it is saved. */
  libraryChanged: { req: { urls: string[] | null }; res: { checked: boolean } };
}

export type Envelope<M, K extends keyof M = keyof M> = { tag: typeof MESSAGE_TAG; kind: K; payload: M[K] extends { req: infer R } ? R : never };
export type Reply<T> = { result: T } | { error: string };

export function envelope<M, K extends keyof M & string>(kind: K, payload: M[K] extends { req: infer R } ? R : never): Envelope<M, K> {
  return { tag: MESSAGE_TAG, kind, payload };
}

export function isEnvelope(msg: unknown): msg is { tag: string; kind: string; payload: unknown } {
  return !!msg && typeof msg === 'object' && (msg as { tag?: unknown }).tag === MESSAGE_TAG && typeof (msg as { kind?: unknown }).kind === 'string';
}

export class ValidationError extends Error {}

// --- validators: each returns the payload typed, or throws ValidationError ---

function obj(p: unknown): Record<string, unknown> {
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new ValidationError('payload must be an object');
  return p as Record<string, unknown>;
}
function str(v: unknown, name: string, max = 10_000): string {
  if (typeof v !== 'string' || v.length > max) throw new ValidationError(`${name} must be a string of at most ${max} characters`);
  return v;
}
function optStr(v: unknown, name: string, max = 10_000): string | undefined {
  return v === undefined || v === null ? undefined : str(v, name, max);
}
function int(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new ValidationError(`${name} must be a whole number from ${min} to ${max}`);
  return v;
}
function optNum(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`${name} must be a number`);
  return v;
}
function strList(v: unknown, name: string, maxItems: number, maxLen: number): string[] {
  if (!Array.isArray(v) || v.length > maxItems) throw new ValidationError(`${name} must be an array of at most ${maxItems} strings`);
  return v.map((x, i) => str(x, `${name}[${i}]`, maxLen));
}
function oneOf<T extends string>(v: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new ValidationError(`${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}
/** Tags as the reader typed them: trimmed, no empties, no duplicates. */
function tagList(v: unknown): string[] {
  return [...new Set(strList(v, 'tags', 50, 100).map((t) => t.trim()).filter(Boolean))];
}

const ENTITY_TYPE_SET = new Set(['person', 'organization', 'place', 'event', 'work', 'other']);
const ENTITY_TYPE_LIST = [...ENTITY_TYPE_SET] as EntityType[];

export const validateBackground: { [K in keyof BackgroundRequests]: (p: unknown) => BackgroundRequests[K]['req'] } = {
  annotate(p) {
    const o = obj(p);
    if (!Array.isArray(o.texts) || o.texts.length > 100_000) throw new ValidationError('texts must be an array');
    let total = 0;
    for (const t of o.texts) {
      if (typeof t !== 'string') throw new ValidationError('texts must hold strings');
      total += t.length;
    }
    if (total > 20_000_000) throw new ValidationError('text too large');
    const context = o.context === undefined ? undefined : (o.context as unknown[]);
    if (context !== undefined && (!Array.isArray(context) || !context.every((c) => typeof c === 'string'))) throw new ValidationError('context must be string ids');
    return { texts: o.texts as string[], context: context as string[] | undefined, site: optStr(o.site, 'site', 255) };
  },
  getEntity(p) {
    const o = obj(p);
    if (o.also !== undefined && (!Array.isArray(o.also) || o.also.length > MAX_ALSO || !o.also.every((x) => typeof x === 'string' && x.length <= 200))) {
      throw new ValidationError(`also must be up to ${MAX_ALSO} ids`);
    }
    return { id: str(o.id, 'id', 200), ...(o.also ? { also: o.also as string[] } : {}) };
  },
  savePage(p) {
    const o = obj(p);
    const url = str(o.url, 'url', 4096);
    if (!/^https?:\/\//i.test(url)) throw new ValidationError('url must be http(s)');
    if (!Array.isArray(o.entities)) throw new ValidationError('entities must be an array');
    const entities: PageEntity[] = o.entities.slice(0, 5000).map((e) => {
      const eo = obj(e);
      const type = str(eo.type, 'type', 20);
      if (!ENTITY_TYPE_SET.has(type)) throw new ValidationError('bad entity type');
      const count = Number(eo.count);
      return { id: str(eo.id, 'id', 200), label: str(eo.label, 'label', 500), type: type as EntityType, count: Number.isFinite(count) && count > 0 ? Math.floor(count) : 1 };
    });
    const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string').map((t) => t.slice(0, 100)).slice(0, 50) : undefined;
    return {
      url,
      title: str(o.title ?? '', 'title', 2000),
      site: str(o.site ?? '', 'site', 500),
      byline: optStr(o.byline, 'byline', 1000),
      publishedTime: optStr(o.publishedTime, 'publishedTime', 100),
      excerpt: str(o.excerpt ?? '', 'excerpt', 5000),
      text: str(o.text ?? '', 'text', MAX_PAGE_TEXT),
      entities,
      tags,
      note: optStr(o.note, 'note', 20_000),
    };
  },
  listPages: () => ({}),
  deletePage(p) {
    return { url: str(obj(p).url, 'url', 4096) };
  },
  getSettings: () => ({}),
  setSettings(p) {
    return obj(p) as Partial<Settings>; // sanitized field by field by the handler
  },
  addRule(p) {
    const rule = sanitizeRule(obj(p).rule);
    if (!rule) throw new ValidationError('rule is malformed');
    return { rule };
  },
  removeRule(p) {
    return { key: str(obj(p).key, 'key', 2000) };
  },
  datasetStatus: () => ({}),
  getManifest: () => ({}),
  isSaved(p) {
    return { url: str(obj(p).url, 'url', 4096) };
  },
  queryLibrary(p) {
    const o = obj(p);
    return {
      text: optStr(o.text, 'text', 500),
      entityIds: o.entityIds === undefined ? undefined : strList(o.entityIds, 'entityIds', 20, 200),
      entityType: oneOf(o.entityType, 'entityType', ENTITY_TYPE_LIST),
      site: optStr(o.site, 'site', 500),
      tag: optStr(o.tag, 'tag', 100),
      from: optNum(o.from, 'from'),
      to: optNum(o.to, 'to'),
      dateField: oneOf(o.dateField, 'dateField', ['saved', 'published'] as const),
      sort: oneOf(o.sort, 'sort', ['saved', 'published', 'relevance'] as const),
      offset: o.offset === undefined ? undefined : int(o.offset, 'offset', 0, 1_000_000),
      limit: o.limit === undefined ? undefined : int(o.limit, 'limit', 0, 500),
    };
  },
  libraryEntities(p) {
    const o = obj(p);
    return { limit: o.limit === undefined ? undefined : int(o.limit, 'limit', 1, 1000), type: oneOf(o.type, 'type', ENTITY_TYPE_LIST) };
  },
  updatePage(p) {
    const o = obj(p);
    return { url: str(o.url, 'url', 4096), tags: o.tags === undefined ? undefined : tagList(o.tags), note: optStr(o.note, 'note', 20_000) };
  },
  deletePages(p) {
    return { urls: strList(obj(p).urls, 'urls', 100_000, 4096) };
  },
  restorePages(p) {
    try {
      return { pages: validatePages(obj(p).pages) };
    } catch (err) {
      throw new ValidationError(err instanceof Error ? err.message : String(err));
    }
  },
  exportPages(p) {
    const o = obj(p);
    return {
      urls: o.urls === undefined ? undefined : strList(o.urls, 'urls', 100_000, 4096),
      offset: int(o.offset, 'offset', 0, 10_000_000),
      limit: int(o.limit, 'limit', 1, 2000),
    };
  },
  importStart: () => ({}),
  importChunk(p) {
    const o = obj(p);
    return { uploadId: str(o.uploadId, 'uploadId', 100), seq: int(o.seq, 'seq', 0, 100_000), data: str(o.data, 'data', 16 * 1024 * 1024) };
  },
  importFinish(p) {
    const o = obj(p);
    return { uploadId: str(o.uploadId, 'uploadId', 100), format: oneOf(o.format, 'format', ['auto', 'json', 'pocket'] as const) ?? 'auto' };
  },
};

export const validateContent: { [K in keyof ContentRequests]: (p: unknown) => ContentRequests[K]['req'] } = {
  listEntities: () => ({}),
  scrollToEntity(p) {
    return { id: str(obj(p).id, 'id', 200) };
  },
  collectPage: () => ({}),
  pageInfo: () => ({}),
  navigate(p) {
    const d = obj(p).direction;
    if (d !== 1 && d !== -1) throw new ValidationError('direction must be 1 or -1');
    return { direction: d };
  },
  saveThisPage: () => ({}),
  libraryChanged(p) {
    const urls = obj(p).urls;
    return { urls: urls === null ? null : strList(urls, 'urls', 100_000, 4096) };
  },
};

/** Requests a content script may make; everything else needs an extension page. */
export const CONTENT_SCRIPT_ALLOWED: ReadonlySet<keyof BackgroundRequests> = new Set([
  'annotate', 'getEntity', 'savePage', 'getSettings', 'datasetStatus', 'isSaved',
  // Corrections are made, and undone at once, in the entity card, which lives in the tab.
  'addRule', 'removeRule',
] as const);
