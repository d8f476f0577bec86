/** Small text helpers: folding for comparison, slugs, numbers and dates in our templates. */

/** Lowercase, strip diacritics, unify quotes/dashes and collapse spaces: the comparison form of a name. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function slug(s: string): string {
  return fold(s)
    .replace(/&/g, ' and ')
    // "Google+" is not "Google": a key that dropped the plus would merge the two.
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapse whitespace and trim; keeps case and diacritics. */
export function clean(s: string | undefined | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

/** All letters upper-case and at least two of them: "ATF", "U.S.", "NATO", "AK-47" is not (digits allowed only after letters). */
export function isAcronym(s: string): boolean {
  if (!/^[A-Z][A-Z0-9.&-]*$/.test(s)) return false;
  const letters = s.replace(/[^A-Z]/g, '');
  return letters.length >= 2 && !/\d/.test(s);
}

export function formatInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1.3 million", "601,723". */
export function humanCount(n: number): string {
  if (n >= 1e9) return `${trim1(n / 1e9)} billion`;
  if (n >= 1e6) return `${trim1(n / 1e6)} million`;
  return formatInt(n);
}

function trim1(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

/** Validate/normalise an ISO-ish date string: "2009-02-03", "2009-02", "2009". Returns undefined for anything else. */
export function isoDate(s: string | undefined | null): string | undefined {
  const v = clean(s);
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) return v;
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(v);
  if (m) return m[1];
  return undefined;
}

/** "1/21/77" → "1977-01-21" (two-digit years: 50–99 → 19xx, else 20xx). */
export function usShortDate(s: string | undefined): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(clean(s));
  if (!m) return undefined;
  let y = Number(m[3]);
  if (m[3]!.length === 2) y += y >= 50 ? 1900 : 2000;
  return `${y}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

export function year(d: string | undefined): string | undefined {
  return d ? d.slice(0, 4) : undefined;
}

/** "(2009–2015)", "(since 2021)", "(2015)"; empty when no start. */
export function yearSpan(start?: string, end?: string): string {
  const a = year(start);
  const b = year(end);
  if (!a) return b ? `(until ${b})` : '';
  if (!b) return `(since ${a})`;
  return a === b ? `(${a})` : `(${a}–${b})`;
}

/** Upper-case first letter. */
export function ucfirst(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Normalise a Wikidata id written as "Q61" or as an entity URL. */
export function qid(s: string | undefined | null): string | undefined {
  const m = /(Q\d+)\s*$/.exec(clean(s));
  return m ? m[1] : undefined;
}

/** Wikipedia title from an article URL or a title with underscores. */
export function wikiTitle(s: string | undefined | null): string | undefined {
  let v = clean(s);
  if (!v) return undefined;
  const m = /wikipedia\.org\/wiki\/(.+)$/.exec(v);
  if (m) {
    try {
      v = decodeURIComponent(m[1]!);
    } catch {
      v = m[1]!;
    }
  }
  return v.replace(/_/g, ' ').trim() || undefined;
}

/** Ordinal suffix for congressional districts and congresses: 1st, 2nd, 11th, 48th. */
export function ordinal(n: number): string {
  const t = n % 100;
  const u = n % 10;
  const suffix = t >= 11 && t <= 13 ? 'th' : u === 1 ? 'st' : u === 2 ? 'nd' : u === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
