/**
 * Marks mentions on the page without touching its DOM: each mention becomes
 * a StaticRange registered with the CSS Custom Highlight API under a name per
 * entity type and style. Static, not live: the document updates every live
 * Range on each change to the page's DOM, so a thousand marks made the page's
 * own scripts ~10x slower at changing it (measured by bench:page). A live Range
 * is made only for the moment one is needed (a card's position, a hit test).
 * Where the API is missing, a wrap fallback puts the text in <dossier-mark>
 * elements and restores the exact nodes on clear.
 */
import { ENTITY_TYPES, type EntityType } from '../dataset/schema';
import type { HighlightStyle } from '../settings';

const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['underline', 'background', 'dotted'];
import type { Segment } from './segments';

export interface PlacedMention {
  id: string;
  label: string;
  type: EntityType;
  confidence: number;
  /** A StaticRange where the browser has them; a live Range otherwise (and for wrapped marks). */
  range: AbstractRange;
}

export const ACTIVE_HIGHLIGHT = 'dossier-active';

const NAMES = new Map<HighlightStyle, Map<EntityType, string>>(HIGHLIGHT_STYLES.map((s) => [s, new Map(ENTITY_TYPES.map((t) => [t, `dossier-${s}-${t}`]))]));
/** The registry name of a style and type's highlight (made once per pair, not per mark). */
export function highlightName(style: HighlightStyle, type: EntityType): string {
  return NAMES.get(style)?.get(type) ?? `dossier-${style}-${type}`;
}

/** Dedup key of a mark within its start node (offsets up to 2^26 each: exact as a double). */
const offsetsKey = (r: AbstractRange): number => r.startOffset * 67_108_864 + r.endOffset;

interface HighlightLike { add(r: AbstractRange): void; delete(r: AbstractRange): boolean; clear(): void; size: number }
interface HighlightRegistry { set(name: string, h: HighlightLike): void; delete(name: string): boolean; get(name: string): HighlightLike | undefined }

function registry(win: Window): HighlightRegistry | undefined {
  const css = (win as unknown as { CSS?: { highlights?: HighlightRegistry } }).CSS;
  return css?.highlights;
}

function newHighlight(win: Window, ranges: AbstractRange[]): HighlightLike {
  const Ctor = (win as unknown as { Highlight: new (...r: AbstractRange[]) => HighlightLike }).Highlight;
  return new Ctor(...ranges);
}

/** A live Range over the same text (for measuring, comparing, reading); null if the text has changed under it. */
export function liveRange(r: AbstractRange): Range | null {
  if ('getClientRects' in r) return r as Range;
  const doc = r.startContainer.ownerDocument;
  if (!doc) return null;
  const live = doc.createRange();
  try {
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
  } catch {
    return null;
  }
  return live;
}

/** The text a mark covers. */
export function rangeText(r: AbstractRange): string {
  const node = r.startContainer;
  if (node === r.endContainer && node.nodeType === 3) return (node as Text).data.slice(r.startOffset, r.endOffset);
  return liveRange(r)?.toString() ?? '';
}

/** Document order of two marks' starts, without making live ranges (ours start in text nodes). */
function compareStarts(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  const pos = a.startContainer.compareDocumentPosition(b.startContainer);
  return pos & 4 /* FOLLOWING */ ? -1 : pos & 2 /* PRECEDING */ ? 1 : 0;
}

export function supportsHighlights(win: Window): boolean {
  return !!registry(win) && typeof (win as unknown as { Highlight?: unknown }).Highlight === 'function';
}

/** The piece of a segment an offset falls in (binary search), or -1; an end offset prefers the earlier piece. */
export function pieceAt(segment: Segment, offset: number, preferEnd: boolean): number {
  const { pieces } = segment;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid]!.start < offset || (!preferEnd && pieces[mid]!.start === offset)) lo = mid; else hi = mid - 1;
  }
  const piece = pieces[lo];
  // .length, not .data.length: reading .data copies the node's text every time.
  return piece && offset >= piece.start && offset - piece.start <= piece.node.length ? lo : -1;
}

/** Resolves a segment offset to a (node, offset) pair. */
export function locate(segment: Segment, offset: number, preferEnd: boolean): { node: Text; offset: number } | null {
  const k = pieceAt(segment, offset, preferEnd);
  if (k < 0) return null;
  const piece = segment.pieces[k]!;
  return { node: piece.node, offset: offset - piece.start };
}

/** The mark for segment offsets [start, end): a StaticRange where the browser has them. */
export function toRange(doc: Document, segment: Segment, start: number, end: number): AbstractRange | null {
  // Pieces, not {node, offset} pairs: a page places a thousand marks and each object is garbage.
  const i = pieceAt(segment, start, false);
  const j = pieceAt(segment, end, true);
  if (i < 0 || j < 0) return null;
  const a = segment.pieces[i]!;
  const b = segment.pieces[j]!;
  const Static = doc.defaultView?.StaticRange;
  if (typeof Static === 'function') {
    try {
      return new Static({ startContainer: a.node, startOffset: start - a.start, endContainer: b.node, endOffset: end - b.start });
    } catch {
      return null;
    }
  }
  const range = doc.createRange();
  try {
    range.setStart(a.node, start - a.start);
    range.setEnd(b.node, end - b.start);
  } catch {
    return null;
  }
  return range;
}

