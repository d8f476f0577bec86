/**
 * Segmenting a page's visible text into runs a name can live in.
 *
 * Block elements break a run, inline elements do not, so "Eric <b>Holder</b>"
 * is one run of text. Text inside scripts, styles, form controls, editors,
 * code, SVG, hidden elements and our own UI is never collected. The article
 * region (article / main) comes first so its mentions are resolved first.
 */

export interface Piece {
  node: Text;
  /** Offset of this node's text within the segment text. */
  start: number;
}

export interface Segment {
  text: string;
  pieces: Piece[];
}

/** Elements whose text is never ours to touch. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'code', 'pre', 'kbd', 'samp', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'head', 'title', 'meta', 'link',
]);

/** Inline elements: they do not end a run of text. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'dfn', 'em', 'font', 'i', 'mark', 'q', 's', 'small',
  'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'label', 'nobr', 'ins', 'del', 'dossier-mark',
]);

/** Attribute that marks our own UI hosts. */
export const OWN_UI_ATTR = 'data-dossier-ui';

export interface SegmentOptions {
  /** Maximum characters collected (a guard for enormous pages). */
  maxChars?: number;
}

/**
 * Is this element's text never ours? `tag` is its local name (lower case in HTML). Most elements carry no
 * attributes, so one hasAttributes() call settles them. Editability is inherited through the
 * contenteditable attribute checked here; the root of a walk is checked once (rootIsEditable).
 */
function isSkippedElement(el: Element, tag: string): boolean {
  if (SKIP_TAGS.has(tag)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute(OWN_UI_ATTR) || el.hasAttribute('hidden')) return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  if (el.getAttribute('aria-hidden') === 'true' && tag !== 'body') return true;
  return false;
}

/** Is the walk's root inside an editor (an editable ancestor, or a document in design mode)? */
function rootIsEditable(root: Node): boolean {
  const el = root.nodeType === 1 ? (root as HTMLElement) : root.parentElement;
  if (el && el.isContentEditable) return true;
  return root.ownerDocument?.designMode === 'on';
}

function isHidden(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return !check.call(el, { visibilityProperty: true });
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  return !!style && (style.display === 'none' || style.visibility === 'hidden');
}

/** Characters of text under `el`, counted up to `cap` (a page of megabytes is not read whole). */
function textLengthUpTo(el: Element, cap: number): number {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  let n = 0;
  while (n < cap && walker.nextNode()) n += (walker.currentNode as Text).length;
  return n;
}

/**
 * The region readers read: the main article when the page marks one (the one with the most text,
 * counted up to 50,000 characters: enough to tell an article from a teaser, and a region that
 * holds another always has at least its text, so the walk stops early on big pages).
 */
export function articleRegion(doc: Document): Element | null {
  const candidates = [...doc.querySelectorAll('article, main, [role="main"]')];
  if (candidates.length <= 1) return candidates[0] ?? null;
  let best: Element | null = null;
  let bestLen = 0;
  for (const c of candidates) {
    const len = textLengthUpTo(c, 50_000);
    if (len > bestLen) { best = c; bestLen = len; }
  }
  return best;
}

/** One element (or document/fragment) being walked: its next child, and the element if it is a block (it ends a run). */
interface Frame { next: Node | null; block: Element | null }

/** How much one slice of a walk may do before it hands the thread back. */
export interface SliceBudget {
  /** Characters collected in the slice (default: no limit). */
  chars?: number;
  /** Milliseconds spent in the slice (default: no limit); checked every few hundred nodes. */
  ms?: number;
}

/**
 * A walk over one subtree that can stop and resume, so an enormous page is collected in
 * slices between which the page gets the thread back. The walk keeps its own stack; a run of
 * text under way when a slice ends is kept and finished by the next slice. Nodes removed from
 * the document between slices end their part of the walk early; nodes added there are walked
 * if the walk has not passed them (the page's mutation observer sees them too: placing the
 * same mention twice is harmless, the highlighter keeps one).
 */
export class SegmentCollector {
  private readonly stack: Frame[] = [];
  private parts: string[] = [];
  private pieces: Piece[] = [];
  /** The block the run under way belongs to: its visibility decides whether the run is kept. */
  private owner: Element | null = null;
  private readonly hidden = new WeakMap<Element, boolean>();
  private length = 0;
  private total = 0;
  private readonly maxChars: number;

