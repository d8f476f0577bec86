// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPageSegments, collectSegments, PageCollector, SegmentCollector } from '../../utils/dom/segments';
import { toRange } from '../../utils/dom/highlighter';

function doc(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('segments', () => {
  it('joins inline elements into one run and breaks at blocks', () => {
    const d = doc('<p>US Attorney General Eric <b>Holder</b> said</p><p>Second <a href="#">para</a></p>');
    const segs = collectSegments(d.body);
    expect(segs.map((s) => s.text)).toEqual(['US Attorney General Eric Holder said', 'Second para']);
    expect(segs[0]!.pieces).toHaveLength(3);
  });

  it('never collects scripts, styles, inputs, editors, code or our own UI', () => {
    const d = doc(`<p>Kept</p><script>var Mexico=1</script><style>.Mexico{}</style><textarea>Mexico</textarea>
      <input value="Mexico"><div contenteditable="true"><p>Mexico edit</p></div><pre>Mexico</pre><code>Mexico</code>
      <div hidden>Mexico hidden</div><dossier-popover data-dossier-ui><p>Mexico ui</p></dossier-popover><noscript>Mexico</noscript>`);
    const texts = collectSegments(d.body).map((s) => s.text.trim());
    expect(texts).toEqual(['Kept']);
  });

  it('drops text whose block is not shown, however deep, and keeps the text around it', () => {
    const d = doc(`<div class="menu" style="display:none"><div><p>Mexico menu</p>Mexico loose</div></div>
      <div><p>Shown</p><p style="visibility:hidden">Mexico invisible</p>After <b>bold</b></div>`);
    expect(collectSegments(d.body).map((s) => s.text.trim())).toEqual(['Shown', 'After bold']);
  });

  it('puts the article region first', () => {
    const d = doc('<nav><a>Nav link</a></nav><article><p>Article text</p></article><footer><p>Footer</p></footer>');
    expect(collectPageSegments(d).map((s) => s.text)).toEqual(['Article text', 'Nav link', 'Footer']);
  });

  it('maps segment offsets back to DOM ranges across inline elements', () => {
    const d = doc('<p>Eric <b>Holder</b> and <i>Janet</i> Napolitano</p>');
    const seg = collectSegments(d.body)[0]!;
    const start = seg.text.indexOf('Eric');
    expect(toRange(d, seg, start, start + 'Eric Holder'.length)!.toString()).toBe('Eric Holder');
    const j = seg.text.indexOf('Janet');
    expect(toRange(d, seg, j, j + 'Janet Napolitano'.length)!.toString()).toBe('Janet Napolitano');
  });

  it('collects an enormous page in slices that add up to the one-pass result, a run cut by a slice kept whole', () => {
    const paras = Array.from({ length: 400 }, (_, i) => `<p>Story ${i}: Eric <b>Holder</b> met <i>Janet</i> Napolitano in <a href="#">Mexico City</a>.</p>`).join('');
    const d = doc(`<nav><a>Home</a></nav><article>${paras}</article><footer><p>Footer text</p></footer>`);
    const whole = collectPageSegments(d).map((s) => s.text);
    const walk = new PageCollector(d);
    const sliced: string[] = [];
    let slices = 0;
    // 25 characters a slice: slices end mid-paragraph, inside inline elements.
    while (!walk.done) { sliced.push(...walk.next({ chars: 25 }).map((s) => s.text)); slices++; }
    expect(slices).toBeGreaterThan(400);
    expect(sliced).toEqual(whole);
    expect(whole[0]).toBe('Story 0: Eric Holder met Janet Napolitano in Mexico City.');
    expect(whole.at(-1)).toBe('Footer text');
  });

  it('a walk resumed after the page changed skips removed nodes and sees added ones', () => {
    const d = doc('<div id="a"><p>First</p><p>Second</p></div><div id="b"><p>Third</p></div>');
    const walk = new SegmentCollector(d.body);
    expect(walk.next({ chars: 1 }).map((s) => s.text)).toEqual([]);
    d.getElementById('b')!.remove();
    const added = d.createElement('p');
    added.textContent = 'Added later';
    d.getElementById('a')!.appendChild(added);
    const rest: string[] = [];
    while (!walk.done) rest.push(...walk.next({ chars: 1 }).map((s) => s.text));
    expect(rest).toEqual(['First', 'Second', 'Added later']);
  });
});

describe('wrap fallback (no CSS Custom Highlight API, as in this DOM)', () => {
  it('wraps each mention in <dossier-mark> and, cleared, leaves the exact original nodes and markup', async () => {
    const { Highlighter, supportsHighlights } = await import('../../utils/dom/highlighter');
    const d = doc('<p id="p">Eric Holder met <b>Barack</b> Obama in Paris, then Angela Merkel.</p><p id="q">Later, Emmanuel Macron.</p>');
    expect(supportsHighlights(window)).toBe(false);
    const p = d.getElementById('p')!;
    const q = d.getElementById('q')!;
    const before = d.body.innerHTML;
    const [firstText, lastText, qText] = [p.firstChild, p.lastChild, q.firstChild];
    const segs = collectSegments(d.body);
    const at = (i: number, s: string) => ({ id: s, label: s, type: 'person' as const, confidence: 1, range: toRange(d, segs[i]!, segs[i]!.text.indexOf(s), segs[i]!.text.indexOf(s) + s.length)! });
    const h = new Highlighter(window);
    h.add([at(0, 'Eric Holder'), at(0, 'Paris'), at(0, 'Angela Merkel')]);
    // New content's mentions arrive later: the page is wrapped anew, the earlier marks kept.
    h.add([at(1, 'Emmanuel Macron')]);
    expect([...d.querySelectorAll('dossier-mark')].map((m) => m.textContent)).toEqual(['Eric Holder', 'Paris', 'Angela Merkel', 'Emmanuel Macron']);
    expect(p.textContent).toBe('Eric Holder met Barack Obama in Paris, then Angela Merkel.');
    h.clear();
    expect(d.querySelectorAll('dossier-mark')).toHaveLength(0);
    expect(d.body.innerHTML).toBe(before);
    // The very same node objects, not equal copies.
    expect(p.firstChild).toBe(firstText);
    expect(p.lastChild).toBe(lastText);
    expect(q.firstChild).toBe(qText);
    expect(p.childNodes).toHaveLength(3);
  });
});

describe('marks as static ranges', () => {
  it('reads their text, orders them by document position and makes a live range only when asked', async () => {
    const { Highlighter, liveRange, rangeText } = await import('../../utils/dom/highlighter');
    // This DOM has no StaticRange: a stand-in with the same boundary points (browsers are covered by the seed E2E).
    class TestStaticRange {
      readonly startContainer: Node; readonly startOffset: number; readonly endContainer: Node; readonly endOffset: number;
      constructor(init: StaticRangeInit) { ({ startContainer: this.startContainer, startOffset: this.startOffset, endContainer: this.endContainer, endOffset: this.endOffset } = init); }
      get collapsed() { return this.startContainer === this.endContainer && this.startOffset === this.endOffset; }
    }
    // And no Highlight API: a registry and Highlight class with the browser's shape.
    const win = window as unknown as { StaticRange?: unknown; Highlight?: unknown; CSS?: unknown };
    const had = { StaticRange: win.StaticRange, Highlight: win.Highlight, CSS: win.CSS };
    const registry = new Map<string, Set<unknown>>();
    Object.defineProperty(win, 'StaticRange', { value: TestStaticRange, configurable: true, writable: true });
    Object.defineProperty(win, 'Highlight', { value: class extends Set<unknown> { constructor(...r: unknown[]) { super(r); } }, configurable: true, writable: true });
    Object.defineProperty(win, 'CSS', { value: { highlights: registry }, configurable: true, writable: true });
    const d = doc('<p>Eric Holder met <b>Barack</b> Obama in Paris.</p><p>Later, Emmanuel Macron.</p>');
    const segs = collectSegments(d.body);
    const at = (i: number, s: string) => ({ id: s, label: s, type: 'person' as const, confidence: 1, range: toRange(d, segs[i]!, segs[i]!.text.indexOf(s), segs[i]!.text.indexOf(s) + s.length)! });
    const [holder, obama, paris, macron] = [at(0, 'Eric Holder'), at(0, 'Barack Obama'), at(0, 'Paris'), at(1, 'Emmanuel Macron')];
    expect(holder.range).toBeInstanceOf(TestStaticRange);
    // Within one text node and across nodes (<b>Barack</b> Obama spans two).
    expect([holder, obama, paris, macron].map((m) => rangeText(m.range))).toEqual(['Eric Holder', 'Barack Obama', 'Paris', 'Emmanuel Macron']);
    const live = liveRange(obama.range)!;
    expect(live).toBeInstanceOf(Range);
    expect(live.toString()).toBe('Barack Obama');
    // Marks that arrive out of order (the article first, new content later) are read in page order.
    const h = new Highlighter(window);
    h.add([macron, paris]);
    h.add([obama, holder]);
    expect(h.mentions.map((m) => m.id)).toEqual(['Eric Holder', 'Barack Obama', 'Paris', 'Emmanuel Macron']);
    // Text cut shorter than a mark: pruned, not left pointing past the end.
    (paris.range.startContainer as Text).data = 'x';
    h.prune();
    expect(h.mentions.map((m) => m.id)).toEqual(['Eric Holder', 'Emmanuel Macron']);
    expect([...registry.get('dossier-underline-person')!].map((r) => rangeText(r as AbstractRange))).toEqual(['Emmanuel Macron', 'Eric Holder']);
    // Text changed in place (as long as before): its marks go, whatever their offsets.
    h.dropIn([holder.range.startContainer]);
    expect(h.mentions.map((m) => m.id)).toEqual(['Emmanuel Macron']);
    expect(registry.get('dossier-underline-person')!.size).toBe(1);
    h.clear();
    expect(registry.size).toBe(0);
    for (const [k, v] of Object.entries(had)) Object.defineProperty(win, k, { value: v, configurable: true, writable: true });
  });
});

describe('mutation batches', () => {
  it('queues added and changed text, and reports removals so marks on removed text can go', async () => {
    const { MutationBatcher } = await import('../../utils/dom/mutations');
    const d = doc('<p id="a">Old</p>');
    const batches: (Node[] | 'rescan')[] = [];
    let removals = 0;
    let timer: (() => void) | undefined;
    const b = new MutationBatcher({ onBatch: (r) => batches.push(r), onRemoved: () => removals++, setTimer: (fn) => { timer = fn; } });
    const p = d.getElementById('a')!;
    const added = d.createElement('p');
    d.body.append(added);
    b.push([
      { type: 'childList', addedNodes: [added] as unknown as NodeList, removedNodes: [] as unknown as NodeList, target: d.body } as unknown as MutationRecord,
      { type: 'characterData', addedNodes: [] as unknown as NodeList, removedNodes: [] as unknown as NodeList, target: p.firstChild! } as unknown as MutationRecord,
    ]);
    timer!();
    expect(batches).toEqual([[added, p.firstChild]]);
    expect(removals).toBe(0);
    // A removal alone: no batch to annotate, one call to let marks go.
    timer = undefined;
    b.push([{ type: 'childList', addedNodes: [] as unknown as NodeList, removedNodes: [p] as unknown as NodeList, target: d.body } as unknown as MutationRecord]);
    expect(timer).toBeDefined();
    timer!();
    expect(removals).toBe(1);
    expect(batches).toHaveLength(1);
  });
});
