/**
 * Character classes and folding for the scanner, one UTF-16 unit at a time.
 *
 * ASCII goes through lookup tables (the hot path for English news). Other
 * characters are folded once through foldChar (diacritics stripped,
 * typographic apostrophes and hyphens made plain) and lowercased, and the
 * result is cached per code unit. Combining marks are word characters that
 * fold to nothing, so "Calderón" written with a combining accent folds like
 * the precomposed form.
 */
import { foldChar } from './normalize';

export const C_SPACE = 0;
export const C_WORD = 1;
export const C_PUNCT = 2;
/** Invisible: soft hyphen, zero-width characters — skipped without ending a word. */
export const C_SKIP = 3;
/** A combining mark: inside a word it folds to nothing; it starts no word. Only unitClass returns it. */
export const C_MARK = 4;

/** Class of each ASCII code unit. */
export const ASCII_CLASS = new Uint8Array(128);
/** Lowercase of each ASCII code unit (backtick folds to an apostrophe). */
export const ASCII_LOWER = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  const isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const isSpace = c <= 0x20 || c === 0x7f;
  ASCII_CLASS[c] = isWord ? C_WORD : isSpace ? C_SPACE : C_PUNCT;
  ASCII_LOWER[c] = c >= 0x41 && c <= 0x5a ? c + 32 : c === 0x60 ? 0x27 : c;
}

export interface Folding {
  cls: number;
  /** The folded, lowercased form ('' for combining marks and invisibles). */
  lower: string;
}

const cache = new Map<number, Folding>();
const WORD_RE = /[\p{L}\p{N}\p{M}]/u;
const SPACE_RE = /\s/u;

/** Folding of a non-ASCII BMP code unit that is not a surrogate. */
export function foldUnit(c: number): Folding {
  let f = cache.get(c);
  if (f) return f;
  const ch = String.fromCharCode(c);
  const folded = foldChar(ch);
  let cls: number;
  if (folded === '') cls = C_SKIP;
  else if (folded === ' ' || SPACE_RE.test(ch)) cls = C_SPACE;
  else if (WORD_RE.test(ch)) cls = C_WORD;
  else cls = C_PUNCT;
  f = { cls, lower: cls === C_SPACE ? ' ' : folded.toLowerCase() };
  // Combining marks fold to '' but stay inside the word.
  if (folded === '' && /\p{M}/u.test(ch)) f = { cls: C_WORD, lower: '' };
  cache.set(c, f);
  return f;
}

// Class of every BMP code unit met so far, plus one (0 = not yet computed): the scanner's hot
// loop reads a byte instead of a Map entry. 64 KB, filled lazily from foldUnit.
const UNIT_CLASS = new Uint8Array(65536);

/** Class of a non-ASCII BMP code unit that is not a surrogate: C_MARK for combining marks. */
export function unitClass(c: number): number {
  const k = UNIT_CLASS[c]!;
  if (k !== 0) return k - 1;
  const f = foldUnit(c);
  const cls = f.cls === C_WORD && f.lower === '' ? C_MARK : f.cls;
  UNIT_CLASS[c] = cls + 1;
  return cls;
}

/** Folding of an astral character (a surrogate pair). */
export function foldPair(pair: string): Folding {
  const folded = foldChar(pair);
  return WORD_RE.test(pair) ? { cls: C_WORD, lower: folded.toLowerCase() } : { cls: C_PUNCT, lower: folded };
}

/** Is this (original) character an uppercase letter? */
export function isUpperUnit(c: number): boolean {
  if (c < 128) return c >= 0x41 && c <= 0x5a;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

export function isLetterUnit(c: number): boolean {
  if (c < 128) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const ch = String.fromCharCode(c);
  return ch.toLowerCase() !== ch.toUpperCase();
}
