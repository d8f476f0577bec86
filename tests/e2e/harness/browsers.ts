// One interface over headless Chromium (playwright-core) and headless Firefox ESR (puppeteer-core
// over WebDriver BiDi), each with a built extension loaded and no network beyond loopback.
//
// Network: every request to a host that is not 127.0.0.1 / localhost / ::1 is refused and
// recorded; externalRequests() lists them (pages, content scripts, extension pages and the
// extension's background alike).
//   Chromium: context.route() aborts and records page/frame/extension-page requests; Chromium is
//     also started with --proxy-server pointing at a local recording proxy (proxy.ts) that refuses
//     everything, which catches what route() cannot see: requests the extension's service worker
//     makes before Playwright's interception is attached (e.g. a fetch at worker start-up) and
//     WebSockets. Loopback bypasses the proxy (Chromium's implicit rule).
//   Firefox: all HTTP/HTTPS/WS traffic goes through the same kind of recording proxy by prefs
//     (network.proxy.type=1, failover_direct=false; localhost/127.0.0.1 exempt). DoH, prefetch,
//     speculative connections, remote settings (redirected to a dead local port via env
//     MOZ_REMOTE_SETTINGS_DEVTOOLS=1, otherwise the pref is ignored in release builds), telemetry,
//     normandy, captive portal, push, updates etc. are switched off so Firefox itself is quiet.
//   Requests that Firefox or Chromium themselves make (update/sign-in/settings endpoints; none are
//   seen with the flags and prefs below, but a new browser version may add some) are told apart by
//   host only, and only for proxy-level records (never for route records, which always come from
//   a page or the extension): see BROWSER_INTERNAL_HOSTS; they are kept in
//   browserInternalRequests() instead of externalRequests().
import { chromium, type BrowserContext, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type ElementHandle, type Page as PpPage } from 'puppeteer-core';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startRecordingProxy, type RecordingProxy } from './proxy';
import { geckoIdOf, type BrowserName } from './paths';

export type { BrowserName } from './paths';

export interface Page {
  /** A function (serialized with its source; args must be JSON) or an expression string. Promises are awaited. */
  evaluate<T>(fn: string | ((...a: any[]) => T | Promise<T>), ...args: any[]): Promise<T>;
  click(selector: string): Promise<void>;
  /** Waits for a CSS selector (open shadow roots are searched too). Default state 'attached'. */
  waitFor(selector: string, opts?: { timeout?: number; state?: 'attached' | 'visible' }): Promise<void>;
  /** A key or a chord in Playwright syntax: 'Enter', 'Alt+Shift+J', 'Control+a'. */
  keyboard(press: string): Promise<void>;
  mouseClick(x: number, y: number): Promise<void>;
  reload(): Promise<void>;
  url(): string;
  close(): Promise<void>;
  /** Uncaught exceptions and unhandled rejections in the page, as 'TypeError: message'. */
  pageErrors(): string[];
  /** console.error messages, plus the browser's own error messages for the page (blocked loads, CORS). */
  consoleErrors(): string[];
  screenshot(path: string): Promise<void>;
  /** The playwright-core Page (Chromium) or puppeteer-core Page (Firefox). */
  raw: unknown;
}

export interface BrowserSession {
  name: BrowserName;
  /** New tab, waits for the load event. */
  open(url: string): Promise<Page>;
  /** An extension page ('popup.html', 'library.html', '/options.html#x') opened as a tab; waits until loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** chrome-extension://<id> or moz-extension://<uuid> (no trailing slash). */
  extensionOrigin: string;
  /** Every attempted (and refused) request to a non-local host, in order: full URLs, or https://host/ for TLS. */
  externalRequests(): string[];
  /** Proxy-level records attributed to the browser itself (BROWSER_INTERNAL_HOSTS); normally empty. */
  browserInternalRequests(): string[];
  /**
   * Errors from the extension's own contexts (background, extension pages, content scripts):
   * uncaught exceptions and console.error. Chromium: console.error from the service worker and
   * console/page errors whose source is the extension origin (uncaught exceptions inside the
   * service worker are not reported by Playwright). Firefox: read from the browser console
   * service (everything whose source is moz-extension://<uuid>/), so it includes load-time
   * errors of extension pages that Page.pageErrors() can miss there.
   */
  extensionErrors(): string[];
  /** Milliseconds: launch = browser process up; ready = extension loaded and its origin known. */
  timings: { launchMs: number; readyMs: number };
  raw: unknown;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Firefox: the add-on id (default: browser_specific_settings.gecko.id from the manifest). */
  geckoId?: string;
  /** Default true. Headful needs a display. */
  headless?: boolean;
  /** Extra browser arguments. */
  args?: string[];
  /** Firefox: extra prefs. */
  prefs?: Record<string, string | number | boolean>;
  viewport?: { width: number; height: number };
}

