/**
 * Storage full in real Chromium and Firefox (issue 6). Neither browser can lower an extension's
 * quota at run time (Chromium's Storage.overrideQuotaForOrigin ignores extension origins), so the
 * test makes the background's own IndexedDB refuse writes the way a full disk does: from outside,
 * it wraps IDBObjectStore put/add in the background's global to throw the QuotaExceededError
 * DOMException. Saving from the card and importing in the library then show a clear message, the
 * library is unchanged, and once there is room again the same actions work.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserSession, type Page } from './harness/browsers';
import { startServer, type FixtureServer } from './harness/server';
import { askBackgroundFrom, BROWSERS, clickInPopover, distFor, GECKO_ID, pointOfMark, waitForMarks, waitForPopoverText, waitUntil } from './support';

/** Installed in the background's global `g`: after `allowed` more writes every put/add throws; -1 lifts it. */
const QUOTA = `(g, allowed) => {
  const proto = g.IDBObjectStore.prototype;
  if (!g.__dossierRealPut) { g.__dossierRealPut = proto.put; g.__dossierRealAdd = proto.add; }
  const left = { n: allowed };
  const wrap = (real) => function (...args) {
    if (left.n-- <= 0) throw new g.DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return real.apply(this, args);
  };
  proto.put = allowed < 0 ? g.__dossierRealPut : wrap(g.__dossierRealPut);
  proto.add = allowed < 0 ? g.__dossierRealAdd : wrap(g.__dossierRealAdd);
  return String(proto.put).length;
}`;

const BODY = 'Attorney General Eric Holder spoke to the United States Senate on Tuesday about the review. '.repeat(400);
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Eric Holder at the Senate</title></head>
<body><article><h1>Eric Holder at the Senate</h1><p>${BODY}</p></article></body></html>`;

describe.each(BROWSERS)('storage full in %s', (browserName) => {
  let server: FixtureServer;
  let session: BrowserSession;
  let ext: Page;

  beforeAll(async () => {
    server = await startServer();
    server.addPage('/full/page.html', PAGE);
    session = await launch(browserName, distFor(browserName), { geckoId: GECKO_ID });
    ext = await session.openExtensionPage('about.html');
  }, 120_000);

  /** Storage is full after `allowed` more writes (0: now); `undefined`: there is room again. */
  const fill = async (allowed: number | undefined) => {
    const n = allowed ?? -1;
    if (browserName === 'chromium') {
      const ctx = session.raw as BrowserContext;
      const worker = ctx.serviceWorkers().find((w) => w.url().startsWith(session.extensionOrigin));
      if (!worker) throw new Error('no background service worker');
      await worker.evaluate(`(${QUOTA})(globalThis, ${n})`);
    } else {
      // Firefox's background is a page: our own extension pages can reach its global.
      await ext.evaluate(`browser.runtime.getBackgroundPage().then((bg) => (${QUOTA})(bg, ${n}))`);
    }
  };
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const pages = async () => ((await askBackgroundFrom(ext, 'listPages', {})) as { url: string }[]).map((p) => p.url);

  it('saving from the card when storage is full says the page was not saved, and saves once there is room', async () => {
    const page = await session.open(server.url('/full/page.html'));
    await waitForMarks(page);
    // The dataset's own install writes too: let it finish, so only the reader's save meets the full disk.
    await waitUntil(() => askBackgroundFrom(ext, 'datasetStatus', {}) as Promise<{ state: string }>, (st) => st.state === 'ready', 90_000, 'the dataset installed');
    await fill(0);
    const { x, y } = await pointOfMark(page, 'Eric Holder');
    await page.mouseClick(x, y);
    await waitForPopoverText(page, 'Save page');
    await clickInPopover(page, 'button.save');
    await waitForPopoverText(page, 'no room left for Dossier', 15_000);
    const alert = await page.evaluate<string>(`document.querySelector('dossier-popover').shadowRoot.querySelector('[role=alert]')?.textContent ?? ''`);
    expect(alert).toMatch(/The page was not saved\. Free some disk space or delete saved pages/);
    expect(alert).not.toMatch(/QuotaExceeded|DOMException/);
    expect(await pages()).toEqual([]);

    await fill(undefined);
    await clickInPopover(page, 'button.save');
    await waitForPopoverText(page, 'Saved', 15_000);
    expect(await pages()).toEqual([server.url('/full/page.html')]);
    await page.close();
  });

  it('an import that does not fit imports nothing and says so in the library', async () => {
    const before = await askBackgroundFrom(ext, 'listPages', {});
    const library = await session.openExtensionPage('library.html');
    await waitUntil(() => library.evaluate<string>(`document.body.textContent`), (t) => t.includes('Eric Holder at the Senate'), 15_000, 'the saved page listed');
    const file = JSON.stringify({
      format: 'dossier-library', version: 1, exportedAt: new Date().toISOString(),
      pages: Array.from({ length: 40 }, (_, i) => ({
        url: `https://news.example/story/${i}`, title: `Imported story ${i}`, site: 'news.example', savedAt: Date.now() - i * 1000,
        excerpt: '', text: `Story ${i}. ${BODY}`, entities: [], tags: [], note: '',
      })),
    });
    await fill(7); // room for a few of the forty pages' writes
    await library.evaluate(`(() => {
      const input = document.querySelector('input[name=import]');
      const dt = new DataTransfer();
      dt.items.add(new File([${JSON.stringify(file)}], 'library.json', { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    const status = () => library.evaluate<string>(`document.querySelector('.status')?.textContent ?? ''`);
    await waitUntil(status, (t) => t.includes('no room left'), 20_000, 'the storage-full message');
    expect(await status()).toMatch(/^Nothing was imported from library\.json: .*Your library is as it was before the import\./);
    await fill(undefined);
    expect(await askBackgroundFrom(ext, 'listPages', {})).toEqual(before);
    await library.close();
  });

  it('raised no error of its own and made no network request', () => {
    expect(session.extensionErrors()).toEqual([]);
    expect(session.externalRequests()).toEqual([]);
  });
});