/** The set of highlights this content script owns on one document. */
export class Highlighter {
  private placed: PlacedMention[] = [];
  /** Offsets of the placed ranges (offsetsKey), by start node: what add() has already placed. */
  private keys = new WeakMap<Node, Set<number>>();
  /** The highlights registered, by name: new mentions are added to them, not re-registered. */
  private highlights = new Map<string, HighlightLike>();
  /** What the wrap fallback changed: each text node's original text and the nodes it inserted after it. */
  private wrapped: { original: Text; data: string; inserted: Node[]; moved: [PlacedMention, number, number][] }[] = [];
  private style: HighlightStyle = 'underline';
  /** Is `placed` known to be in document order? Kept lazily: see `mentions`. */
  private ordered = true;

  constructor(private readonly win: Window) {}

  /**
   * Removes highlights an earlier Dossier script left on this document. Firefox unloads the old
   * content script of an updated extension without running its clean-up, then runs the new one in
   * the open tab: the page's highlight registry still holds the old script's marks.
   */
  removeStale(): void {
    const reg = registry(this.win);
    if (!reg) return;
    // Every name we ever register, deleted by name: Firefox's wrappers of the page's registry
    // don't let a content script iterate it.
    for (const style of HIGHLIGHT_STYLES) for (const type of ENTITY_TYPES) {
      const name = highlightName(style, type);
      if (!this.highlights.has(name)) reg.delete(name);
    }
    reg.delete(ACTIVE_HIGHLIGHT);
  }

