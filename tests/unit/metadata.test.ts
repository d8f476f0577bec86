/**
 * Page metadata and article extraction on the 15 fixture pages
 * (../shared/fixtures/pages), parsed with happy-dom's DOMParser, against the
 * expected-metadata.json each page carries. A field is compared only where
 * the file has a value; bylines are compared after collapsing whitespace and
 * dropping a leading "By" (we store "Jane Doe", not "By Jane Doe").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { blockText, extractPage, readMetadata } from '../../utils/dom/page-metadata';

const SHARED = process.env.DOSSIER_SHARED ?? resolve(import.meta.dirname, '../../../shared');
const PAGES_DIR = resolve(SHARED, 'fixtures/pages');
const PAGES = existsSync(PAGES_DIR) ? readdirSync(PAGES_DIR).filter((n) => existsSync(resolve(PAGES_DIR, n, 'expected-metadata.json'))).sort() : [];
const FIELDS = ['title', 'byline', 'publishedTime'] as const;
type Field = (typeof FIELDS)[number];

const windows: Window[] = [];
afterAll(() => { for (const w of windows) void w.happyDOM.close(); });

function parse(html: string, url = 'https://fixture.example/article.html'): Document {
  const win = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  windows.push(win);
  return new win.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const norm = (f: Field, v: unknown) => {
  if (typeof v !== 'string') return v;
  const s = v.replace(/\s+/g, ' ').trim();
  return f === 'byline' ? s.replace(/^by\s+/i, '') : s;
};

interface Tally { compared: number; matched: number; misses: string[] }
const tallies = { extractPage: new Map<Field, Tally>(), readMetadata: new Map<Field, Tally>() };
for (const t of Object.values(tallies)) for (const f of FIELDS) t.set(f, { compared: 0, matched: 0, misses: [] });

describe.skipIf(PAGES.length === 0)('metadata on the fixture pages', () => {
  it.each(PAGES)('%s', (name) => {
    const html = readFileSync(resolve(PAGES_DIR, name, 'source.html'), 'utf8');
    const expected = JSON.parse(readFileSync(resolve(PAGES_DIR, name, 'expected-metadata.json'), 'utf8')) as Record<Field, string | null>;
    const doc = parse(html);
    const before = doc.documentElement.outerHTML.length;
    const got = { extractPage: extractPage(doc), readMetadata: readMetadata(doc) };
    // Readability worked on a clone: the document itself is untouched.
    expect(doc.documentElement.outerHTML.length).toBe(before);
    for (const [kind, value] of Object.entries(got) as [keyof typeof tallies, Record<Field, string | undefined>][]) {
      for (const f of FIELDS) {
        if (expected[f] == null) continue;
        const t = tallies[kind].get(f)!;
        t.compared++;
        if (norm(f, value[f]) === norm(f, expected[f])) t.matched++;
        else t.misses.push(`${name}: ${JSON.stringify(value[f])} ≠ ${JSON.stringify(expected[f])}`);
      }
    }
    expect(got.extractPage.title.length).toBeGreaterThan(0);
  });

  afterAll(() => {
    for (const [kind, t] of Object.entries(tallies)) {
      const line = FIELDS.map((f) => `${f} ${t.get(f)!.matched}/${t.get(f)!.compared}`).join(', ');
      console.log(`[metadata] ${kind}: ${line}`);
      for (const f of FIELDS) for (const m of t.get(f)!.misses) console.log(`[metadata]   ${kind} ${f} miss — ${m}`);
    }
  });

  it('extractPage matches every title, byline and published time the files give, but for cnet (happy-dom drops its body)', () => {
    const t = tallies.extractPage;
    // happy-dom 21 loses cnet's <body> after an inline SVG sprite (checked: 104 of 267 KB survive),
    // so its DOM-only byline cannot be found here; the E2E suite checks cnet in real browsers.
    const allowed = (m: string) => m.startsWith('cnet:');
    for (const f of FIELDS) expect(t.get(f)!.misses.filter((m) => !allowed(m)), f).toEqual([]);
  });
});

describe('readMetadata details', () => {
  it('reads JSON-LD (also inside @graph), drops "By" and URL authors, keeps the canonical URL on the same site', () => {
    const doc = parse(`<html><head><title>Fallback | Site</title>
      <link rel="canonical" href="https://fixture.example/canonical#frag">
      <meta property="article:author" content="https://facebook.com/someone">
      <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"x"},{"@type":"NewsArticle","headline":"Real headline","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],"datePublished":"2024-02-03T04:05:06Z","publisher":{"name":"The Paper"}}]}</script>
      </head><body><p>Hello</p></body></html>`);
    expect(readMetadata(doc)).toMatchObject({ url: 'https://fixture.example/canonical', title: 'Real headline', byline: 'Ann Lee, Bo Chen', publishedTime: '2024-02-03T04:05:06Z', excerpt: 'Hello' });
  });

  it('ignores a canonical on another site and a broken JSON-LD block', () => {
    const doc = parse(`<html><head><title>T</title><link rel="canonical" href="https://elsewhere.example/x"><script type="application/ld+json">{broken</script>
      <meta name="author" content="By  Jane   Doe"></head><body></body></html>`, 'https://fixture.example/a?b=1#c');
    expect(readMetadata(doc)).toMatchObject({ url: 'https://fixture.example/a?b=1', title: 'T', byline: 'Jane Doe', site: 'fixture.example' });
  });

  it('turns an article into one line per block', () => {
    const doc = parse('<div><h1>Head</h1><p>One <b>bold</b>\n  word</p><ul><li>a</li><li>b</li></ul>tail<br>end</div>');
    expect(blockText(doc.querySelector('div')!)).toBe('Head\nOne bold word\na\nb\ntail\nend');
  });
});
