// npm start: builds the Chrome extension and opens Chromium with it on our sample news page.
// With a display, the browser stays open for you. Without one (a server, CI), it runs headless,
// opens the popover on the first marked entity, saves a screenshot and prints its path.
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, '.output/chrome-mv3');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

console.log('Building the extension…');
execSync('npx wxt build', { cwd: root, stdio: 'inherit' });

const page = readFileSync(join(root, 'data/sample/article.html'));
const server = createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/article')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page);
  } else { res.writeHead(404); res.end(); }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/article.html`;

const headless = !process.env.DISPLAY || process.env.DOSSIER_HEADLESS === '1';
const profile = mkdtempSync(join(tmpdir(), 'dossier-start-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless,
  viewport: { width: 1100, height: 900 },
  args: [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
// Nothing but our sample page may be fetched.
await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
const tab = context.pages()[0] ?? (await context.newPage());
await tab.goto(url);
console.log(`Opened ${url}`);

if (headless) {
  const t0 = Date.now();
  await tab.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('dossier-')), null, { timeout: 30000 });
  console.log(`Entities marked after ${Date.now() - t0} ms (includes the first dataset load).`);
  const box = await tab.evaluate(() => {
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith('dossier-')) continue;
      for (const r of h) {
        if (r.toString() !== 'Eric Holder') continue;
        const b = r.getBoundingClientRect();
        return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
      }
    }
    return null;
  });
  if (box) {
    await tab.mouse.click(box.x, box.y);
    await tab.waitForSelector('dossier-popover >> [role=dialog] h2', { state: 'attached', timeout: 10000 });
    // On a first install the card waits for the records to be read from the package (a few seconds).
    await tab.waitForSelector('dossier-popover >> .description', { state: 'attached', timeout: 20000 }).catch(() => {});
    await tab.waitForTimeout(300);
  }
  const outDir = join(root, '.tmp');
  mkdirSync(outDir, { recursive: true });
  const shot = join(outDir, 'start-screenshot.png');
  await tab.screenshot({ path: shot });
  console.log(`Screenshot of the annotated page with a popover open: ${shot}`);
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
} else {
  console.log('Close the browser window to stop.');
  context.on('close', () => { server.close(); rmSync(profile, { recursive: true, force: true }); process.exit(0); });
}
