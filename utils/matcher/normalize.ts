/**
 * Folding of text for matching, with a map back to the original string.
 *
 * Matching compares folded text: diacritics stripped (Calderón → Calderon),
 * typographic apostrophes and hyphens made plain, every kind of space made a
 * space, invisible characters (soft hyphen, zero-width) dropped. Case is kept:
 * the matcher applies its own case rules per token. Every folded UTF-16 unit
 * remembers the original span it came from, so offsets reported to the page
 * are UTF-16 offsets into the text the page gave us.
 */

export interface Folded {
  /** The folded text. */
  text: string;
  /** origStart[i] is the offset in the original text of folded unit i. */
  origStart: Int32Array;
  /** origEnd[i] is the end offset (exclusive) in the original of folded unit i. */
  origEnd: Int32Array;
}

const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Characters with a fixed replacement ('' = dropped). */
const SPECIAL: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201b': "'", '\u02bc': "'", '\u2032': "'", '\u00b4': "'", '\u0060': "'",
  '\u2010': '-', '\u2011': '-', '\u00ad': '', '\u200b': '', '\u200c': '', '\u200d': '', '\u2060': '', '\ufeff': '',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ', '\u200a': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u00df': 'ss', '\u00e6': 'ae', '\u00c6': 'AE', '\u0153': 'oe', '\u0152': 'OE', '\u00f8': 'o', '\u00d8': 'O',
  '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D', '\u0131': 'i', '\u00f0': 'd', '\u00de': 'Th', '\u00fe': 'th',
};

const foldCache = new Map<string, string>();

/** Fold one code point (given as a string of 1–2 UTF-16 units). */
export function foldChar(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  let out = foldCache.get(ch);
  if (out === undefined) {
    out = ch.normalize('NFD').replace(COMBINING, '');
    // Spaces of every kind become a plain space.
    if (/^\s$/u.test(out)) out = ' ';
    if (foldCache.size < 4096) foldCache.set(ch, out);
  }
  return out;
}

export function fold(input: string): Folded {
  const n = input.length;
  // Fast path: pure ASCII (the common case for English news) needs no mapping work.
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d)) { ascii = false; break; }
  }
  if (ascii) {
    const origStart = new Int32Array(n);
    const origEnd = new Int32Array(n);
    for (let i = 0; i < n; i++) { origStart[i] = i; origEnd[i] = i + 1; }
    return { text: input.replace(/`/g, "'"), origStart, origEnd };
  }
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let lastPart = '';
  for (let i = 0; i < n; ) {
    const c = input.charCodeAt(i);
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const ch = width === 2 ? input.slice(i, i + 2) : input[i]!;
    const f = c < 0x7f && c !== 0x60 ? ch : foldChar(ch);
    for (let k = 0; k < f.length; k++) { starts.push(i); ends.push(i + width); }
    // A dropped mark or invisible character belongs to the character before it:
    // a mention never ends between a letter and its accent.
    if (f.length === 0 && ends.length > 0 && /^[\p{M}\u00ad\u200b-\u200d\u2060\ufeff]$/u.test(ch) && /[\p{L}\p{N}]$/u.test(lastPart)) ends[ends.length - 1] = i + width;
    if (f.length > 0) lastPart = f;
    parts.push(f);
    i += width;
  }
  return { text: parts.join(''), origStart: Int32Array.from(starts), origEnd: Int32Array.from(ends) };
}

/** Fold a name for use as a key (same folding, no map). */
export function foldName(name: string): string {
  return fold(name).text;
}
