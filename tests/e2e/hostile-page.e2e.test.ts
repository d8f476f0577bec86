/**
 * A page that tries to drive Dossier or smuggle markup into it, in real Chromium and Firefox
 * (issue 6). Its scripts post messages in our envelope, fire custom events, call the runtime
 * messaging APIs they can reach, and click every button of an open card with made-up events;
 * its title and text carry markup and script. Nothing privileged may happen (no page saved, no
 * setting or correction changed), the card keeps working for the reader, and markup from the
 * page shows as text in the card and the library, never as elements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserSession, type Page } from './harness/browsers';
import { startServer, type FixtureServer } from './harness/server';
import { askBackgroundFrom, BROWSERS, clickInPopover, distFor, GECKO_ID, pointOfMark, waitForMarks, waitForPopoverText, waitUntil } from './support';

const MARKUP = `<img src=x onerror="window.__pwned=1">`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Everything a page script can try without the reader: our envelope over postMessage and custom
// events, the runtime APIs where a page can see them, and made-up clicks and keys on the card.
const ATTACKS = `<script>
  window.__attempts = [];
  const kinds = ['savePage', 'setSettings', 'addRule', 'deletePages', 'importStart', 'importFinish', 'restorePages', 'updatePage'];
  window.__attack = () => {
    for (const kind of kinds) {
      const msg = { tag: 'dossier/1', kind, payload: { disabledSites: ['127.0.0.1'], url: location.href, title: 'forged', text: 'forged', rule: { kind: 'never', entityId: 'Q1' } } };
      window.postMessage(msg, '*');
      for (const target of [window, document, document.documentElement]) {
        target.dispatchEvent(new CustomEvent('dossier', { detail: msg }));
        target.dispatchEvent(new CustomEvent('dossier:' + kind, { detail: msg }));
      }
      // Where a page sees a runtime handle at all, it has no way to our extension (no externally_connectable).
      for (const api of [globalThis.chrome, globalThis.browser]) {
        try { api?.runtime?.sendMessage?.(msg, () => void 0); } catch (e) { window.__attempts.push(String(e)); }
      }
    }
    const host = document.querySelector('dossier-popover');
    const root = host && host.shadowRoot;
    let pressed = 0;
    if (root) {
      for (const d of root.querySelectorAll('details')) d.open = true;
      for (const el of root.querySelectorAll('button, summary, input, [role=button]')) {
        el.click();
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        pressed++;
      }
    }
    return pressed;
  };
</script>`;

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Eric Holder ${esc(MARKUP)} &lt;script&gt;window.__pwned=2&lt;/script&gt;</title>${ATTACKS}</head>
<body><article>
  <h1>Eric Holder &lt;b&gt;testifies&lt;/b&gt;</h1>
  <p>Attorney General Eric Holder spoke to the United States Senate on Tuesday. ${esc(MARKUP)} was in the text.</p>
  <p>Barack Obama said the review would continue. &lt;script&gt;window.__pwned=3&lt;/script&gt;</p>
</article></body></html>`;

describe.each(BROWSERS)('a hostile page in %s', (browserName) => {
  let server: FixtureServer;
  let session: BrowserSession;
  let ext: Page;

  beforeAll(async () => {
    server = await startServer();
    server.addPage('/hostile/page.html', PAGE);
    session = await launch(browserName, distFor(browserName), { geckoId: GECKO_ID });
    ext = await session.openExtensionPage('about.html');
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const state = async () => {
    const settings = (await askBackgroundFrom(ext, 'getSettings', {})) as { rules: unknown[]; disabledSites: string[] };
    const pages = (await askBackgroundFrom(ext, 'listPages', {})) as unknown[];
    return { rules: settings.rules.length, disabledSites: settings.disabledSites, pages: pages.length };
  };

  it('cannot save, change settings or correct anything through messages, events or made-up clicks on the card', async () => {
    const clean = await state();
    expect(clean).toEqual({ rules: 0, disabledSites: [], pages: 0 });
    const page = await session.open(server.url('/hostile/page.html'));
    await waitForMarks(page);
    const { x, y } = await pointOfMark(page, 'Eric Holder');
    await page.mouseClick(x, y);
    await waitForPopoverText(page, 'Attorney General');

    const pressed = await page.evaluate<number>(`window.__attack()`);
    expect(pressed).toBeGreaterThan(3); // the card's buttons were there to press
    await new Promise((r) => setTimeout(r, 1500));
    expect(await state()).toEqual(clean);
    // The card is still open and still the reader's: a real click saves.
    await waitForPopoverText(page, 'Save page');
    await clickInPopover(page, 'button.save');
    await waitForPopoverText(page, 'Saved', 15_000);
    expect((await state()).pages).toBe(1);
    expect(await page.evaluate(`window.__pwned ?? null`)).toBeNull();
    await page.close();
  });

  it('shows markup from the page as text in the library, and no script from it runs there', async () => {
    const library = await session.openExtensionPage('library.html');
    await waitUntil(() => library.evaluate<string>(`document.body.textContent`), (t) => t.includes('Eric Holder'), 15_000, 'the saved page listed');
    const found = await library.evaluate<{ text: string; imgs: number; scripts: number; bolds: number; pwned: unknown }>(`({
      text: document.body.textContent,
      imgs: document.querySelectorAll('main img, [role=listbox] img, li img').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      bolds: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'testifies').length,
      pwned: window.__pwned ?? null,
    })`);
    expect(found.text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(found.imgs).toBe(0);
    expect(found.scripts).toBe(0);
    expect(found.bolds).toBe(0);
    expect(found.pwned).toBeNull();
    await library.close();
  });

  it('raised no error of its own and made no network request', () => {
    expect(session.extensionErrors()).toEqual([]);
    expect(session.externalRequests()).toEqual([]);
  });
});
