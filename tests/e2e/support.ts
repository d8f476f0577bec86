/** Helpers shared by the E2E specs: reading Dossier's highlights and talking to the extension from its own pages. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from './harness/browsers';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SHARED = process.env.DOSSIER_SHARED ?? resolve(ROOT, '../shared');
export const GECKO_ID = 'dossier@dossier.example';
export const BROWSERS = (process.env.DOSSIER_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean) as ('chromium' | 'firefox')[];

export function distFor(browser: 'chromium' | 'firefox'): string {
  return resolve(ROOT, browser === 'chromium' ? '.output/chrome-mv3' : '.output/firefox-mv2');
}

export interface SeedExpectations {
  required: { entity: string; type: string; surfaces: string[] }[];
  never: string[];
}
export function seedExpectations(): SeedExpectations {
  return JSON.parse(readFileSync(resolve(SHARED, 'fixtures/seed/expected.json'), 'utf8')) as SeedExpectations;
}

export interface MarkedText { text: string; type: string; style: string }

/**
 * Page-side source of a function making a live Range from a mark: Dossier registers StaticRanges,
 * which have boundary points but no text or geometry of their own.
 */
export const LIVE_RANGE_JS = 'const live = (r) => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; };';

/** Every range Dossier registered in CSS.highlights, read from the page's own world. */
export async function markedTexts(page: Page): Promise<MarkedText[]> {
  return page.evaluate(`(() => {
    ${LIVE_RANGE_JS}
    const out = [];
    for (const [name, h] of CSS.highlights) {
      const m = /^dossier-(underline|background|dotted)-(\\w+)$/.exec(name);
      if (!m) continue;
      for (const r of h) out.push({ text: live(r).toString(), type: m[2], style: m[1] });
    }
    return out;
  })()`);
}

export async function waitForMarks(page: Page, timeoutMs = 30_000): Promise<MarkedText[]> {
  const t0 = Date.now();
  for (;;) {
    const marks = await markedTexts(page);
    if (marks.length > 0) return marks;
    if (Date.now() - t0 > timeoutMs) throw new Error('no Dossier highlights appeared');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Centre of the first Dossier-highlighted range with this exact text, in viewport coordinates (scrolled into view). */
export async function pointOfMark(page: Page, text: string): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(`(() => {
    ${LIVE_RANGE_JS}
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('dossier-') || name === 'dossier-active') continue;
      for (const r of h) {
        if (live(r).toString() !== ${JSON.stringify(text)}) continue;
        r.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const b = live(r).getClientRects()[0];
        return { x: b.left + Math.min(b.width / 2, 20), y: b.top + b.height / 2 };
      }
    }
    return null;
  })()`);
  if (!p) throw new Error(`no highlight with text ${text}`);
  return p as { x: number; y: number };
}

/** Text of the open popover (its shadow root), or null. */
export async function popoverText(page: Page): Promise<string | null> {
  return page.evaluate(`(() => {
    const host = document.querySelector('dossier-popover');
    return host && host.shadowRoot ? host.shadowRoot.textContent : null;
  })()`);
}

export async function waitForPopoverText(page: Page, includes: string, timeoutMs = 10_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const t = await popoverText(page);
    if (t && t.includes(includes)) return t;
    if (Date.now() - t0 > timeoutMs) throw new Error(`popover never showed "${includes}" (last: ${t})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Clicks, with the real mouse, the first element matching `selector` in the open card whose text
 * contains `text` (the card ignores clicks a script makes up); opens its <details> first.
 */
export async function clickInPopover(page: Page, selector: string, text = ''): Promise<void> {
  const find = `[...(document.querySelector('dossier-popover')?.shadowRoot?.querySelectorAll(${JSON.stringify(selector)}) ?? [])].find((b) => b.textContent.includes(${JSON.stringify(text)}))`;
  const found = await page.evaluate<boolean>(`(() => {
    const el = ${find};
    if (!el) return false;
    const details = el.closest('details');
    if (details && el.tagName !== 'SUMMARY') details.open = true;
    return true;
  })()`);
  if (!found) throw new Error(`no ${selector} "${text}" in the card`);
  // Opening a section resizes the card, which then moves: read the box once it has settled.
  await page.evaluate(`new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))))`);
  const at = await page.evaluate<{ x: number; y: number } | null>(`(() => {
    const el = ${find};
    if (!el) return null;
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  })()`);
  if (!at) throw new Error(`${selector} "${text}" left the card`);
  await page.mouseClick(at.x, at.y);
}

/** Sends a request to the background from one of our own pages, as the popup would. */
export async function askBackgroundFrom(extPage: Page, kind: string, payload: unknown): Promise<unknown> {
  return extPage.evaluate(`(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const reply = await api.runtime.sendMessage({ tag: 'dossier/1', kind: ${JSON.stringify(kind)}, payload: ${JSON.stringify(payload)} });
    if (reply && 'error' in reply) throw new Error(reply.error);
    return reply.result;
  })()`);
}

export async function waitUntil<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
