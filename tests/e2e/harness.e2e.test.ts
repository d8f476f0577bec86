// Self-test of the E2E harness (tests/e2e/harness): a throwaway extension, not Dossier, in every
// browser of DOSSIER_BROWSERS. If this fails, the Dossier specs cannot be trusted either.
import { request } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browsersToTest,
  launch,
  startServer,
  TMP_DIR,
  withoutBlockedRequestNoise,
  type BrowserSession,
  type FixtureServer,
} from './harness';
import {
  buildHarnessExtension,
  HARNESS_BG_UNCAUGHT,
  HARNESS_CONSOLE_ERROR,
  HARNESS_CS_UNCAUGHT,
  HARNESS_POPUP_LATE_CONSOLE_ERROR,
  HARNESS_POPUP_LATE_ERROR,
} from './harness/testExtension';

function rawGet(origin: string, path: string): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(origin);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let v = await read();
  while (!ok(v) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

let server: FixtureServer;
let ext: Record<'chromium' | 'firefox', string>;

beforeAll(async () => {
  ext = buildHarnessExtension();
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('fixture server', () => {
  it('serves seed and fixture pages as UTF-8 HTML', async () => {
    const seed = await rawGet(server.origin, '/seed/article.html');
    expect(seed.status).toBe(200);
    expect(seed.type).toBe('text/html; charset=utf-8');
    expect(seed.body).toContain('<h1>');
    const ny = await rawGet(server.origin, '/pages/nytimes-1/source.html');
    expect(ny.status).toBe(200);
    expect(ny.type).toBe('text/html; charset=utf-8');
    const meta = await rawGet(server.origin, '/pages/nytimes-1/expected-metadata.json');
    expect(meta.type).toMatch(/^application\/json/);
  });

  it('serves in-memory pages and refuses paths outside the mounts', async () => {
    const url = server.addPage('/gen/x.html', '<p>é</p>');
    expect(url).toBe(`${server.origin}/gen/x.html`);
    const page = await rawGet(server.origin, '/gen/x.html');
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toBe('<p>é</p>');
    expect((await rawGet(server.origin, '/seed/..%2f..%2fdocs%2fTOOLCHAIN.md')).status).toBe(403);
    expect((await rawGet(server.origin, '/seed/nope.html')).status).toBe(404);
    expect((await rawGet(server.origin, '/elsewhere')).status).toBe(404);
  });
});

describe.each(browsersToTest())('%s', (name) => {
  let s: BrowserSession | undefined;
  const session = () => {
    if (!s) throw new Error(`${name} did not launch`);
    return s;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    s = await launch(name, ext[name]);
    console.log(
      `[harness] ${name}: launch ${s.timings.launchMs} ms, extension ready ${s.timings.readyMs} ms ` +
        `(total ${Date.now() - t0} ms), origin ${s.extensionOrigin}`,
    );
  });
  afterAll(async () => {
    const t0 = Date.now();
    await s?.close();
    if (s) console.log(`[harness] ${name}: close ${Date.now() - t0} ms`);
  });

  it('knows the extension origin', () => {
    const re = name === 'chromium' ? /^chrome-extension:\/\/[a-p]{32}$/ : /^moz-extension:\/\/[0-9a-f-]{36}$/;
    expect(session().extensionOrigin).toMatch(re);
  });

  it("runs the content script; its CSS highlight is visible from the page's main world", async () => {
    const page = await session().open(server.url('/seed/article.html'));
    try {
      await page.waitFor('html[data-harness-cs]');
      const keys = await page.evaluate<string[]>('[...CSS.highlights.keys()]');
      expect(keys).toContain('harness-test');
      const word = await page.evaluate(
        (key: string) => {
          const hl = CSS.highlights.get(key) as unknown as Set<Range> | undefined;
          return hl ? [...hl].map((r) => r.toString()).join('|') : null;
        },
        'harness-test',
      );
      expect(word).toBe('Mexican');
      expect(page.url()).toBe(server.url('/seed/article.html'));
      expect(await eventually(() => page.consoleErrors(), (c) => c.includes(HARNESS_CONSOLE_ERROR))).toContain(
        HARNESS_CONSOLE_ERROR,
      );
      // Content-script exceptions count as the page's (both browsers report them on the tab).
      const pe = await eventually(() => page.pageErrors(), (p) => p.includes(`Error: ${HARNESS_CS_UNCAUGHT}`));
      expect(pe).toContain(`Error: ${HARNESS_CS_UNCAUGHT}`);
    } finally {
      await page.close();
    }
  });

  it('opens popup.html as a tab', async () => {
    const t0 = Date.now();
    const page = await session().openExtensionPage('popup.html');
    try {
      await page.waitFor('#ok', { state: 'visible' });
      console.log(`[harness] ${name}: popup.html ready in ${Date.now() - t0} ms`);
      expect(await page.evaluate(() => document.querySelector('#ok')?.textContent)).toBe('ok');
      expect(await page.evaluate(() => document.body.dataset.ready)).toBe('1');
      expect(page.url()).toBe(`${session().extensionOrigin}/popup.html`);
      // A late uncaught error is caught in both browsers (in Firefox by the in-page collector).
      const errs = await eventually(() => page.pageErrors(), (p) => p.some((e) => e.includes(HARNESS_POPUP_LATE_ERROR)));
      expect(errs).toContain(`TypeError: ${HARNESS_POPUP_LATE_ERROR}`);
    } finally {
      await page.close();
    }
  });

  it('blocks and records external requests from the content script, background and extension pages', async () => {
    const urls = await eventually(
      () => session().externalRequests(),
      (u) => ['example.com', 'example.net', 'example.org'].every((h) => u.some((x) => new URL(x).hostname === h)),
    );
    const hosts = urls.map((u) => new URL(u).hostname);
    expect(hosts).toContain('example.com'); // content script
    expect(hosts).toContain('example.net'); // background (service worker / background script)
    expect(hosts).toContain('example.org'); // extension page
    expect(hosts.every((h) => !['127.0.0.1', 'localhost'].includes(h))).toBe(true);
    const internal = session().browserInternalRequests();
    if (internal.length) console.log(`[harness] ${name}: browser-internal requests: ${internal.join(', ')}`);
  });

  it("collects the extension's own errors (background included)", async () => {
    const want = [
      `Error: ${HARNESS_BG_UNCAUGHT}`, // background, at start-up
      `TypeError: ${HARNESS_POPUP_LATE_ERROR}`, // extension page
      HARNESS_POPUP_LATE_CONSOLE_ERROR, // extension page, console.error after load
      `Error: ${HARNESS_CS_UNCAUGHT}`, // content script
    ];
    const errs = await eventually(
      () => session().extensionErrors(),
      (e) => want.every((w) => e.includes(w)),
    );
    for (const w of want) expect(errs).toContain(w);
    // Not captured by design (see browsers.ts): console.error in the background before launch()
    // returns (Chromium) or at any time (Firefox), and extension pages' console.error while they load (Firefox).
    console.log(`[harness] ${name}: extensionErrors(): ${JSON.stringify(errs)}`);
  });

  it('drives a page: evaluate with arguments, click, keyboard, mouse, reload, screenshot', async () => {
    server.addPage(
      '/gen/drive.html',
      `<!doctype html><title>drive</title><h1>Drive test</h1>
      <button id=b style="position:absolute;left:10px;top:100px;width:100px;height:40px">b</button>
      <input id=i style="position:absolute;left:10px;top:200px">
      <div id=host></div>
      <script>
        window.clicks = 0; window.keys = [];
        document.getElementById('b').addEventListener('click', () => window.clicks++);
        addEventListener('keydown', (e) => ['Alt', 'Shift', 'Control', 'Meta'].includes(e.key) || window.keys.push((e.altKey ? 'Alt+' : '') + (e.shiftKey ? 'Shift+' : '') + e.key));
        document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML = '<span class="inner">shadow</span>';
        window.loads = (Number(sessionStorage.getItem('loads')) || 0) + 1; sessionStorage.setItem('loads', window.loads);
        setTimeout(() => { throw new RangeError('drive page error'); }, 0);
        console.error('drive console error');
      </script>`,
    );
    const page = await session().open(server.url('/gen/drive.html'));
    try {
      expect(await page.evaluate((a: number, b: { c: string }) => a + b.c.length, 40, { c: 'ab' })).toBe(42);
      expect(await page.evaluate(async () => 'async ok')).toBe('async ok');
      await page.click('#b');
      expect(await page.evaluate(() => (window as any).clicks)).toBe(1);
      await page.mouseClick(60, 120);
      expect(await page.evaluate(() => (window as any).clicks)).toBe(2);
      await page.waitFor('span.inner'); // inside an open shadow root
      await page.click('#i');
      await page.keyboard('x');
      await page.keyboard('Alt+Shift+J');
      expect(await page.evaluate(() => (document.getElementById('i') as HTMLInputElement).value)).toBe('x');
      expect(await page.evaluate(() => (window as any).keys)).toEqual(['x', 'Alt+Shift+J']);
      const pe = await eventually(() => page.pageErrors(), (p) => p.length > 0);
      expect(pe).toContain('RangeError: drive page error');
      expect(page.consoleErrors()).toContain('drive console error');
      await page.reload();
      expect(await page.evaluate(() => (window as any).loads)).toBe(2);
      const shot = resolve(TMP_DIR, `harness-${name}.png`);
      await page.screenshot(shot);
      expect(existsSync(shot) && statSync(shot).size > 1000).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('opens a real fixture page (no meta charset) as UTF-8 with its own scripts failing offline', async () => {
    const t0 = Date.now();
    const page = await session().open(server.url('/pages/nytimes-1/source.html'));
    try {
      console.log(`[harness] ${name}: nytimes-1 loaded in ${Date.now() - t0} ms`);
      expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
      await page.waitFor('html[data-harness-cs]');
      const before = session().externalRequests().length;
      expect(before).toBeGreaterThan(3); // the page's ads and trackers, refused
      console.log(
        `[harness] ${name}: nytimes-1 page errors ${page.pageErrors().length}, console errors ` +
          `${page.consoleErrors().length} (${withoutBlockedRequestNoise(page.consoleErrors()).length} without blocked-load noise)`,
      );
    } finally {
      await page.close();
    }
  });
});
