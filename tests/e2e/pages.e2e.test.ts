/**
 * Every real news page (../shared/fixtures/pages) and the seed article, in real Chromium and
 * Firefox (issue 6): annotation leaves the page exactly as it was.
 *
 * Each page is judged against itself in one load, so the page's own scripts (which race with
 * their blocked loads and differ run to run) cannot pass for ours: open it with Dossier off for
 * the site, let it settle, snapshot (DOM, attributes, text, element boxes, scroll), switch the
 * site on, wait for the marks, snapshot again, switch it off, snapshot a third time. Between the
 * snapshots the page's own nodes must not mutate, and the snapshots must be identical; after the
 * switch-off no highlight and nothing of ours is left. A page that changes itself while we watch
 * (a live clock, a carousel) is told apart by a control interval of the same length with Dossier
 * still off: only what differs beyond the page's own churn would be ours, and that must be nothing.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserSession, type Page } from './harness/browsers';
import { dossierHighlights, leftovers, mutationsSince, settle, snapshot, snapshotDifference, watchMutations } from './harness/page-state';
import { startServer, type FixtureServer } from './harness/server';
import { askBackgroundFrom, BROWSERS, distFor, GECKO_ID, markedTexts, SHARED, waitForMarks, waitUntil } from './support';

const FIXTURES = readdirSync(resolve(SHARED, 'fixtures/pages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const PAGES = [...FIXTURES.map((name) => ({ name, path: `/pages/${name}/source.html` })), { name: 'seed', path: '/seed/article.html' }];

// Pages that stay hidden until their own (blocked) scripts run have nothing visible to mark.
const NOTHING_VISIBLE = new Set(['seattletimes-1']);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BROWSERS)('real pages stay intact in %s', (browserName) => {
  let server: FixtureServer;
  let session: BrowserSession;
  let ext: Page;
  const summary: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    session = await launch(browserName, distFor(browserName), { geckoId: GECKO_ID });
    ext = await session.openExtensionPage('about.html');
  }, 120_000);
  afterAll(async () => {
    if (summary.length) console.log(`[${browserName}] pages: ${summary.join('; ')}`);
    await askBackgroundFrom(ext, 'setSettings', { disabledSites: [] }).catch(() => undefined);
    await session?.close();
    await server?.close();
  });

  const setSiteOff = (off: boolean) => askBackgroundFrom(ext, 'setSettings', { disabledSites: off ? ['127.0.0.1'] : [] });

  it.each(PAGES)('$name: same DOM and boxes with the marks on, nothing left when switched off', async ({ name, path }) => {
    await setSiteOff(true);
    const page = await session.open(`${server.origin}${path}`);
    await settle(page, 500, 10_000);
    await watchMutations(page);
    const before = await snapshot(page);
    const errorsBefore = page.pageErrors().length;

    // Control interval, Dossier still off: does the page change by itself?
    await pause(1200);
    const control = await snapshot(page);
    const churn = await mutationsSince(page);
    const selfChanging = churn.length > 0 || snapshotDifference(before, control) !== null;
    expect(await markedTexts(page)).toEqual([]);

    const requestsOff = session.externalRequests();
    await setSiteOff(false);
    const t0 = Date.now();
    const marks = NOTHING_VISIBLE.has(name) ? await markedTexts(page) : await waitForMarks(page, 60_000);
    const firstMs = Date.now() - t0;
    await pause(400); // a late second pass would show here
    const on = await snapshot(page);
    const duringOn = (await mutationsSince(page)).slice(churn.length);

    const requestsOn = session.externalRequests().slice(requestsOff.length);
    await setSiteOff(true);
    await waitUntil(() => dossierHighlights(page), (h) => h.texts.length === 0, 10_000, 'highlights to go');
    const off = await snapshot(page);

    if (!NOTHING_VISIBLE.has(name)) expect(marks.length).toBeGreaterThan(3);
    if (selfChanging) {
      // The page rewrites itself (its scripts, timers): what it changed must be all that changed.
      // Our part is judged by the mutation log: while on, no mutation beyond the kinds the page made itself.
      const kinds = new Set(churn);
      expect(duringOn.filter((m) => !kinds.has(m))).toEqual([]);
      expect(on.elements).toBe(before.elements);
    } else {
      expect(snapshotDifference(before, on)).toBeNull();
      expect(snapshotDifference(before, off)).toBeNull();
      expect(duringOn).toEqual([]);
    }
    expect(await leftovers(page)).toEqual([]);
    expect((await dossierHighlights(page)).names).toEqual([]);
    // No page error appeared once we were on, and nothing of ours reached the console.
    expect(page.pageErrors().slice(errorsBefore)).toEqual([]);
    expect(page.consoleErrors().filter((e) => /dossier/i.test(e))).toEqual([]);
    // The page keeps asking for its (refused) resources; switching Dossier on adds no host to them.
    const host = (u: string) => new URL(u).host;
    const pageHosts = new Set(requestsOff.map(host));
    expect(requestsOn.map(host).filter((h) => !pageHosts.has(h))).toEqual([]);
    summary.push(`${name} ${marks.length} marks in ${firstMs} ms${selfChanging ? ' (page changes itself)' : ''}`);
    await page.close();
  }, 120_000);

  it('raised no error of its own (background, pages, content scripts)', () => {
    expect(session.extensionErrors()).toEqual([]);
  });
});