export const CHROMIUM_PATH = process.env.DOSSIER_CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.DOSSIER_FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Hosts that the browsers themselves call. Matched as the host or a parent domain. */
export const BROWSER_INTERNAL_HOSTS: Record<BrowserName, string[]> = {
  chromium: [
    'update.googleapis.com',
    'accounts.google.com',
    'clients1.google.com',
    'clients2.google.com',
    'android.clients.google.com', // GCM (push messaging) check-in, made by the browser at start-up
    'clientservices.googleapis.com',
    'optimizationguide-pa.googleapis.com',
    'content-autofill.googleapis.com',
    'safebrowsingohttpgateway.googleapis.com',
    'redirector.gvt1.com',
    'edgedl.me.gvt1.com',
  ],
  firefox: [
    'services.mozilla.com', // settings, push, shavar, location, …
    'cdn.mozilla.net',
    'telemetry.mozilla.org',
    'aus5.mozilla.org',
    'detectportal.firefox.com',
    'mozilla.cloudflare-dns.com',
    'dummy.test', // puppeteer's placeholder host for internal endpoints
  ],
};

const DEFAULT_VIEWPORT = { width: 1280, height: 800 };
/**
 * Temporary profiles are os.tmpdir()/dossier-e2e-[<run id>-]<browser>-XXXXXX. scripts/test-all.mjs
 * sets DOSSIER_E2E_RUN_ID, and after the E2E step ends any browser still running on a profile of
 * its run (a worker that was killed cannot close its browsers) and removes those profiles.
 */
const PROFILE_PREFIX = `dossier-e2e-${process.env.DOSSIER_E2E_RUN_ID ? process.env.DOSSIER_E2E_RUN_ID.replace(/[^\w]/g, '') + '-' : ''}`;
const NAV_TIMEOUT = 30_000;
/** A loopback URL on a port both browsers refuse to connect to: internal endpoints go nowhere. */
const DEAD_URL = 'http://127.0.0.1:9/';

// ---------------------------------------------------------------------------------------------
// Helpers

export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === '127.0.0.1' || h === 'localhost' || h === '::1' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** True when a URL needs the network and is not loopback (http, https, ws, wss only). */
export function isExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!/^(https?|wss?):$/.test(u.protocol)) return false;
  return !isLocalHost(u.hostname);
}

function hostMatches(host: string, list: string[]): boolean {
  return list.some((d) => host === d || host.endsWith('.' + d));
}

/**
 * Drops the browsers' messages about loads that the harness blocked (so a spec can assert
 * "no console errors" on a real page whose ads and trackers were refused).
 */
export function withoutBlockedRequestNoise(messages: string[]): string[] {
  return messages.filter(
    (m) =>
      !/net::ERR_(BLOCKED_BY_CLIENT|PROXY_CONNECTION_FAILED|TUNNEL_CONNECTION_FAILED|FAILED)\b/.test(m) &&
      !/^Cross-Origin Request Blocked: /.test(m) &&
      !/^Loading failed for the <script> with source/.test(m) &&
      !/^The resource at “?.*”? was blocked/.test(m),
  );
}

