/**
 * Tokenizing for the compiled index: the same classes and folding the
 * scanner uses (chars.ts), producing token keys as strings. Used to compile
 * names (and by tests); the scanner has its own allocation-free loop.
 */
import { ASCII_CLASS, ASCII_LOWER, C_PUNCT, C_SKIP, C_SPACE, C_WORD, foldPair, foldUnit } from './chars';

export interface KeyToken {
  /** Offsets into the original string. */
  start: number;
  end: number;
  /** Folded lowercase form: the key compared against the index. */
  key: string;
  spaced: boolean;
  word: boolean;
}

export function keyTokens(text: string): KeyToken[] {
  const out: KeyToken[] = [];
  const n = text.length;
  let i = 0;
  let spaced = false;
  let cur: { start: number; key: string } | null = null;
  const endWord = (end: number) => {
    if (cur) { out.push({ start: cur.start, end, key: cur.key, spaced, word: true }); spaced = false; cur = null; }
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    let cls: number;
    let lower: string;
    let width = 1;
    if (c < 128) { cls = ASCII_CLASS[c]!; lower = String.fromCharCode(ASCII_LOWER[c]!); }
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) { width = 2; const f = foldPair(text.slice(i, i + 2)); cls = f.cls; lower = f.lower; }
    else { const f = foldUnit(c); cls = f.cls; lower = f.lower; }
    if (cls === C_WORD && !cur && lower === '') {
      // A mark with nothing before it to attach to starts no word.
    } else if (cls === C_WORD) {
      if (!cur) cur = { start: i, key: '' };
      cur.key += lower;
    } else if (cls === C_SKIP) {
      // invisible: neither ends nor extends a word
    } else {
      endWord(i);
      if (cls === C_SPACE) spaced = true;
      else if (cls === C_PUNCT) { out.push({ start: i, end: i + width, key: lower, spaced, word: false }); spaced = false; }
    }
    i += width;
  }
  endWord(n);
  // The key of a word is all folded letters; an empty key (a lone combining mark) is no token.
  return out.filter((t) => t.key.length > 0);
}

/**
 * The two hashes of a token key, over its UTF-16 units. hashKey (FNV-1a) places the key in the
 * index's hash table; hashCheck, with another seed and multiplier, is stored there instead of
 * the key's characters. A word the index lacks is taken for a token only if its check hash
 * equals that of a token in the few slots it probes (about one capitalised word in a billion);
 * the build makes sure every token is found as itself. The scanner computes the same values in
 * its own loop (scan.ts).
 */
export const HASH_SEED = 0x811c9dc5;
export const HASH_PRIME = 0x01000193;
export const CHECK_SEED = 0x9e3779b9;
export const CHECK_PRIME = 0x5bd1e995;

export function hashKey(key: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), HASH_PRIME);
  return h >>> 0;
}

export function hashCheck(key: string): number {
  let h = CHECK_SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), CHECK_PRIME);
  return h | 0;
}

/** Code of a word's first three letters (ASCII letters and digits, else 0) for the lowercase-start filter. */
const LETTER = new Uint8Array(128);
for (let c = 0; c < 26; c++) { LETTER[0x61 + c] = c + 1; LETTER[0x41 + c] = c + 1; }
for (let c = 0x30; c <= 0x39; c++) LETTER[c] = 27;
export const LOWER_START_CODES = 28 * 28 * 28;
export function lowerStartCode(a: number, b: number, c: number): number {
  return (LETTER[a & 127]! * 28 + LETTER[b & 127]!) * 28 + LETTER[c & 127]!;
}

