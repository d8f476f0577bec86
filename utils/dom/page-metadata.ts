/** What a saved page keeps from the document: canonical URL, title, byline, dates, text. */

export interface PageMetadata {
  url: string;
  title: string;
  site: string;
  byline?: string;
  publishedTime?: string;
  excerpt: string;
}

function meta(doc: Document, selector: string): string | undefined {
  const v = doc.querySelector<HTMLMetaElement>(selector)?.content?.trim();
  return v ? v : undefined;
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

export function readMetadata(doc: Document): PageMetadata {
  const title = meta(doc, 'meta[property="og:title"]') ?? doc.title?.trim() ?? '';
  const site = meta(doc, 'meta[property="og:site_name"]') ?? doc.location.hostname.replace(/^www\./, '');
  const byline =
    meta(doc, 'meta[name="author"]') ??
    meta(doc, 'meta[property="article:author"]')?.replace(/^https?:\/\/\S+$/, '') ??
    (doc.querySelector('[rel="author"], .byline .author, .byline, [itemprop="author"]')?.textContent?.replace(/\s+/g, ' ').replace(/^By\s+/i, '').trim() || undefined);
  const publishedTime =
    meta(doc, 'meta[property="article:published_time"]') ??
    meta(doc, 'meta[name="date"]') ??
    (doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime') || undefined);
  const description = meta(doc, 'meta[name="description"]') ?? meta(doc, 'meta[property="og:description"]');
  const firstParagraph = doc.querySelector('article p, main p, p')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const excerpt = (description ?? firstParagraph).slice(0, 300);
  return { url: canonicalUrl(doc), title, site, byline: byline || undefined, publishedTime, excerpt };
}
