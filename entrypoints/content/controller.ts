/**
 * Wires one page: settings → segments → annotate (background) → highlights →
 * popover, keyboard navigation, new content and SPA navigation. Every
 * listener, observer and timer is tied to the content-script context, so an
 * update or a disable leaves the page exactly as it was.
 */
import type { ContentScriptContext } from '#imports';
import { browser } from 'wxt/browser';
import { askBackground } from '@/utils/client';
import { collectPageSegments, collectSegments, PageCollector, type Segment } from '@/utils/dom/segments';
import { Highlighter, liveRange, rangeText, toRange, type PlacedMention } from '@/utils/dom/highlighter';
import { MutationBatcher } from '@/utils/dom/mutations';
import { canonicalUrl, extractPage } from '@/utils/dom/page-metadata';
import { isEnvelope, readMarks, validateContent, type AlternativeView, type ContentRequests, type Reply } from '@/utils/messages';
import type { Correction, Notice } from '@/components/Popover';
import { ruleKey, type Rule } from '@/utils/rules';
import type { PageEntity, SavePageInput } from '@/utils/pages';
import { isActiveOn, sanitizeSettings, SETTINGS_KEY, type Settings } from '@/utils/settings';
import { PopoverHost } from './popover-host';

function isHtmlDocument(): boolean {
  return document instanceof HTMLDocument && document.documentElement?.namespaceURI === 'http://www.w3.org/1999/xhtml' && document.contentType === 'text/html';
}

/** Quiet failure once the extension is gone (updated or removed): the page carries on. */
function contextGone(ctx: ContentScriptContext): boolean {
  return ctx.isInvalid;
}

/** Text matched in one request: an ordinary page fits in one, so names across it resolve together. */
const BATCH_CHARS = 300_000;
/** Collecting text stops for the page's sake after this long, and goes on in the next task. */
const COLLECT_SLICE_MS = 20;
/** Mentions placed in one task (each is a Range and an entry in a highlight). */
const PLACE_SLICE = 2_000;

/** Gives the thread back to the page (its input, rendering and scripts) before going on. */
function yieldToPage(): Promise<void> {
  const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof sched?.yield === 'function') return sched.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves just after the next frame is rendered; at once in a tab nobody can see (no frames there). */