/** Chromium's id for an unpacked extension: from manifest.key if any, else from the absolute path. */
export function chromiumExtensionId(extensionDir: string): string {
  let input: Buffer;
  try {
    const key = JSON.parse(readFileSync(resolve(extensionDir, 'manifest.json'), 'utf8')).key;
    input = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.from(realpathSync(extensionDir));
  } catch {
    input = Buffer.from(resolve(extensionDir));
  }
  const hex = createHash('sha256').update(input).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

function toExpression(fn: string | ((...a: any[]) => unknown), args: unknown[]): string {
  if (typeof fn === 'string') {
    if (args.length) throw new Error('evaluate(expression string) takes no arguments; pass a function');
    return fn;
  }
  // `__name` is what esbuild-style transpilers insert into functions that keep their names;
  // the page has no such helper, so provide a no-op one.
  return `(() => { const __name = (f) => f; return (${fn.toString()}).apply(null, ${JSON.stringify(args)}); })()`;
}

function fmtError(e: unknown): string {
  if (e instanceof Error) {
    const name = e.name && e.name !== 'Error' ? e.name : '';
    if (name && !e.message.startsWith(name + ':')) return `${name}: ${e.message}`;
    return e.message.startsWith('Error') || name ? e.message : `Error: ${e.message}`;
  }
  return String(e);
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`${what}: timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Last-resort cleanup if a spec forgets close() or the worker exits early: kill browsers we
// started and remove their profiles (synchronously, from an 'exit' handler).
const live = new Set<{ pid?: number; dirs: string[] }>();
let exitHookInstalled = false;
function track(entry: { pid?: number; dirs: string[] }) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const e of live) {
        if (e.pid) {
          try {
            process.kill(e.pid, 'SIGKILL');
          } catch {}
        }
        for (const d of e.dirs) {
          try {
            rmSync(d, { recursive: true, force: true });
          } catch {}
        }
      }
    });
  }
  live.add(entry);
  return entry;
}

async function removeDir(dir: string) {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => {});
}

function assertExtensionDir(dir: string) {
  if (!existsSync(resolve(dir, 'manifest.json'))) throw new Error(`launch: no manifest.json in ${dir}`);
}

export async function launch(name: BrowserName, extensionDir: string, opts: LaunchOptions = {}): Promise<BrowserSession> {
  const dir = resolve(extensionDir);
  assertExtensionDir(dir);
  if (name === 'chromium') return launchChromium(dir, opts);
  if (name === 'firefox') return launchFirefox(dir, opts);
  throw new Error(`launch: unknown browser ${String(name)}`);
}

// ---------------------------------------------------------------------------------------------
// Chromium (playwright-core)

/** "Uncaught …" console lines of the extension's service worker, from Chromium's log file. */
function workerUncaught(logFile: string, workerUrl: string | undefined): string[] {
  if (!workerUrl) return [];
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = /:CONSOLE[:(]\d+\)?\] "(.*)", source: (\S+) \(\d+\)$/.exec(line);
    if (m && m[2] === workerUrl && m[1]!.startsWith('Uncaught')) out.push(m[1]!.replace(/^Uncaught (\(in promise\) )?/, ''));
  }
  return out;
}

function wrapPlaywrightPage(page: PwPage): Page {
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(fmtError(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  return {
    raw: page,
    evaluate: (fn, ...args) => page.evaluate(toExpression(fn, args)) as Promise<any>,
    click: async (selector) => {
      await page.click(selector);
    },
    waitFor: async (selector, o = {}) => {
      await page.waitForSelector(selector, { state: o.state ?? 'attached', timeout: o.timeout });
    },
    keyboard: (press) => page.keyboard.press(press),
    mouseClick: (x, y) => page.mouse.click(x, y),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    url: () => page.url(),
    close: () => page.close(),
    pageErrors: () => [...pageErrors],
    consoleErrors: () => [...consoleErrors],
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
  };
}

async function launchChromium(dir: string, opts: LaunchOptions): Promise<BrowserSession> {
  const t0 = Date.now();
  const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}chromium-`));
  const logFile = join(profile, 'chrome_debug.log');
  const tracked = track({ dirs: [profile] });
  let proxy: RecordingProxy | undefined;
  let context: BrowserContext | undefined;
  const routed: Array<{ url: string; time: number }> = [];
  const extErrors: string[] = [];
  try {
    proxy = await startRecordingProxy();
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: opts.headless ?? true,
      viewport: opts.viewport ?? DEFAULT_VIEWPORT,
      timeout: 90_000, // a first launch on a fresh machine takes ~25 s (font and profile caches)
      args: [
        '--disable-extensions-except=' + dir,
        '--load-extension=' + dir,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        // Everything route() does not see goes to the recording proxy (loopback is exempt).
        `--proxy-server=http://${proxy.hostPort}`,
        // Chromium's own sign-in and component-updater endpoints go to a dead local port.
        `--gaia-url=${DEAD_URL}`,
        `--google-apis-url=${DEAD_URL}`,
        `--component-updater=url-source=${DEAD_URL}`,
        // Console lines of every context go to a log file: the only record of uncaught errors in
        // the extension's service worker from its first moment (Playwright attaches later).
        '--enable-logging',
        `--log-file=${logFile}`,
        ...(opts.args ?? []),
      ],
    });
    const launchMs = Date.now() - t0;
    const ctx = context;

    await ctx.route(
      (url) => isExternalUrl(url.href),
      (route) => {
        routed.push({ url: route.request().url(), time: Date.now() });
        return route.abort('blockedbyclient').catch(() => {});
      },
    );
    await ctx.routeWebSocket(
      (url) => isExternalUrl(url.href),
      (ws) => {
        routed.push({ url: ws.url(), time: Date.now() });
        return ws.close({ code: 1008, reason: 'blocked by the Dossier E2E harness' });
      },
    );

    // Extension id: the host of the extension's service worker; fall back to the id Chromium
    // derives from the path (an extension without a background has no worker).
    const isExtWorker = (u: string) => u.startsWith('chrome-extension://');
    let sw = ctx.serviceWorkers().find((w) => isExtWorker(w.url()));
    if (!sw) {
      sw = await ctx
        .waitForEvent('serviceworker', { predicate: (w) => isExtWorker(w.url()), timeout: 10_000 })
        .catch(() => undefined);
    }
    const id = sw ? new URL(sw.url()).host : chromiumExtensionId(dir);
    const extensionOrigin = `chrome-extension://${id}`;
    const readyMs = Date.now() - t0;

    ctx.on('console', (m) => {
      if (m.type() !== 'error') return;
      const fromExt =
        (m.worker()?.url() ?? '').startsWith(extensionOrigin) ||
        (m.location().url ?? '').startsWith(extensionOrigin) ||
        (m.page()?.url() ?? '').startsWith(extensionOrigin);
      if (fromExt) extErrors.push(m.text());
    });
    ctx.on('weberror', (we) => {
      const e = we.error();
      if ((we.page()?.url() ?? '').startsWith(extensionOrigin) || (e.stack ?? '').includes(extensionOrigin)) {
        extErrors.push(fmtError(e));
      }
    });

    const px = proxy;
    const proxyExternal = () => px.records().filter((r) => !hostMatches(r.host, BROWSER_INTERNAL_HOSTS.chromium));
    let closed = false;
    const newTab = async (url: string) => {
      const page = await ctx.newPage();
      const wrapped = wrapPlaywrightPage(page);
      try {
        await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
      } catch (e) {
        await page.close().catch(() => {});
        throw e;
      }
      return wrapped;
    };
    return {
      name: 'chromium',
      raw: ctx,
      extensionOrigin,
      timings: { launchMs, readyMs },
      open: (url) => newTab(url),
      openExtensionPage: (path) => newTab(`${extensionOrigin}/${path.replace(/^\//, '')}`),
      externalRequests: () =>
        [...routed, ...proxyExternal()].sort((a, b) => a.time - b.time).map((r) => r.url),
      browserInternalRequests: () =>
        px.records().filter((r) => hostMatches(r.host, BROWSER_INTERNAL_HOSTS.chromium)).map((r) => r.url),
      extensionErrors: () => [...workerUncaught(logFile, sw?.url()), ...extErrors],
      close: async () => {
        if (closed) return;
        closed = true;
        await withTimeout(ctx.close(), 15_000, 'chromium close').catch(() => {});
        await px.close();
        await removeDir(profile);
        live.delete(tracked);
      },
    };
  } catch (e) {
    await context?.close().catch(() => {});
    await proxy?.close();
    await removeDir(profile);
    live.delete(tracked);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox (puppeteer-core over WebDriver BiDi)

function firefoxPrefs(proxyPort: number, geckoId: string, uuid: string): Record<string, string | number | boolean> {
  return {
    // Fixed internal UUID so moz-extension://<uuid>/ is known before install.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
    'xpinstall.signatures.required': false,
    // All traffic through the local recording proxy; loopback direct; never fall back to direct.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.socks': '',
    'network.proxy.socks_port': 0,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1, ::1',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.failover_direct': false,
    'network.proxy.socks_remote_dns': true,
    // No DNS of its own: no DoH, no prefetch, no speculative connections.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'captivedetect.canonicalURL': '',
    // Firefox's own background traffic.
    'services.settings.server': DEAD_URL + 'v1', // honoured because of MOZ_REMOTE_SETTINGS_DEVTOOLS=1
    'app.update.auto': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'app.normandy.api_url': '',
    'app.shield.optoutstudies.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.healthreport.uploadEnabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.topsites.contile.enabled': false,
    'browser.urlbar.quicksuggest.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.geoip.url': '',
    'geo.provider.network.url': '',
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'extensions.blocklist.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.certerrors.mitm.priming.enabled': false,
    'network.cookie.cookieBehavior': 0,
  };
}

// Firefox prints every uncaught script error to its output as
// "JavaScript error: <source>, line <n>: <message>", extension ones included (background, content
// scripts, extension pages), whether or not a remote chrome context is available.
const FIREFOX_JS_ERROR = /^JavaScript error: (\S+?), line \d+: (.*)$/;

// Installed in the browser window's chrome context where the browser offers one (BiDi's
// 'moz:scope': 'chrome', needs --remote-allow-system-access; Firefox 140.12 ESR has none): forwards
// console.error calls whose source is an extension to a BiDi channel. Uncaught errors come from
// the process output instead (see FIREFOX_JS_ERROR), which every Firefox build prints.
const CHROME_COLLECTOR = `(send) => {
  if (globalThis.__dossierHarnessCollector) return 'present';
  const post = (o) => { try { send(JSON.stringify(o)); } catch (e) {} };
  const observer = { observe(subject) {
    try {
      const e = subject.wrappedJSObject;
      if (!e || e.level !== 'error') return;
      const src = e.filename || '';
      if (!src.startsWith('moz-extension://') && !e.addonId) return;
      const fmt = (v) => { try { if (v && typeof v === 'object' && 'message' in v) return (v.name ? v.name + ': ' : '') + v.message; if (v && typeof v === 'object') return JSON.stringify(v); } catch (x) {} return String(v); };
      post({ kind: 'console', text: (e.arguments || []).map(fmt).join(' '), source: src, addonId: e.addonId || '' });
    } catch (x) {}
  } };
  Services.obs.addObserver(observer, 'console-api-log-event');
  globalThis.__dossierHarnessCollector = { observer };
  return 'installed';
}`;

// Installed into Firefox extension pages (BiDi sends no log events for moz-extension documents).
const PAGE_COLLECTOR = `(() => {
  if (window.__dossierHarness) return false;
  const h = (window.__dossierHarness = { pageErrors: [], consoleErrors: [] });
  const fmt = (v) => { try { if (v instanceof Error) return v.name + ': ' + v.message; if (v && typeof v === 'object') return JSON.stringify(v); } catch (e) {} return String(v); };
  const orig = console.error;
  console.error = function (...a) { h.consoleErrors.push(a.map(fmt).join(' ')); return orig.apply(this, a); };
  addEventListener('error', (e) => h.pageErrors.push(e.error !== undefined && e.error !== null ? fmt(e.error) : String(e.message)));
  addEventListener('unhandledrejection', (e) => h.pageErrors.push(fmt(e.reason)));
  return true;
})()`;
const PAGE_DRAIN = `(() => {
  const h = window.__dossierHarness;
  return { href: location.href, state: document.readyState, h: h ? { p: h.pageErrors.splice(0), c: h.consoleErrors.splice(0) } : null };
})()`;

const DEEP_QUERY = `(selector, visible) => {
  const isVisible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const find = (root) => {
    for (const el of root.querySelectorAll(selector)) if (!visible || isVisible(el)) return el;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n; n = walker.nextNode()) {
      if (n.shadowRoot) { const hit = find(n.shadowRoot); if (hit) return hit; }
    }
    return null;
  };
  return find(document);
}`;

/** Firefox reports uncaught exceptions and some network/security errors through the same BiDi log type. */
function isExceptionText(text: string): boolean {
  return /^(uncaught exception: |(?:[A-Z][\w$]*)?(?:Error|Exception)\b)/.test(text);
}

function splitKeys(press: string): { mods: string[]; key: string } {
  const parts = press.split(/\+(?=.)/);
  const key = parts.pop()!;
  const mods = parts.map((m) => (m === 'ControlOrMeta' ? 'Control' : m));
  return { mods, key };
}

interface PuppeteerPageOptions {
  extensionPage: boolean;
  initialUrl?: string;
  /** console.error seen by the in-page collector of an extension page. */
  onExtensionError?: (text: string) => void;
}

type PuppeteerWrapped = Page & { _goto(url: string): Promise<void>; _stop(): void };

function wrapPuppeteerPage(page: PpPage, opts: PuppeteerPageOptions): PuppeteerWrapped {
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  let knownUrl = opts.initialUrl;
  let closed = false;
  // Selectors: CSS, searched in the document and then in every open shadow root (what Playwright's
  // CSS engine does for simple selectors; a selector spanning a shadow boundary is not supported).
  const query = (selector: string, visible: boolean) => `(${DEEP_QUERY})(${JSON.stringify(selector)}, ${visible})`;
  const waitForElement = async (selector: string, visible: boolean, timeout = NAV_TIMEOUT) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        if (await page.evaluate(query(selector, visible) + ' !== null')) return;
      } catch {
        // navigating: the next poll runs in the new document
      }
      if (Date.now() > deadline) {
        throw new Error(`waitFor(${JSON.stringify(selector)}${visible ? ', visible' : ''}): not found in ${timeout} ms`);
      }
      await sleep(100);
    }
  };

  page.on('pageerror', (e) => {
    const text = e instanceof Error ? e.message : String(e);
    (isExceptionText(text) ? pageErrors : consoleErrors).push(text);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  // Extension pages: inject the collector, then drain it every 200 ms and after every action.
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  const drain = async () => {
    if (!opts.extensionPage || closed) return;
    if (draining) return draining;
    draining = (async () => {
      try {
        const r = (await page.evaluate(PAGE_DRAIN)) as { href: string; state: string; h: { p: string[]; c: string[] } | null };
        knownUrl = r.href;
        if (r.h) {
          pageErrors.push(...r.h.p);
          consoleErrors.push(...r.h.c);
          for (const c of r.h.c) opts.onExtensionError?.(c);
        } else if (r.href !== 'about:blank') {
          await page.evaluate(PAGE_COLLECTOR);
        }
      } catch {
        // navigating or closed: try again next tick
      } finally {
        draining = undefined;
      }
    })();
    return draining;
  };
  if (opts.extensionPage) {
    timer = setInterval(() => void drain(), 200);
    timer.unref();
  }
  const after = async <T>(p: Promise<T>): Promise<T> => {
    const v = await p;
    await drain();
    return v;
  };

  const waitForDocument = async (url: string | null, previousMark: string | null, timeout = NAV_TIMEOUT) => {
    const deadline = Date.now() + timeout;
    for (;;) {
      try {
        const r = (await page.evaluate(
          `({ href: location.href, uri: document.documentURI, state: document.readyState, mark: window.__dossierHarnessMark ?? null })`,
        )) as { href: string; uri: string; state: string; mark: string | null };
        if (/^about:(neterror|certerror|blocked)/.test(r.uri)) throw new Error(`firefox: error page for ${url ?? r.href}: ${r.uri.slice(0, 120)}`);
        const urlOk = url === null ? r.href !== 'about:blank' : r.href === url || r.href.startsWith(url.split('#')[0]!);
        if (urlOk && r.state === 'complete' && (previousMark === null || r.mark !== previousMark)) {
          knownUrl = r.href;
          break;
        }
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('firefox: error page')) throw e;
        // the old document went away mid-evaluate
      }
      if (Date.now() > deadline) throw new Error(`firefox: ${url ?? 'page'} did not finish loading in ${timeout} ms`);
      await sleep(50);
    }
    if (opts.extensionPage) await page.evaluate(PAGE_COLLECTOR).catch(() => {});
  };

  // Firefox's BiDi navigate (browsingContext.navigate) fails with e.g. "Address rejected" when a
  // *subframe* ends on an error page, which every refused third-party iframe does here; the top
  // document loads fine. So on a navigation error, check the top document before giving up.
  const navigateWeb = async (go: () => Promise<unknown>, url: string | null) => {
    const t0 = Date.now();
    try {
      await go();
    } catch (e) {
      try {
        await waitForDocument(url, null, Math.max(5_000, NAV_TIMEOUT - (Date.now() - t0)));
      } catch {
        throw e;
      }
    }
  };

  const wrapped: PuppeteerWrapped = {
    raw: page,
    evaluate: (fn, ...args) => after(page.evaluate(toExpression(fn, args)) as Promise<any>),
    click: async (selector) => {
      await waitForElement(selector, true);
      const handle = await page.evaluateHandle(query(selector, true));
      try {
        const el = handle.asElement() as ElementHandle<Element> | null;
        if (!el) throw new Error(`click(${JSON.stringify(selector)}): element went away`);
        await el.click();
      } finally {
        await handle.dispose().catch(() => {});
      }
      await drain();
    },
    waitFor: async (selector, o = {}) => {
      await waitForElement(selector, o.state === 'visible', o.timeout ?? NAV_TIMEOUT);
      await drain();
    },
    keyboard: async (press) => {
      const { mods, key } = splitKeys(press);
      for (const m of mods) await page.keyboard.down(m as any);
      await page.keyboard.press(key as any);
      for (const m of [...mods].reverse()) await page.keyboard.up(m as any);
      await drain();
    },
    mouseClick: (x, y) => after(page.mouse.click(x, y)),
    reload: async () => {
      if (!opts.extensionPage) {
        const url = page.url();
        await navigateWeb(() => page.reload({ waitUntil: 'load', timeout: NAV_TIMEOUT }), url);
        return;
      }
      // page.reload() never resolves on moz-extension pages (no load event over BiDi).
      await drain();
      const mark = randomUUID();
      await page.evaluate(`window.__dossierHarnessMark = ${JSON.stringify(mark)}; setTimeout(() => location.reload(), 0)`);
      await waitForDocument(null, mark);
    },
    url: () => (opts.extensionPage && knownUrl ? knownUrl : page.url()),
    close: async () => {
      if (closed) return;
      await drain();
      closed = true;
      clearInterval(timer);
      await withTimeout(page.close(), 10_000, 'firefox page close').catch(() => {});
    },
    pageErrors: () => [...pageErrors],
    consoleErrors: () => [...consoleErrors],
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    _stop() {
      closed = true;
      clearInterval(timer);
    },
    async _goto(url: string) {
      if (!opts.extensionPage) return navigateWeb(() => page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT }), url);
      // page.goto() to moz-extension:// commits but never sees a load event: don't await it.
      page.goto(url, { timeout: NAV_TIMEOUT }).catch(() => {});
      await waitForDocument(url, null);
    },
  };
  return wrapped;
}

