/**
 * The library in memory, for filters, facets and sorting: one compact entry
 * per saved page (no article text), in numbered slots shared with the search
 * index. Entities are interned once (id, label, type) and each page keeps
 * typed arrays of entity numbers and mention counts: 10k pages × 40
 * entities as objects would be ~400k objects, as arrays ~3 MB.
 */
import { ENTITY_TYPES, type EntityType } from '../dataset/schema';
import type { PageEntity } from '../pages';
import type { EntityOverview, LibraryRecord, PageSummary } from './types';

export interface EntityInfo { id: string; label: string; type: EntityType }

export interface Entry {
  url: string;
  title: string;
  site: string;
  byline?: string;
  publishedTime?: string;
  /** publishedTime in ms, NaN when unknown or unreadable. */
  publishedAt: number;
  savedAt: number;
  excerpt: string;
  tags: string[];
  note: string;
  ents: Int32Array;
  counts: Int32Array;
  /** Bit i set: the page mentions an entity of ENTITY_TYPES[i]. */
  typeMask: number;
}

/** Dates as pages write them: ISO 8601, or "2019-04-28 06:01:07". */
export function parsePublished(s: string | undefined): number {
  if (!s) return NaN;
  const t = Date.parse(s);
  return Number.isNaN(t) ? Date.parse(s.replace(' ', 'T')) : t;
}

export const typeBit = (t: EntityType): number => 1 << ENTITY_TYPES.indexOf(t);

const SUMMARY_ENTITIES = 20;

export class Catalog {
  readonly slots: (Entry | null)[] = [];
  readonly entities: EntityInfo[] = [];
  private entityNo = new Map<string, number>();
  private slotOf = new Map<string, number>();
  private dead = 0;

  get size(): number { return this.slotOf.size; }
  /** Slots whose page was replaced or removed (their postings linger in the search index). */
  get deadSlots(): number { return this.dead; }

  entityNumber(id: string): number | undefined { return this.entityNo.get(id); }
  slotFor(url: string): number | undefined { return this.slotOf.get(url); }
  has(url: string): boolean { return this.slotOf.has(url); }

  private intern(e: PageEntity): number {
    let n = this.entityNo.get(e.id);
    if (n === undefined) {
      n = this.entities.length;
      this.entities.push({ id: e.id, label: e.label, type: e.type });
      this.entityNo.set(e.id, n);
    } else {
      // The newest save names the entity as the dataset does today (and most saves agree: no new object).
      const known = this.entities[n]!;
      if (known.label !== e.label || known.type !== e.type) this.entities[n] = { id: e.id, label: e.label, type: e.type };
    }
    return n;
  }

  /** Adds or replaces a page; always in a new slot (slots are never reused). */
  upsert(rec: LibraryRecord, slot = this.slots.length): number {
    this.remove(rec.url);
    const ents = new Int32Array(rec.entities.length);
    const counts = new Int32Array(rec.entities.length);
    let typeMask = 0;
    rec.entities.forEach((e, i) => {
      ents[i] = this.intern(e);
      counts[i] = e.count;
      typeMask |= typeBit(e.type);
    });
    const entry: Entry = {
      url: rec.url, title: rec.title, site: rec.site, byline: rec.byline, publishedTime: rec.publishedTime,
      publishedAt: parsePublished(rec.publishedTime), savedAt: rec.savedAt, excerpt: rec.excerpt,
      tags: rec.tags, note: rec.note, ents, counts, typeMask,
    };
    if (slot < this.slots.length && this.slots[slot] === null) this.dead--;
    while (this.slots.length < slot) { this.slots.push(null); this.dead++; }
    this.slots[slot] = entry;
    this.slotOf.set(rec.url, slot);
    return slot;
  }

  remove(url: string): boolean {
    const slot = this.slotOf.get(url);
    if (slot === undefined) return false;
    this.slots[slot] = null;
    this.slotOf.delete(url);
    this.dead++;
    return true;
  }

  /** Marks a slot as taken by nothing (a snapshot's slot whose page is gone). */
  reserveDead(slot: number): void {
    while (this.slots.length <= slot) { this.slots.push(null); this.dead++; }
  }

  /** The page as it was given (for the snapshot). */
  record(entry: Entry): LibraryRecord {
    return {
      url: entry.url, title: entry.title, site: entry.site, byline: entry.byline, publishedTime: entry.publishedTime,
      savedAt: entry.savedAt, excerpt: entry.excerpt, tags: entry.tags, note: entry.note,
      entities: [...entry.ents].map((n, i) => ({ ...this.entities[n]!, count: entry.counts[i]! })),
    };
  }

  summary(entry: Entry): PageSummary {
    const order = [...entry.ents.keys()].sort((a, b) => entry.counts[b]! - entry.counts[a]!).slice(0, SUMMARY_ENTITIES);
    return {
      url: entry.url, title: entry.title, site: entry.site, byline: entry.byline, publishedTime: entry.publishedTime,
      savedAt: entry.savedAt, excerpt: entry.excerpt, tags: entry.tags, note: entry.note, entityCount: entry.ents.length,
      entities: order.map((i) => ({ ...this.entities[entry.ents[i]!]!, count: entry.counts[i]! })),
    };
  }

  /** The entities most present in the library: by pages that mention them, then by mentions. */
  overview(limit = 100, type?: EntityType): EntityOverview {
    const pages = new Int32Array(this.entities.length);
    const mentions = new Float64Array(this.entities.length);
    const last = new Float64Array(this.entities.length);
    for (const e of this.slots) {
      if (!e) continue;
      for (let i = 0; i < e.ents.length; i++) {
        const n = e.ents[i]!;
        pages[n]!++;
        mentions[n]! += e.counts[i]!;
        if (e.savedAt > last[n]!) last[n] = e.savedAt;
      }
    }
    const out: EntityOverview['entities'] = [];
    this.entities.forEach((info, n) => {
      if (pages[n]! > 0 && (!type || info.type === type)) out.push({ ...info, count: pages[n]!, mentions: mentions[n]!, lastSavedAt: last[n]! });
    });
    out.sort((a, b) => b.count - a.count || b.mentions - a.mentions || a.label.localeCompare(b.label));
    return { entities: out.slice(0, limit), librarySize: this.size };
  }
}