function afterNextFrame(): Promise<void> {
  if (document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

export async function startDossier(ctx: ContentScriptContext): Promise<void> {
  if (!isHtmlDocument()) return;
  const highlighter = new Highlighter(window);
  highlighter.removeStale();
  const popover = new PopoverHost();
  const seen = new Set<string>();
  let settings: Settings = sanitizeSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  let active = false;
  let observer: MutationObserver | null = null;
  let cursor = -1;
  let hoverTimer: number | undefined;
  /** Other meanings of each placed mention's name, for the card's "could also be". */
  let alternativesOf = new WeakMap<PlacedMention, AlternativeView[]>();
  /** The corrections the marks on the page were made with. */
  let appliedRules = JSON.stringify(settings.rules);
  let refreshing: Promise<void> | null = null;

  const place = (segments: Segment[], mentions: Awaited<ReturnType<typeof annotate>>): PlacedMention[] => {
    const placed: PlacedMention[] = [];
    for (const m of mentions) {
      const seg = segments[m.seg];
      if (!seg) continue;
      const range = toRange(document, seg, m.start, m.end);
      if (!range) continue;
      const p: PlacedMention = { id: m.id, label: m.label, type: m.type, confidence: m.confidence, range };
      if (m.alternatives) alternativesOf.set(p, m.alternatives);
      placed.push(p);
      seen.add(m.id);
    }
    return placed;
  };

  const annotate = async (segments: Segment[]) => {
    if (segments.length === 0) return [];
    return readMarks(await askBackground('annotate', { texts: segments.map((s) => s.text), context: [...seen], site: location.hostname }));
  };

  const annotateAll = async () => {
    // Marks and measures for `npm run bench:page` (one measure per slice): the page's main
    // thread pays for collecting text and placing ranges; matching runs in the background.
    // Collect right after the browser's own rendering step, when styles are fresh: reading
    // visibility then costs nothing, where before it can force the page's style work into our task.
    await afterNextFrame();
    if (!active || contextGone(ctx)) return;
    // Text is collected in slices of a few milliseconds, the page getting the thread back between
    // them, and sent to be matched in batches: an ordinary page is one batch, so names across it
    // resolve together; an enormous one is matched and placed batch by batch (no long task).
    const walk = new PageCollector(document);
    let first = true;
    while (!walk.done) {
      const batch: Segment[] = [];
      let chars = 0;
      while (!walk.done && chars < BATCH_CHARS) {
        if (!first) {
          await yieldToPage();
          if (!active || contextGone(ctx)) return;
        }
        const t0 = performance.now();
        if (first) performance.mark('dossier-start');
        first = false;
        const segments = walk.next({ chars: BATCH_CHARS - chars, ms: COLLECT_SLICE_MS });
        performance.measure('dossier-collect', { start: t0, end: performance.now() });
        for (const seg of segments) { batch.push(seg); chars += seg.text.length; }
      }
      const mentions = await annotate(batch);
      if (!active || contextGone(ctx)) return;
      for (let i = 0; i < mentions.length; i += PLACE_SLICE) {
        if (i > 0) {
          await yieldToPage();
          if (!active || contextGone(ctx)) return;
        }
        const t1 = performance.now();
        highlighter.add(place(batch, mentions.length > PLACE_SLICE ? mentions.slice(i, i + PLACE_SLICE) : mentions));
        performance.measure('dossier-place', { start: t1, end: performance.now() });
      }
    }
    performance.mark('dossier-highlighted');
  };

  const onBatch = async (roots: Node[] | 'rescan') => {
    if (!active || contextGone(ctx)) return;
    if (roots === 'rescan') { highlighter.clear(); await annotateAll(); return; }
    const segments = roots.flatMap((r) => collectSegments(r));
    const mentions = await annotate(segments);
    if (!active || contextGone(ctx)) return;
    highlighter.prune();
    // Text changed in place: its old marks go before the new ones are placed.
    highlighter.dropIn(roots);
    highlighter.add(place(segments, mentions));
  };
  const batcher = new MutationBatcher({
    onBatch: (r) => void onBatch(r).catch(() => {}),
    onRemoved: () => { if (active && !contextGone(ctx)) highlighter.prune(); },
    setTimer: (fn, ms) => ctx.setTimeout(fn, ms),
  });

  /** Marks the page anew with the corrections now in the settings, leaving an open card open. */
  const refreshForRules = (): Promise<void> => {
    const rules = JSON.stringify(settings.rules);
    if (rules === appliedRules && refreshing) return refreshing;
    if (rules === appliedRules || !active) { appliedRules = rules; return Promise.resolve(); }
    appliedRules = rules;
    // One refresh at a time: a second waits for the first, so marks of old rules never land last.
    const run = (refreshing ?? Promise.resolve()).catch(() => {}).then(async () => {
      highlighter.clear();
      seen.clear();
      alternativesOf = new WeakMap();
      cursor = -1;
      await annotateAll();
    });
    refreshing = run;
    void run.catch(() => {}).then(() => { if (refreshing === run) refreshing = null; });
    return run;
  };

  const noticeText = (rule: Rule, text: string, label: string): string => {
    const site = rule.site ?? location.hostname;
    switch (rule.kind) {
      case 'choose': return `“${text}” is marked as ${rule.entityLabel ?? label} on ${site}.`;
      case 'notThis': return `“${text}” is no longer marked as ${label} on ${site}.`;
      case 'muteName': return `“${text}” is no longer marked on ${site}.`;
      case 'muteEntity': return `${label} is no longer marked anywhere.`;
    }
  };

  /** A correction from the card: stored by the background, honoured on this page at once, undoable. */
  const correct = async (m: PlacedMention, c: Correction): Promise<void> => {
    const text = rangeText(m.range).trim();
    const site = location.hostname;
    const rule: Rule =
      c.kind === 'muteEntity' ? { kind: 'muteEntity', entity: m.id, entityLabel: m.label, created: 0 }
      : c.kind === 'muteName' ? { kind: 'muteName', name: text, site, created: 0 }
      : c.kind === 'notThis' ? { kind: 'notThis', name: text, site, entity: m.id, entityLabel: m.label, created: 0 }
      : { kind: 'choose', name: text, site, entity: c.entity, entityLabel: c.entityLabel, created: 0 };
    settings = await askBackground('addRule', { rule });
    await refreshForRules();
    if (!active || contextGone(ctx)) return;
    const notice: Notice = {
      text: noticeText(rule, text, m.label),
      onUndo: () => {
        void askBackground('removeRule', { key: ruleKey(rule) }).then(async (next) => {
          settings = next;
          await refreshForRules();
          popover.close(true);
        }).catch(() => {});
      },
    };
    if (rule.kind === 'choose') {
      // The same words, now marked as the reader's choice: show that entity's card.
      const again = highlighter.mentions.find((x) => x.range.startContainer === m.range.startContainer && x.range.startOffset === m.range.startOffset && x.id === rule.entity);
      if (again) { openFor(again, notice); return; }
    }
    popover.setNotice(notice);
  };

  const openFor = (m: PlacedMention, notice?: Notice) => {
    // The card follows the mark as the page scrolls: a live range for as long as it is open.
    const range = liveRange(m.range);
    if (!range) return;
    highlighter.setActive(m);
    cursor = highlighter.mentions.indexOf(m);
    const alternatives = alternativesOf.get(m);
    popover.open({
      range,
      mention: { id: m.id, label: m.label, type: m.type, text: rangeText(m.range), alternatives },
      loadView: () => askBackground('getEntity', alternatives?.length ? { id: m.id, also: alternatives.map((a) => a.id) } : { id: m.id }),
      save: async () => { await askBackground('savePage', collectPage()); },
      onClosed: () => highlighter.setActive(null),
      site: location.hostname,
      correct: (c) => correct(m, c),
      notice,
    });
  };

  const entitiesOnPage = (): PageEntity[] => {
    const byId = new Map<string, PageEntity>();
    for (const m of highlighter.mentions) {
      const e = byId.get(m.id);
      if (e) e.count++; else byId.set(m.id, { id: m.id, label: m.label, type: m.type, count: 1 });
    }
    return [...byId.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  };

  /** What a save keeps: metadata and the article's text (Readability, on a clone), entities with counts. */
  const collectPage = (): SavePageInput => {
    const page = extractPage(document, 1_000_000);
    // Readability finds no article on some pages (front pages, short notes): keep their visible text instead.
    const text = page.text || collectPageSegments(document).map((s) => s.text.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n').slice(0, 1_000_000);
    return { ...page, text, entities: entitiesOnPage() };
  };

  /** Asks whether this page is saved; the background shows the answer on the toolbar badge. */
  const checkSaved = async (): Promise<boolean> => {
    if (contextGone(ctx)) return false;
    return (await askBackground('isSaved', { url: canonicalUrl(document) })).saved;
  };

  const start = async () => {
    if (active) return;
    active = true;
    appliedRules = JSON.stringify(settings.rules);
    highlighter.setStyle(settings.style);
    // Watch before the first pass collects: content added while it waits for its answer is
    // queued, not lost. A node both collected and queued is marked once (the highlighter dedupes).
    observer = new MutationObserver((records) => batcher.push(records));
    // characterData: text changed in place is marked anew (static marks would keep the old offsets).
    observer.observe(document.body ?? document.documentElement, { childList: true, characterData: true, subtree: true });
    await annotateAll();
  };

  const stop = () => {
    active = false;
    observer?.disconnect();
    observer = null;
    popover.close(false);
    highlighter.clear();
    seen.clear();
    cursor = -1;
  };

  // --- the reader's input ---
  ctx.addEventListener(document, 'click', (e: MouseEvent) => {
    if (!active || e.button !== 0) return;
    if (popover.isOpen && popover.contains(e.target as Node)) return;
    const target = e.target as Element | null;
    const hit = highlighter.hitTest(e.clientX, e.clientY);
    // A link keeps its meaning: we never swallow a click on one.
    if (hit && !target?.closest?.('a[href]')) { openFor(hit); return; }
    if (popover.isOpen) popover.close(false);
  }, { capture: true });

  ctx.addEventListener(document, 'mousemove', (e: MouseEvent) => {
    if (!active || settings.trigger !== 'hover') return;
    if (hoverTimer !== undefined) clearTimeout(hoverTimer);
    const { clientX, clientY } = e;
    hoverTimer = ctx.setTimeout(() => {
      const hit = highlighter.hitTest(clientX, clientY);
      if (hit && hit.range !== highlighter.mentions[cursor]?.range) openFor(hit);
    }, 250) as unknown as number;
  }, { passive: true });

  ctx.addEventListener(document, 'keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && popover.isOpen) popover.close(true);
  });

  const navigate = (direction: 1 | -1): string | null => {
    const list = highlighter.mentions;
    if (list.length === 0) return null;
    cursor = cursor < 0 ? (direction === 1 ? 0 : list.length - 1) : (cursor + direction + list.length) % list.length;
    const m = list[cursor]!;
    const el = m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    openFor(m);
    return m.id;
  };

  // --- requests from the popup and the background ---
  const handlers: { [K in keyof ContentRequests]: (req: ContentRequests[K]['req']) => ContentRequests[K]['res'] | Promise<ContentRequests[K]['res']> } = {
    listEntities: () => entitiesOnPage(),
    scrollToEntity: ({ id }) => {
      const m = highlighter.mentions.find((x) => x.id === id);
      if (!m) return { found: false };
      m.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      openFor(m);
      return { found: true };
    },
    collectPage: () => collectPage(),
    pageInfo: () => ({ url: canonicalUrl(document), entities: entitiesOnPage() }),
    navigate: ({ direction }) => ({ id: navigate(direction) }),
    // The save-page command and the context menu: the tab saves itself, as the popover does.
    saveThisPage: async () => ({ url: (await askBackground('savePage', collectPage())).url }),
    libraryChanged: async ({ urls }) => {
      if (urls !== null && !urls.includes(canonicalUrl(document))) return { checked: false };
      await checkSaved();
      return { checked: true };
    },
  };
  const onMessage = (msg: unknown, sender: { id?: string }): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(msg) || sender.id !== browser.runtime.id) return undefined;
    const kind = msg.kind as keyof ContentRequests;
    if (!Object.prototype.hasOwnProperty.call(validateContent, kind)) return undefined;
    // Some handlers are asynchronous (saving): the reply waits for them, errors included.
    return Promise.resolve()
      .then(() => (handlers[kind] as (p: unknown) => unknown)(validateContent[kind](msg.payload)))
      .then((result) => ({ result }), (err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
  };
  browser.runtime.onMessage.addListener(onMessage);

  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !changes[SETTINGS_KEY]) return;
    const next = sanitizeSettings(changes[SETTINGS_KEY].newValue);
    const typesChanged = JSON.stringify(next.types) !== JSON.stringify(settings.types);
    settings = next;
    const should = isActiveOn(settings, location.hostname);
    if (!should) { stop(); return; }
    if (active && typesChanged) { stop(); void start(); return; }
    // Corrections made here or in another tab, or undone in the popup.
    if (active) void refreshForRules().catch(() => {});
    highlighter.setStyle(settings.style);
    if (!active) void start();
  };
  browser.storage.onChanged.addListener(onStorage);

  // SPA navigation: the old page's marks go, the new page is annotated.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    void checkSaved().catch(() => {});
    if (!active) return;
    stop();
    ctx.setTimeout(() => { if (isActiveOn(settings, location.hostname)) void start(); }, 300);
  });

  ctx.onInvalidated(() => {
    stop();
    browser.runtime.onMessage.removeListener(onMessage);
    browser.storage.onChanged.removeListener(onStorage);
  });

  // The badge shows a saved page even where marking is switched off.
  void checkSaved().catch(() => {});
  if (isActiveOn(settings, location.hostname)) {
    await start().catch((err: unknown) => {
      // An orphaned script (extension updated) stops quietly; anything else is worth a note.
      if (!contextGone(ctx)) console.debug('Dossier: annotation failed', err);
    });
  }
}