  constructor(root: Node, options: SegmentOptions = {}, private readonly exclude?: Node | null) {
    this.maxChars = options.maxChars ?? 3_000_000;
    if (!rootIsEditable(root)) this.enter(root, []);
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  /** Collects until the walk ends or the budget is spent; returns the runs completed meanwhile. */
  next(budget: SliceBudget = {}): Segment[] {
    const out: Segment[] = [];
    const maxChars = budget.chars ?? Infinity;
    const maxMs = budget.ms ?? Infinity;
    const t0 = maxMs < Infinity ? performance.now() : 0;
    const startTotal = this.total;
    let steps = 0;
    while (this.stack.length > 0) {
      if (this.total > this.maxChars) { this.stack.length = 0; break; }
      const top = this.stack[this.stack.length - 1]!;
      const child = top.next;
      if (child) {
        top.next = child.nextSibling;
        this.enter(child, out);
      } else {
        this.stack.pop();
        if (top.block) this.flush(out);
      }
      if (this.total - startTotal >= maxChars) break;
      if ((++steps & 255) === 0 && maxMs < Infinity && performance.now() - t0 >= maxMs) break;
    }
    if (this.stack.length === 0) this.flush(out);
    return out;
  }

  /**
   * Ends the run under way, keeping it if it has letters and its block is shown. Visibility is
   * asked once per run's block, not of every block entered: most blocks hold no text of their own
   * (the nested divs of a news page), and each question is a call into the page's styles.
   */
  private flush(out: Segment[]): void {
    if (this.pieces.length) {
      const text = this.parts.join('');
      if (/[\p{L}\p{N}]/u.test(text) && !this.isHiddenBlock(this.owner)) out.push({ text, pieces: this.pieces });
    }
    this.parts = []; this.pieces = []; this.length = 0; this.owner = null;
  }

  private isHiddenBlock(el: Element | null): boolean {
    if (!el) return false;
    let h = this.hidden.get(el);
    if (h === undefined) this.hidden.set(el, (h = isHidden(el)));
    return h;
  }

  /** The innermost block being walked (or the first text's parent when the walk started inside one). */
  private runOwner(text: Text): Element | null {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const block = this.stack[k]!.block;
      if (block) return block;
    }
    return text.parentElement;
  }

  private enter(node: Node, out: Segment[]): void {
    if (node === this.exclude) return;
    const type = node.nodeType;
    if (type === 3) {
      const text = node as Text;
      const len = text.length;
      if (len === 0) return;
      const data = text.data;
      // The line breaks between blocks open no run: a run that would hold only them is dropped anyway.
      if (this.pieces.length === 0 && len <= 2 && data.trim() === '') return;
      if (this.pieces.length === 0) this.owner = this.runOwner(text);
      this.pieces.push({ node: text, start: this.length });
      this.parts.push(data);
      this.length += len;
      this.total += len;
      return;
    }
    if (type !== 1 && type !== 11 && type !== 9) return;
    if (type === 1) {
      const el = node as Element;
      // localName: lower case for HTML, SVG and MathML alike, and read without making a new string.
      const tag = el.localName;
      const inline = INLINE_TAGS.has(tag);
      if (isSkippedElement(el, tag)) { if (!inline) this.flush(out); return; }
      if (tag === 'br') { this.flush(out); return; }
      if (!inline) this.flush(out);
      this.stack.push({ next: el.firstChild, block: inline ? null : el });
      return;
    }
    this.stack.push({ next: node.firstChild, block: null });
  }
}

/** Collects segments from `root`, skipping the subtree `exclude` (already done). */
export function collectSegments(root: Node, options: SegmentOptions = {}, exclude?: Node | null): Segment[] {
  return new SegmentCollector(root, options, exclude).next();
}

/** A whole document in slices: the article region first, then the rest of the body. */
export class PageCollector {
  private readonly walks: SegmentCollector[];

  constructor(doc: Document, options: SegmentOptions = {}) {
    const body = doc.body;
    const region = body ? articleRegion(doc) : null;
    if (!body) this.walks = [];
    else if (!region || region === body) this.walks = [new SegmentCollector(body, options)];
    else this.walks = [new SegmentCollector(region, options), new SegmentCollector(body, options, region)];
  }

  get done(): boolean {
    return this.walks.every((w) => w.done);
  }

  next(budget: SliceBudget = {}): Segment[] {
    for (const w of this.walks) if (!w.done) return w.next(budget);
    return [];
  }
}

/** Segments of a whole document, article region first. */
export function collectPageSegments(doc: Document, options: SegmentOptions = {}): Segment[] {
  const walk = new PageCollector(doc, options);
  const out: Segment[] = [];
  while (!walk.done) out.push(...walk.next());
  return out;
}
