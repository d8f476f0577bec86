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

/** FNV-1a over UTF-16 units, the hash the compiled index uses for token keys. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