/** Feeds each "JavaScript error:" line of the browser's stdout and stderr to onError. */
function collectScriptErrors(
  proc: ReturnType<PpBrowser['process']>,
  onError: (text: string, source: string) => void,
): void {
  for (const stream of [proc?.stdout, proc?.stderr]) {
    if (!stream) continue;
    let rest = '';
    stream.on('data', (chunk: Buffer | string) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const m = FIREFOX_JS_ERROR.exec(line.trimEnd());
        if (m) onError(m[2]!, m[1]!);
      }
    });
  }
}

async function launchFirefox(dir: string, opts: LaunchOptions): Promise<BrowserSession> {
  const t0 = Date.now();
  const geckoId = opts.geckoId ?? geckoIdOf(dir);
  if (!geckoId) {
    throw new Error(`launch firefox: ${dir}/manifest.json has no browser_specific_settings.gecko.id; pass opts.geckoId`);
  }
  const uuid = randomUUID();
  const profile = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}firefox-`));
  const tracked = track({ dirs: [profile] });
  let proxy: RecordingProxy | undefined;
  let browser: PpBrowser | undefined;
  const extErrors: Array<{ text: string; source: string; addonId: string }> = [];
  try {
    proxy = await startRecordingProxy();
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: FIREFOX_PATH,
      headless: opts.headless ?? true,
      userDataDir: profile,
      args: ['--remote-allow-system-access', ...(opts.args ?? [])],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
      extraPrefsFirefox: { ...firefoxPrefs(proxy.port, geckoId, uuid), ...(opts.prefs ?? {}) },
      defaultViewport: opts.viewport ?? DEFAULT_VIEWPORT,
      timeout: 90_000, // a first launch on a fresh machine takes ~25 s (font and profile caches)
      dumpio: !!process.env.DOSSIER_E2E_DEBUG,
    });
    tracked.pid = browser.process()?.pid;
    const launchMs = Date.now() - t0;
    const b = browser;
    collectScriptErrors(b.process(), (text, source) => extErrors.push({ text, source, addonId: '' }));

    // The chrome-context collector for the extension's own errors (background included).
    const conn = (b as any).connection as {
      send(method: string, params: unknown): Promise<{ result: any }>;
      on(event: string, cb: (params: any) => void): void;
    };
    const channel = `dossier-harness-${uuid}`;
    conn.on('script.message', (p: any) => {
      if (p?.channel !== channel || p.data?.type !== 'string') return;
      try {
        const m = JSON.parse(p.data.value);
        extErrors.push({ text: String(m.text), source: String(m.source ?? ''), addonId: String(m.addonId ?? '') });
      } catch {}
    });
    let chromeContext: string | undefined;
    try {
      // On a loaded machine the main window may not be listed yet: wait for it (up to ~3 s)
      // rather than attach the collector to another chrome context and miss start-up errors.
      for (let attempt = 0; attempt < 15 && !chromeContext; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 200));
        const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
        const contexts: Array<{ url: string; context: string }> = tree.result.contexts;
        chromeContext = contexts.find((c) => /browser\.xhtml$/.test(c.url))?.context;
        // A build without chrome scope answers with the content tree: stop waiting for a window.
        if (contexts.length && !contexts.some((c) => c.url.startsWith('chrome://'))) break;
      }
      if (chromeContext) {
        await conn.send('script.callFunction', {
          functionDeclaration: CHROME_COLLECTOR,
          target: { context: chromeContext },
          awaitPromise: false,
          arguments: [{ type: 'channel', value: { channel, ownership: 'none' } }],
        });
      }
    } catch {
      chromeContext = undefined; // extensionErrors() stays empty; the rest works
    }

    const installedId = await b.installExtension(dir);
    // Confirm the UUID from the browser itself (the pref is only a request).
    let host = uuid;
    if (chromeContext) {
      try {
        const r = await conn.send('script.evaluate', {
          expression: `WebExtensionPolicy.getByID(${JSON.stringify(installedId)})?.mozExtensionHostname ?? ''`,
          target: { context: chromeContext },
          awaitPromise: false,
        });
        if (r.result?.result?.value) host = r.result.result.value;
      } catch {}
    }
    const extensionOrigin = `moz-extension://${host}`;
    const readyMs = Date.now() - t0;

    const px = proxy;
    const isInternal = (h: string) => hostMatches(h, BROWSER_INTERNAL_HOSTS.firefox);
    const onExtensionError = (text: string) => extErrors.push({ text, source: `${extensionOrigin}/`, addonId: '' });
    let closed = false;
    const pages = new Set<PuppeteerWrapped>();
    const newTab = async (url: string) => {
      const page = await b.newPage();
      const ext = url.startsWith('moz-extension://');
      const wrapped = wrapPuppeteerPage(page, { extensionPage: ext, initialUrl: ext ? url : undefined, onExtensionError });
      pages.add(wrapped);
      try {
        await wrapped._goto(url);
      } catch (e) {
        await wrapped.close().catch(() => {});
        throw e;
      }
      return wrapped;
    };
    return {
      name: 'firefox',
      raw: b,
      extensionOrigin,
      timings: { launchMs, readyMs },
      open: (url) => newTab(url),
      openExtensionPage: (path) => newTab(`${extensionOrigin}/${path.replace(/^\//, '')}`),
      externalRequests: () => px.records().filter((r) => !isInternal(r.host)).map((r) => r.url),
      browserInternalRequests: () => px.records().filter((r) => isInternal(r.host)).map((r) => r.url),
      extensionErrors: () =>
        extErrors
          .filter((e) => e.source.startsWith(extensionOrigin + '/') || (e.addonId !== '' && e.addonId === installedId))
          .map((e) => e.text),
      close: async () => {
        if (closed) return;
        closed = true;
        for (const p of pages) p._stop();
        const proc = b.process();
        await withTimeout(b.close(), 15_000, 'firefox close').catch(() => {
          proc?.kill('SIGKILL');
        });
        await px.close();
        await removeDir(profile);
        live.delete(tracked);
      },
    };
  } catch (e) {
    const proc = browser?.process();
    await (browser ? withTimeout(browser.close(), 10_000, 'firefox close') : Promise.resolve()).catch(() => proc?.kill('SIGKILL'));
    await proxy?.close();
    await removeDir(profile);
    live.delete(tracked);
    throw e;
  }
}
