/**
 * Full-text search over saved pages with FlexSearch: one index per field.
 *
 * Why FlexSearch and these options (measured on 10k generated pages of ~650
 * words, Node 20): MiniSearch needed ~14 s and ~265 MB to index the article
 * texts; FlexSearch with `strict` words and resolution 3 needs a few seconds
 * and ~60 MB, and exports/imports in a few hundred ms — which is what lets
 * the background keep a snapshot instead of re-indexing at every start.
 * Prefix ("forward") indexing of article texts would cost 3–5× that, so
 * only the short fields are prefix-indexed; a word being typed is matched
 * against article texts by expanding it through our own sorted vocabulary.
 *
 * Documents are numbered slots (the catalog's), never URLs: numeric ids keep
 * the index and its export small. Slots are never reused, so removing a page
 * needs no (slow, full-scan) FlexSearch removal: the catalog drops the slot
 * and its postings are ignored until the next rebuild compacts them.
 */
import { Index } from 'flexsearch';
import { isStopword, textTerms, words } from './text';

export const FIELDS = ['title', 'tags', 'note', 'meta', 'text'] as const;
export type Field = (typeof FIELDS)[number];
/** How much a match in each field counts towards relevance. */
const WEIGHTS: Record<Field, number> = { title: 6, tags: 5, note: 4, meta: 3, text: 1 };
/** Completions of a word being typed, looked up in article texts. */
const MAX_EXPANSIONS = 40;
export const SNAPSHOT_FORMAT = 'flexsearch-0.8.212/dossier-2';

export interface IndexDoc {
  title: string;
  tags: string[];
  note: string;
  /** Byline, site and entity labels. */
  meta: string;
  text: string;
}

function makeField(field: Field): Index {
  return field === 'text'
    ? new Index({ tokenize: 'strict', resolution: 3, cache: false, encode: (s: string) => s.split(' ') })
    : new Index({ tokenize: 'forward', resolution: 3, cache: false, encode: (s: string) => words(s) });
}

export class SearchIndex {
  private fields = Object.fromEntries(FIELDS.map((f) => [f, makeField(f)])) as Record<Field, Index>;
  /** Distinct words of all indexed texts, sorted; words added since the last sort wait in `pending`. */
  private vocab: string[] = [];
  private vocabSet = new Set<string>();
  private pending: string[] = [];

  add(slot: number, doc: IndexDoc): void {
    const terms = textTerms(doc.text);
    for (const t of terms) {
      if (!this.vocabSet.has(t)) { this.vocabSet.add(t); this.pending.push(t); }
    }
    if (terms.length) this.fields.text.add(slot, terms.join(' '));
    if (doc.title) this.fields.title.add(slot, doc.title);
    if (doc.tags.length) this.fields.tags.add(slot, doc.tags.join(' '));
    if (doc.note) this.fields.note.add(slot, doc.note);
    if (doc.meta) this.fields.meta.add(slot, doc.meta);
  }

  private sortedVocab(): string[] {
    if (this.pending.length) {
      this.vocab = this.vocab.concat(this.pending).sort();
      this.pending = [];
    }
    return this.vocab;
  }

  /** Up to `max` indexed text words that start with `prefix`, the word itself first if present. */
  completions(prefix: string, max = MAX_EXPANSIONS): string[] {
    const v = this.sortedVocab();
    let lo = 0, hi = v.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (v[mid]! < prefix) lo = mid + 1; else hi = mid; }
    const out: string[] = [];
    for (let i = lo; i < v.length && out.length < max && v[i]!.startsWith(prefix); i++) out.push(v[i]!);
    return out;
  }

  /**
   * Scores for slots matching every word of the query (in any field). The
   * last word, if the query does not end with a space, matches as a prefix.
   * `limit` bounds how many hits one word may bring from one field.
   */
  search(query: string, limit: number): Map<number, number> | null {
    const ws = words(query);
    if (ws.length === 0) return null;
    const lastIsPrefix = !/[\s\p{P}]$/u.test(query);
    const meaningful = ws.filter((w) => !isStopword(w));
    // A query of stopwords only ("the who") still finds titles and tags that have them.
    const terms = meaningful.length ? meaningful : ws;
    let total: Map<number, number> | null = null;
    terms.forEach((w, i) => {
      const prefix = lastIsPrefix && i === terms.length - 1 && w === ws[ws.length - 1];
      const scores = this.termScores(w, prefix, limit);
      if (total === null) { total = scores; return; }
      const next = new Map<number, number>();
      for (const [slot, s] of scores) {
        const prev = total.get(slot);
        if (prev !== undefined) next.set(slot, prev + s);
      }
      total = next;
    });
    return total ?? new Map();
  }

  private termScores(w: string, prefix: boolean, limit: number): Map<number, number> {
    const scores = new Map<number, number>();
    // Per field the best hit counts (a typed prefix may expand to several words); fields add up,
    // so a word in the title and the text ranks above a word in the text alone.
    const addField = (field: Field, lists: unknown[][]) => {
      const best = new Map<number, number>();
      for (const ids of lists) {
        const n = Math.max(ids.length, 1);
        ids.forEach((id, rank) => {
          // Earlier in FlexSearch's ranking (the word comes earlier in the field) counts a little more.
          const s = WEIGHTS[field] * (1 - (0.5 * rank) / n);
          const slot = id as number;
          if (s > (best.get(slot) ?? 0)) best.set(slot, s);
        });
      }
      for (const [slot, s] of best) scores.set(slot, (scores.get(slot) ?? 0) + s);
    };
    for (const f of ['title', 'tags', 'note', 'meta'] as const) addField(f, [this.fields[f].search(w, { limit }) as unknown[]]);
    if (!isStopword(w)) {
      const forms = prefix ? this.completions(w) : [w];
      addField('text', forms.map((form) => this.fields.text.search(form, { limit }) as unknown[]));
    }
    return scores;
  }

  /** The index as rows for IndexedDB (strings only: cheap to store and to structured-clone). */
  async exportRows(): Promise<{ key: string; value: string }[]> {
    const rows: { key: string; value: string }[] = [];
    for (const f of FIELDS) {
      await this.fields[f].export((key: string, data: string) => { if (data !== undefined) rows.push({ key: `${f}:${key}`, value: data }); });
    }
    rows.push({ key: 'vocab', value: this.sortedVocab().join('\n') });
    return rows;
  }

  static fromRows(rows: { key: string; value: unknown }[]): SearchIndex {
    const index = new SearchIndex();
    for (const { key, value } of rows) {
      if (typeof value !== 'string') continue;
      if (key === 'vocab') {
        index.vocab = value ? value.split('\n') : [];
        index.vocabSet = new Set(index.vocab);
        continue;
      }
      const colon = key.indexOf(':');
      const field = key.slice(0, colon) as Field;
      if (!FIELDS.includes(field)) continue;
      index.fields[field].import(key.slice(colon + 1), value);
    }
    return index;
  }
}