  /**
   * The placed mentions in document order (keyboard navigation relies on it). Ordering costs a
   * DOM call per comparison, so it waits until someone asks, not the page's load: marks arrive
   * article first, then batch by batch, and most pages are never navigated by keyboard.
   */
  get mentions(): readonly PlacedMention[] {
    if (!this.ordered) {
      const before = (x: PlacedMention, y: PlacedMention) => compareStarts(x.range, y.range);
      let sorted = true;
      for (let i = 1; i < this.placed.length && sorted; i++) sorted = before(this.placed[i - 1]!, this.placed[i]!) <= 0;
      if (!sorted) this.placed.sort(before);
      this.ordered = true;
    }
    return this.placed;
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.style) return;
    this.style = style;
    this.render();
  }

  /** Adds mentions (e.g. from new content) and re-registers the highlights. */
  add(mentions: PlacedMention[]): void {
    if (mentions.length === 0) return;
    const from = this.placed.length;
    for (const m of mentions) {
      // The same text can arrive twice (collected by a pass and queued by the observer): once is enough.
      const r = m.range;
      const key = offsetsKey(r);
      let keys = this.keys.get(r.startContainer);
      if (!keys) this.keys.set(r.startContainer, (keys = new Set()));
      if (keys.has(key)) continue;
      keys.add(key);
      this.placed.push(m);
    }
    if (this.placed.length === from) return;
    this.ordered = false;
    // Only the new ranges are added: a page marked in slices pays for each range once.
    if (this.highlights.size > 0 || this.wrapped.length === 0) this.register(this.placed.slice(from));
    else this.render();
  }

  /** Drops mentions whose text has left the document (or has been cut shorter than the mark). */
  prune(): void {
    this.dropWhere((r) => {
      const end = r.endContainer;
      return !r.startContainer.isConnected || (end.nodeType === 3 && (end as Text).length < r.endOffset);
    });
  }

  /** Drops the marks in these text nodes (their text changed in place: the offsets no longer hold). */
  dropIn(nodes: Node[]): void {
    const changed = new Set(nodes.filter((n) => n.nodeType === 3));
    if (changed.size > 0) this.dropWhere((r) => changed.has(r.startContainer) || changed.has(r.endContainer));
  }

  /** Removes the marks whose range `gone` picks: from the list, the dedup keys and the highlights. */
  private dropWhere(gone: (r: AbstractRange) => boolean): void {
    const dropped: PlacedMention[] = [];
    this.placed = this.placed.filter((m) => {
      if (!gone(m.range)) return true;
      this.keys.get(m.range.startContainer)?.delete(offsetsKey(m.range));
      dropped.push(m);
      return false;
    });
    if (dropped.length === 0) return;
    if (this.highlights.size > 0) for (const m of dropped) this.highlights.get(highlightName(this.style, m.type))?.delete(m.range);
    else this.render();
  }

  setActive(mention: PlacedMention | null): void {
    const reg = registry(this.win);
    if (!reg) return;
    if (!mention) { reg.delete(ACTIVE_HIGHLIGHT); return; }
    reg.set(ACTIVE_HIGHLIGHT, newHighlight(this.win, [mention.range]));
  }

  /** Registers every placed mention afresh (after a change of style). */
  private render(): void {
    const reg = registry(this.win);
    if (!reg || !supportsHighlights(this.win)) { this.renderWrapped(); return; }
    for (const name of this.highlights.keys()) reg.delete(name);
    this.highlights.clear();
    this.register(this.placed);
  }

  /** Adds these mentions' ranges to the highlights of their type, registering a highlight on first use. */
  private register(mentions: readonly PlacedMention[]): void {
    const reg = registry(this.win);
    if (!reg || !supportsHighlights(this.win)) { this.renderWrapped(); return; }
    const byName = new Map<string, AbstractRange[]>();
    for (const m of mentions) {
      const name = highlightName(this.style, m.type);
      const list = byName.get(name);
      if (list) list.push(m.range); else byName.set(name, [m.range]);
    }
    for (const [name, ranges] of byName) {
      const h = this.highlights.get(name);
      if (h) { for (const r of ranges) h.add(r); continue; }
      const made = newHighlight(this.win, ranges);
      reg.set(name, made);
      this.highlights.set(name, made);
    }
  }

  /**
   * Fallback for browsers without the Highlight API: each mention within one text node is wrapped
   * in a <dossier-mark>. The text node keeps the text before its first mention; the marks and the
   * text between and after them are new nodes inserted after it. Undoing removes exactly those
   * nodes and gives the original node its text back: the page's own nodes are the same objects,
   * and nothing else is merged or removed (no normalize()).
   */
  private renderWrapped(): void {
    this.unwrap();
    const doc = this.win.document;
    const byNode = new Map<Text, PlacedMention[]>();
    for (const m of this.placed) {
      const r = m.range;
      if (r.startContainer !== r.endContainer || r.startContainer.nodeType !== 3 || r.collapsed) continue;
      const node = r.startContainer as Text;
      const list = byNode.get(node);
      if (list) list.push(m); else byNode.set(node, [m]);
    }
    for (const [node, mentions] of byNode) {
      const parent = node.parentNode;
      if (!parent) continue;
      const data = node.data;
      mentions.sort((a, b) => a.range.startOffset - b.range.startOffset);
      const inserted: Node[] = [];
      const moved: [PlacedMention, number, number][] = [];
      let pos = -1;
      for (const m of mentions) {
        const { startOffset: s, endOffset: e } = m.range;
        if (s < pos || e > data.length) continue; // overlapping or stale: left unmarked
        moved.push([m, s, e]);
        if (pos >= 0 && s > pos) inserted.push(doc.createTextNode(data.slice(pos, s)));
        const mark = doc.createElement('dossier-mark');
        mark.setAttribute('data-type', m.type);
        mark.setAttribute('data-style', this.style);
        mark.textContent = data.slice(s, e);
        inserted.push(mark);
        pos = e;
        const range = doc.createRange();
        range.selectNodeContents(mark);
        m.range = range;
      }
      if (inserted.length === 0) continue;
      if (pos < data.length) inserted.push(doc.createTextNode(data.slice(pos)));
      // The original node keeps the text before the first mark; the inserted nodes hold the rest.
      const firstStart = data.length - inserted.reduce((n, x) => n + (x.textContent?.length ?? 0), 0);
      node.data = data.slice(0, firstStart);
      const next = node.nextSibling;
      for (const x of inserted) parent.insertBefore(x, next);
      this.wrapped.push({ original: node, data, inserted, moved });
    }
  }

  private unwrap(): void {
    for (const { original, data, inserted, moved } of this.wrapped.reverse()) {
      for (const x of inserted) x.parentNode?.removeChild(x);
      original.data = data;
      // The mentions point at the page's text again, ready to be wrapped anew.
      for (const [m, s, e] of moved) {
        const range = original.ownerDocument.createRange();
        range.setStart(original, s);
        range.setEnd(original, e);
        m.range = range;
      }
    }
    this.wrapped = [];
  }

  /** Removes every highlight and mark this instance made. */
  clear(): void {
    const reg = registry(this.win);
    if (reg) {
      for (const name of this.highlights.keys()) reg.delete(name);
      reg.delete(ACTIVE_HIGHLIGHT);
    }
    this.highlights.clear();
    this.unwrap();
    this.placed = [];
    this.keys = new WeakMap();
  }

  /** The mention under a viewport point, if any. */
  hitTest(x: number, y: number): PlacedMention | null {
    const doc = this.win.document as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    let node: Node | null = null;
    let offset = 0;
    const pos = doc.caretPositionFromPoint?.(x, y);
    if (pos) { node = pos.offsetNode; offset = pos.offset; } else {
      const r = doc.caretRangeFromPoint?.(x, y);
      if (r) { node = r.startContainer; offset = r.startOffset; }
    }
    if (!node || node.nodeType !== 3) return null;
    for (const m of this.placed) {
      const r = m.range;
      // Most marks lie in one text node: compare offsets there without making a live range.
      if (r.startContainer === r.endContainer ? r.startContainer !== node || offset < r.startOffset || offset > r.endOffset : liveRange(r)?.comparePoint(node, offset) !== 0) continue;
      const live = liveRange(r);
      if (!live) continue;
      // The caret snaps to the nearest character: confirm the point is on the text.
      for (const rect of live.getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return m;
      }
    }
    return null;
  }
}
