/**
 * What a page looks like, read from its own (main) world, for the reliability specs: its DOM
 * (structure, attributes and text) and its elements' boxes, minus Dossier's own UI; the DOM
 * mutations since a point in time; Dossier's highlights and anything it may have left behind.
 *
 * Functions here are sent to the page as source text (Page.evaluate), so they close over nothing.
 */
import type { Page } from './browsers';

/** Our UI: the popover host element and anything carrying this attribute (utils/dom/segments.ts OWN_UI_ATTR). */
export const OWN_UI_TAG = 'dossier-popover';
export const OWN_UI_ATTR = 'data-dossier-ui';

export interface PageSnapshot {
  /** One line per node of <html>'s attributes and <body>'s subtree (open shadow roots included). */
  dom: string;
  /** "x,y,w,h" (rounded px) of the first `maxRects` elements of <body> in document order. */
  rects: string[];
  elements: number;
  textLength: number;
  scroll: string;
}

/** Serialises the page; our own UI (OWN_UI_TAG, [OWN_UI_ATTR]) is left out with its subtree. */
export function snapshot(page: Page, maxRects = 2000): Promise<PageSnapshot> {
  return page.evaluate(
    (maxRects: number, ownTag: string, ownAttr: string) => {
      const out: string[] = [];
      const rects: string[] = [];
      let elements = 0;
      let textLength = 0;
      const attrs = (el: Element) =>
        [...el.attributes]
          .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
          .sort()
          .join(' ');
      const own = (el: Element) => el.localName === ownTag || el.hasAttribute(ownAttr);
      const walk = (parent: Node) => {
        for (let c = parent.firstChild; c; c = c.nextSibling) {
          if (c.nodeType === 1) {
            const el = c as Element;
            if (own(el)) continue;
            elements++;
            out.push(`<${el.nodeName} ${attrs(el)}${el.shadowRoot ? ' #shadow-root' : ''}>`);
            if (rects.length < maxRects) {
              const r = el.getBoundingClientRect();
              rects.push(`${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`);
            }
            if (el.shadowRoot) walk(el.shadowRoot);
            walk(el);
            out.push(`</${el.nodeName}>`);
          } else if (c.nodeType === 3) {
            const t = (c as Text).data;
            textLength += t.length;
            out.push(`#${JSON.stringify(t)}`);
          } else if (c.nodeType === 8) {
            out.push(`<!--${JSON.stringify((c as Comment).data)}-->`);
          }
        }
      };
      const root = document.documentElement;
      out.push(`<${root.nodeName} ${attrs(root)}>`);
      const body = document.body ?? root;
      out.push(`<${body.nodeName} ${attrs(body)}>`);
      walk(body);
      return { dom: out.join('\n'), rects, elements, textLength, scroll: `${scrollX},${scrollY}` };
    },
    maxRects,
    OWN_UI_TAG,
    OWN_UI_ATTR,
  );
}

/** Where two snapshots first differ, with a little context, or null when they are the same. */
export function snapshotDifference(a: PageSnapshot, b: PageSnapshot): string | null {
  if (a.dom !== b.dom) {
    const la = a.dom.split('\n');
    const lb = b.dom.split('\n');
    let i = 0;
    while (i < la.length && la[i] === lb[i]) i++;
    const cut = (s: string | undefined) => (s === undefined ? '(end)' : s.length > 300 ? s.slice(0, 300) + '…' : s);
    return `DOM differs at node ${i} of ${la.length}/${lb.length}:\n  before: ${cut(la[i])}\n  after:  ${cut(lb[i])}\n  (previous node: ${cut(la[i - 1])})`;
  }
  if (a.scroll !== b.scroll) return `scroll position ${a.scroll} -> ${b.scroll}`;
  if (a.rects.length !== b.rects.length) return `${a.rects.length} -> ${b.rects.length} element boxes`;
  for (let i = 0; i < a.rects.length; i++) {
    if (a.rects[i] !== b.rects[i]) return `box of element ${i} moved: ${a.rects[i]} -> ${b.rects[i]}`;
  }
  return null;
}

/**
 * Starts recording DOM mutations (childList, attributes, characterData; whole document) outside
 * our own UI, from the page's main world. `mutationsSince()` reads them.
 */
