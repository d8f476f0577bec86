// A throwaway minimal extension used by the harness self-test (tests/e2e/harness.e2e.test.ts).
// Two folders are generated, one manifest each (Chromium: MV3 service_worker; Firefox: MV3
// background.scripts + browser_specific_settings.gecko), with the same scripts:
//   content.js  registers CSS.highlights 'harness-test' over the first word of <h1>, marks
//               <html data-harness-cs>, logs one console.error, fetches https://example.com/,
//               throws one uncaught error
//   bg.js       logs one console.error, throws one uncaught error, fetches
//               https://example.net/harness-background (a request of the extension's own background)
//   popup.html  <p id=ok>ok</p> + popup.js: sets body[data-ready], logs one console.error,
//               fetches https://example.org/harness-popup; after 1 s logs another console.error
//               and throws a TypeError
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TMP_DIR } from './paths';

export const HARNESS_GECKO_ID = 'harness-test@dossier.example';
export const HARNESS_CONSOLE_ERROR = 'harness content script console.error';
export const HARNESS_CS_UNCAUGHT = 'harness content script uncaught';
export const HARNESS_BG_CONSOLE_ERROR = 'harness background console.error';
export const HARNESS_BG_UNCAUGHT = 'harness background uncaught';
export const HARNESS_POPUP_CONSOLE_ERROR = 'harness popup console.error';
export const HARNESS_POPUP_LATE_ERROR = 'harness popup late uncaught';
export const HARNESS_POPUP_LATE_CONSOLE_ERROR = 'harness popup late console.error';

const CONTENT_JS = `
(() => {
  const h1 = document.querySelector('h1');
  const text = h1 && h1.firstChild;
  if (text && text.nodeType === Node.TEXT_NODE) {
    const m = /\\S+/.exec(text.data);
    if (m) {
      const range = new Range();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      CSS.highlights.set('harness-test', new Highlight(range));
    }
  }
  document.documentElement.dataset.harnessCs = '1';
  console.error(${JSON.stringify(HARNESS_CONSOLE_ERROR)});
  fetch('https://example.com/').catch(() => {});
  setTimeout(() => { throw new Error(${JSON.stringify(HARNESS_CS_UNCAUGHT)}); }, 0);
})();
`;

const BG_JS = `
console.error(${JSON.stringify(HARNESS_BG_CONSOLE_ERROR)});
setTimeout(() => { throw new Error(${JSON.stringify(HARNESS_BG_UNCAUGHT)}); }, 0);
fetch('https://example.net/harness-background').catch(() => {});
`;

const POPUP_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>harness popup</title></head>
<body><p id=ok>ok</p><script src="popup.js"></script></body></html>
`;

const POPUP_JS = `
document.body.dataset.ready = '1';
console.error(${JSON.stringify(HARNESS_POPUP_CONSOLE_ERROR)});
setTimeout(() => {
  console.error(${JSON.stringify(HARNESS_POPUP_LATE_CONSOLE_ERROR)});
  throw new TypeError(${JSON.stringify(HARNESS_POPUP_LATE_ERROR)});
}, 1000);
fetch('https://example.org/harness-popup').catch(() => {});
`;

function manifest(browser: 'chromium' | 'firefox') {
  return {
    manifest_version: 3,
    name: 'Dossier E2E harness test',
    version: '0.0.1',
    action: { default_popup: 'popup.html' },
    content_scripts: [
      { matches: ['http://127.0.0.1/*', 'http://localhost/*'], js: ['content.js'], run_at: 'document_idle' },
    ],
    ...(browser === 'chromium'
      ? { background: { service_worker: 'bg.js' } }
      : {
          background: { scripts: ['bg.js'] },
          browser_specific_settings: {
            gecko: { id: HARNESS_GECKO_ID, data_collection_permissions: { required: ['none'] } },
          },
        }),
  };
}

/** Writes .tmp/harness-ext/{chromium,firefox}/ and returns both folders. */
export function buildHarnessExtension(root = resolve(TMP_DIR, 'harness-ext')): Record<'chromium' | 'firefox', string> {
  const out = { chromium: resolve(root, 'chromium'), firefox: resolve(root, 'firefox') };
  for (const browser of ['chromium', 'firefox'] as const) {
    const dir = out[browser];
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, 'manifest.json'), JSON.stringify(manifest(browser), null, 2));
    writeFileSync(resolve(dir, 'content.js'), CONTENT_JS);
    writeFileSync(resolve(dir, 'bg.js'), BG_JS);
    writeFileSync(resolve(dir, 'popup.html'), POPUP_HTML);
    writeFileSync(resolve(dir, 'popup.js'), POPUP_JS);
  }
  return out;
}
