/**
 * Corrections end to end on the seed article, in real Chromium and Firefox: a
 * reader who thinks a mark is wrong fixes it from the card, sees the page
 * change at once, and can undo it from the card or from the popup's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type BrowserSession, type Page } from './harness/browsers';
import { startServer, type FixtureServer } from './harness/server';
import { askBackgroundFrom, BROWSERS, clickInPopover, distFor, GECKO_ID, markedTexts, pointOfMark, waitForMarks, waitForPopoverText, waitUntil } from './support';

/** Clicks (real mouse) the first element matching `selector` in the card whose text contains `text`. */
const clickInCard = (page: Page, text: string, selector = 'button, summary') => clickInPopover(page, selector, text);

/** Text of the first element matching `selector` in the card, or null. */
function cardPart(page: Page, selector: string): Promise<string | null> {
  return page.evaluate<string | null>(`document.querySelector('dossier-popover')?.shadowRoot?.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);
}

async function openCard(page: Page, markText: string, shows: string): Promise<string> {
  const { x, y } = await pointOfMark(page, markText);
  await page.mouseClick(x, y);
  return waitForPopoverText(page, shows);
}

const count = (marks: { text: string }[], text: string) => marks.filter((m) => m.text === text).length;

describe.each(BROWSERS)('corrections in %s', (browserName) => {
  let server: FixtureServer;
  let session: BrowserSession;
  let seedUrl: string;
  let host: string;

  beforeAll(async () => {
    server = await startServer();
    session = await launch(browserName, distFor(browserName), { geckoId: GECKO_ID });
    seedUrl = `${server.origin}/seed/article.html`;
    host = new URL(server.origin).hostname;
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('"Never mark" removes every mark of that entity at once, and Undo in the card brings them back', async () => {
    const page = await session.open(seedUrl);
    const before = await waitForMarks(page);
    expect(count(before, 'Eric Holder')).toBeGreaterThan(0);
    await openCard(page, 'Eric Holder', 'Attorney General');
    await clickInCard(page, 'Never mark Eric Holder');
    await waitUntil(() => markedTexts(page), (m) => count(m, 'Eric Holder') === 0 && m.length > 0, 10_000, 'Eric Holder unmarked');
    const after = await markedTexts(page);
    // Only his marks went: the rest of the page is as it was.
    expect(after.length).toBe(before.length - count(before, 'Eric Holder'));
    await waitForPopoverText(page, 'Undo');
    await clickInCard(page, 'Undo');
    await waitUntil(() => markedTexts(page), (m) => count(m, 'Eric Holder') === count(before, 'Eric Holder'), 10_000, 'Eric Holder marked again');
    const popup = await session.openExtensionPage('popup.html');
    const settings = (await askBackgroundFrom(popup, 'getSettings', {})) as { rules: unknown[] };
    expect(settings.rules).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('"Don\'t mark this name on this site" lasts across reloads and is undone from the popup\'s list', async () => {
    const page = await session.open(seedUrl);
    const before = await waitForMarks(page);
    const mexico = count(before, 'Mexico');
    expect(mexico).toBeGreaterThan(1);
    await openCard(page, 'Mexico', 'Mexico');
    await clickInCard(page, `Don’t mark “Mexico” on ${host}`);
    await waitUntil(() => markedTexts(page), (m) => count(m, 'Mexico') === 0 && m.length > 0, 10_000, '"Mexico" unmarked');
    await page.reload();
    await waitForMarks(page);
    await new Promise((r) => setTimeout(r, 500));
    expect(count(await markedTexts(page), 'Mexico')).toBe(0);

    // The popup lists the correction; its Undo restores the marks on the open page without a reload.
    const popup = await session.openExtensionPage('popup.html');
    await popup.waitFor('details.rules');
    const listed = await popup.evaluate<string>(`document.querySelector('details.rules').textContent`);
    expect(listed).toContain('Your corrections (1)');
    expect(listed).toContain('Mexico');
    expect(listed).toContain(host);
    await popup.evaluate(`(() => { const d = document.querySelector('details.rules'); d.open = true; d.querySelector('button').click(); })()`);
    await waitUntil(() => markedTexts(page), (m) => count(m, 'Mexico') === mexico, 10_000, '"Mexico" marked again');
    await popup.close();
    await page.close();
  });

  it('an ambiguous name offers its other meanings, told apart by description; choosing one re-links the name', async () => {
    const page = await session.open(seedUrl);
    await waitForMarks(page);
    const card = await openCard(page, 'Washington', 'could also be');
    expect(await cardPart(page, 'h2')).toBe('Washington, D.C.');
    // Same-named meanings carry their descriptions, so the reader can tell the state from the towns.
    await waitForPopoverText(page, 'capital Olympia');
    expect(card).toContain('Washington');
    await clickInCard(page, '', 'button.alt[data-entity="Q1223"]');
    // The card reopens on the chosen meaning, with an Undo.
    await waitUntil(() => cardPart(page, '.description'), (d) => !!d?.includes('State of the United States'), 10_000, 'card on Washington state');
    await waitForPopoverText(page, 'Undo');
    // The page's mark now leads to the state too: close, click it again.
    await page.keyboard('Escape');
    await openCard(page, 'Washington', 'Washington');
    await waitUntil(() => cardPart(page, '.description'), (d) => !!d?.includes('State of the United States'), 10_000, 'mark re-linked to Washington state');
    await page.keyboard('Escape');
    // Undo from the popup's list puts it back to Washington, D.C.
    const popup = await session.openExtensionPage('popup.html');
    await askBackgroundFrom(popup, 'setSettings', { rules: [] });
    await popup.close();
    await new Promise((r) => setTimeout(r, 500));
    await openCard(page, 'Washington', 'Washington');
    await waitUntil(() => cardPart(page, 'h2'), (h) => h === 'Washington, D.C.', 10_000, 'Washington back to Washington, D.C.');
    await page.close();
  });

  it('made no network request beyond the local server', () => {
    expect(session.externalRequests()).toEqual([]);
  });
});
