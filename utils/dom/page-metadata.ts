/**
 * What a saved page keeps from the document: canonical URL, title, site,
 * byline, published time, excerpt, and the article's plain text.
 *
 * Two sources, in order of trust: @mozilla/readability (run on a clone, since
 * it rewrites the tree it is given) for the article and the fields it reads,
 * then our own reading of the page's metadata (JSON-LD, meta tags, microdata)
 * for whatever Readability left empty or could not find (it gives up on
 * pages without an article-shaped region). Nothing here renders page text.
 */
import { Readability } from '@mozilla/readability';

export interface PageMetadata {
  url: string;
  title: string;
  site: string;
  byline?: string;
  publishedTime?: string;
  excerpt: string;
}

export interface ExtractedPage extends PageMetadata {
  /** The article's plain text, blocks separated by newlines; '' when no article was found. */
  text: string;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

function meta(doc: Document, ...selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const v = clean(doc.querySelector<HTMLMetaElement>(selector)?.getAttribute('content'));
    if (v) return v;
  }
  return undefined;
}

/** The canonical URL if the page gives a usable one, else the address without its fragment. */
export function canonicalUrl(doc: Document): string {
  const here = new URL(doc.location.href);
  here.hash = '';
  const candidates = [
    doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href'),
    meta(doc, 'meta[property="og:url"]'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const u = new URL(c, here);
      // A canonical on another site is a syndication hint, not this page's address.
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === here.hostname) { u.hash = ''; return u.href; }
    } catch { /* ignore malformed */ }
  }
  return here.href;
}

// --- JSON-LD: the most reliable source where a site provides it ---

const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage)$/;

interface LdArticle { headline?: string; author?: string; datePublished?: string; publisher?: string }

function names(v: unknown): string[] {
  if (typeof v === 'string') return /^https?:\/\//.test(v) ? [] : [clean(v)];
  if (Array.isArray(v)) return v.flatMap(names);
  if (v && typeof v === 'object') return names((v as { name?: unknown }).name);
  return [];
}

function ldObjects(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) visit(o['@graph']);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    // Some sites wrap JSON-LD in CDATA markers; a broken block is skipped, not fatal.
    try { visit(JSON.parse((script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''))); } catch { /* skip */ }
  }
  return out;
}

function readJsonLd(doc: Document): LdArticle {
  for (const o of ldObjects(doc)) {
    const types = ([] as unknown[]).concat(o['@type'] ?? []).filter((t): t is string => typeof t === 'string');
    if (!types.some((t) => ARTICLE_TYPES.test(t))) continue;
    const str = (k: string) => (typeof o[k] === 'string' ? clean(o[k] as string) : undefined);
    const authors = names(o.author);
    return {
      headline: str('headline') ?? str('name'),
      author: authors.length ? authors.join(', ') : undefined,
      datePublished: str('datePublished'),
      publisher: names(o.publisher)[0],
    };
  }
  return {};
}

// --- byline in the DOM (microdata and the usual class names) ---

function domByline(doc: Document): string | undefined {
  const candidates = [
    '[itemprop="author"] [itemprop="name"]',
    '[rel="author"]',
    '[itemprop="author"]',
    '.byline .author',
    '.byline',
    '.author',
  ];
  for (const sel of candidates) {
    for (const el of doc.querySelectorAll(sel)) {
      const t = clean(el.textContent);
      // A byline is a name or two, not a paragraph.
      if (t && t.length < 100) return t;
    }
  }
  return undefined;
}

/** "By Jane Doe" → "Jane Doe": the byline is the people, not the preposition. */
function tidyByline(s: string | undefined): string | undefined {
  const t = clean(s).replace(/^by\s+/i, '');
  return t || undefined;
}

/** Page metadata from meta tags, JSON-LD and microdata (no article extraction). */
export function readMetadata(doc: Document): PageMetadata {
  const ld = readJsonLd(doc);
  const title = ld.headline
    ?? meta(doc, 'meta[name="dc.title" i]', 'meta[name="dcterm:title" i]', 'meta[property="og:title"]', 'meta[name="twitter:title"]', 'meta[property="twitter:title"]', 'meta[name="parsely-title"]')
    ?? clean(doc.title);
  const site = meta(doc, 'meta[property="og:site_name"]') ?? ld.publisher ?? doc.location.hostname.replace(/^www\./, '');
  const articleAuthor = meta(doc, 'meta[property="article:author"]');
  const byline =
    ld.author ??
    meta(doc, 'meta[name="author"]', 'meta[name="dc.creator" i]', 'meta[name="parsely-author"]', 'meta[name="byl"]') ??
    (articleAuthor && !/^https?:\/\//.test(articleAuthor) ? articleAuthor : undefined) ??
    domByline(doc);
  const publishedTime =
    ld.datePublished ??
    meta(doc, 'meta[property="article:published_time"]', 'meta[name="parsely-pub-date"]', 'meta[itemprop="datePublished"]', 'meta[name="date"]', 'meta[name="dc.date" i]', 'meta[name="pdate"]') ??
    (doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') || undefined);
  const description = meta(doc, 'meta[name="description"]', 'meta[property="og:description"]', 'meta[name="twitter:description"]');
  const firstParagraph = clean(doc.querySelector('article p, main p, p')?.textContent);
  const excerpt = (description ?? firstParagraph).slice(0, 300);
  return { url: canonicalUrl(doc), title, site, byline: tidyByline(byline), publishedTime, excerpt };
}

// --- the article itself ---

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'MAIN', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'TR', 'FIGURE', 'FIGCAPTION', 'HR', 'BR',
]);

/** Plain text of an element: one line per block, spaces collapsed inside lines. */
export function blockText(root: Element): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => { const t = clean(line); if (t) lines.push(t); line = ''; };
  const walk = (node: Node) => {
    if (node.nodeType === 3) { line += (node as Text).data; return; }
    if (node.nodeType !== 1) return;
    const block = BLOCK.has((node as Element).tagName.toUpperCase());
    if (block) flush();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n');
}

/**
 * Metadata plus the article's text. Readability runs on a deep clone of the
 * document: it removes and rewrites nodes, and the page the reader is looking
 * at must stay exactly as it was.
 */
export function extractPage(doc: Document, maxText = 1_000_000): ExtractedPage {
  const base = readMetadata(doc);
  let article: { title?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null; excerpt?: string | null; content?: Element | null } | null = null;
  try {
    const clone = doc.cloneNode(true) as Document;
    // serializer: keep the element itself; we take its text, never its HTML.
    article = new Readability<Element>(clone, { serializer: (el) => el as Element }).parse();
  } catch {
    article = null; // a page Readability cannot handle still gets saved with its metadata
  }
  const pick = (a: string | null | undefined, b: string | undefined) => clean(a) || b;
  const text = article?.content ? blockText(article.content) : '';
  return {
    url: base.url,
    title: pick(article?.title, base.title) ?? '',
    site: pick(article?.siteName, base.site) ?? '',
    byline: tidyByline(pick(article?.byline, base.byline)),
    publishedTime: pick(article?.publishedTime, base.publishedTime),
    excerpt: (pick(article?.excerpt, base.excerpt) ?? '').slice(0, 300),
    text: text.slice(0, maxText),
  };
}
