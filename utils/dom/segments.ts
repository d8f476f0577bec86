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
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'CODE', 'PRE', 'KBD', 'SAMP', 'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO',
  'HEAD', 'TITLE', 'META', 'LINK',
]);

/** Inline elements: they do not end a run of text. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'MARK', 'Q', 'S', 'SMALL',
  'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'LABEL', 'NOBR', 'INS', 'DEL', 'DOSSIER-MARK',
]);

/** Attribute that marks our own UI hosts. */
export const OWN_UI_ATTR = 'data-dossier-ui';

export interface SegmentOptions {
  /** Maximum characters collected (a guard for enormous pages). */
  maxChars?: number;
}

/**
 * Is this element's text never ours? `tag` is its upper-case tag name. Most elements carry no
 * attributes, so one hasAttributes() call settles them. Editability is inherited through the
 * contenteditable attribute checked here; the root of a walk is checked once (rootIsEditable).
 */
function isSkippedElement(el: Element, tag: string): boolean {
  if (SKIP_TAGS.has(tag)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute(OWN_UI_ATTR) || el.hasAttribute('hidden')) return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  if (el.getAttribute('aria-hidden') === 'true' && tag !== 'BODY') return true;
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

/** The region readers read: the main article when the page marks one. */
export function articleRegion(doc: Document): Element | null {
  const candidates = [...doc.querySelectorAll('article, main, [role="main"]')];
  let best: Element | null = null;
  let bestLen = 0;
  for (const c of candidates) {
    const len = c.textContent?.length ?? 0;
    if (len > bestLen) { best = c; bestLen = len; }
  }
  return best;
}

/** Collects segments from `root`, skipping the subtree `exclude` (already done). */
export function collectSegments(root: Node, options: SegmentOptions = {}, exclude?: Node | null): Segment[] {
  const maxChars = options.maxChars ?? 3_000_000;
  const segments: Segment[] = [];
  let parts: string[] = [];
  let pieces: Piece[] = [];
  let length = 0;
  let total = 0;

  const flush = () => {
    if (pieces.length) {
      const text = parts.join('');
      if (/[\p{L}\p{N}]/u.test(text)) segments.push({ text, pieces });
    }
    parts = []; pieces = []; length = 0;
  };

  if (rootIsEditable(root)) return segments;

  const visit = (node: Node): void => {
    if (total > maxChars) return;
    if (node === exclude) return;
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data.length === 0) return;
      pieces.push({ node: node as Text, start: length });
      parts.push(data);
      length += data.length;
      total += data.length;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 11 && node.nodeType !== 9) return;
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName.toUpperCase();
      const inline = INLINE_TAGS.has(tag);
      if (isSkippedElement(el, tag)) { if (!inline) flush(); return; }
      if (tag === 'BR') { flush(); return; }
      if (!inline) {
        flush();
        if (isHidden(el)) return;
      }
      for (let c = el.firstChild; c; c = c.nextSibling) visit(c);
      if (!inline) flush();
      return;
    }
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
  };

  visit(root);
  flush();
  return segments;
}

/** Segments of a whole document, article region first. */
export function collectPageSegments(doc: Document, options: SegmentOptions = {}): Segment[] {
  const body = doc.body;
  if (!body) return [];
  const region = articleRegion(doc);
  if (!region || region === body) return collectSegments(body, options);
  return [...collectSegments(region, options), ...collectSegments(body, options, region)];
}