export function watchMutations(page: Page): Promise<void> {
  return page.evaluate(
    (ownTag: string, ownAttr: string) => {
      const w = window as unknown as { __relMutations?: string[]; __relObserver?: MutationObserver; __relHandle?: (r: MutationRecord[]) => void };
      w.__relObserver?.disconnect();
      const log: string[] = (w.__relMutations = []);
      const inOwn = (n: Node | null) => {
        const el = n && (n.nodeType === 1 ? (n as Element) : n.parentElement);
        return !!el?.closest(`${ownTag}, [${ownAttr}]`);
      };
      const isOwn = (n: Node) => n.nodeType === 1 && ((n as Element).localName === ownTag || (n as Element).hasAttribute(ownAttr));
      const describe = (n: Node) => (n.nodeType === 1 ? (n as Element).localName : n.nodeName);
      const handle = (records: MutationRecord[]) => {
        for (const r of records) {
          if (inOwn(r.target)) continue;
          if (r.type === 'childList') {
            const added = [...r.addedNodes].filter((n) => !isOwn(n));
            const removed = [...r.removedNodes].filter((n) => !isOwn(n));
            if (added.length || removed.length) {
              log.push(`childList on ${describe(r.target)}: +[${added.map(describe)}] -[${removed.map(describe)}]`);
            }
          } else if (r.type === 'attributes') {
            log.push(`attribute ${r.attributeName} on ${describe(r.target)}`);
          } else {
            log.push(`characterData in ${describe(r.target.parentNode ?? r.target)}`);
          }
        }
      };
      w.__relHandle = handle;
      w.__relObserver = new MutationObserver(handle);
      w.__relObserver.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    },
    OWN_UI_TAG,
    OWN_UI_ATTR,
  );
}

export function mutationsSince(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const w = window;
    if (w.__relObserver) w.__relHandle(w.__relObserver.takeRecords()); // those not delivered yet
    return [...(w.__relMutations ?? [])];
  })()`);
}

/**
 * Waits until the page has had no DOM mutation for `quietMs` and its fonts are loaded (at most
 * `timeoutMs`). Returns how long it took, or -1 when the page never went quiet.
 */
export function settle(page: Page, quietMs = 400, timeoutMs = 8000): Promise<number> {
  return page.evaluate(
    (quietMs: number, timeoutMs: number) =>
      new Promise<number>((done) => {
        const t0 = performance.now();
        let last = performance.now();
        const mo = new MutationObserver(() => (last = performance.now()));
        mo.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        const tick = () => {
          const now = performance.now();
          if (document.fonts.status === 'loaded' && now - last >= quietMs) {
            mo.disconnect();
            done(Math.round(now - t0));
          } else if (now - t0 > timeoutMs) {
            mo.disconnect();
            done(-1);
          } else setTimeout(tick, 50);
        };
        setTimeout(tick, 50);
      }),
    quietMs,
    timeoutMs,
  );
}

export interface HighlightState {
  /** Names in CSS.highlights that start with dossier- */
  names: string[];
  /** Every range's text (all dossier-* highlights except dossier-active). */
  texts: string[];
}

export function dossierHighlights(page: Page): Promise<HighlightState> {
  return page.evaluate(() => {
    const names: string[] = [];
    const texts: string[] = [];
    const reg = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<AbstractRange>> } }).CSS?.highlights;
    // Dossier's marks are StaticRanges: their text is read through a live copy.
    const live = (r: AbstractRange) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; };
    if (!reg) return { names, texts };
    for (const [name, h] of reg) {
      if (!name.startsWith('dossier-')) continue;
      names.push(name);
      if (name !== 'dossier-active') for (const r of h) texts.push(live(r).toString());
    }
    return { names, texts };
  });
}

/** Elements and attributes Dossier could leave in a page (marks, UI hosts, data-dossier-* attributes). */
export function leftovers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const all = document.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) {
      const el = all[i]!;
      if (el.localName.startsWith('dossier-')) out.push(`<${el.localName}>`);
      for (const a of el.attributes) if (a.name.startsWith('data-dossier') || a.name.startsWith('dossier')) out.push(`${el.localName}[${a.name}]`);
    }
    return out;
  });
}

/** How many times the content script has finished an annotation pass (its 'dossier-highlighted' mark). */
export function annotationPasses(page: Page): Promise<number> {
  return page.evaluate(`performance.getEntriesByName('dossier-highlighted').length`);
}

export async function waitFor<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${JSON.stringify(v)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
