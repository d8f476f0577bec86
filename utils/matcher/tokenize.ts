/**
 * Tokens for matching: maximal runs of letters/digits (any script) are word
 * tokens; every other non-space character is a one-character token of its own
 * ("U.S." → U . S .). Whitespace is not a token, but the token after it
 * remembers that a space came before it, so "AK-47" and "AK - 47" differ.
 */

export interface Tokens {
  count: number;
  /** Offsets into the folded text. */
  start: Int32Array;
  end: Int32Array;
  /** 1 when whitespace precedes the token. */
  spaced: Uint8Array;
  /** 1 for a word token (letters/digits), 0 for punctuation. */
  word: Uint8Array;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  }
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return WORD_CHAR.test(text.slice(i - 1, i + 1));
  return WORD_CHAR.test(text[i]!);
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

export function tokenize(text: string): Tokens {
  const n = text.length;
  // Upper bound on tokens is n; allocate lazily-sized arrays.
  const start = new Int32Array(n + 1);
  const end = new Int32Array(n + 1);
  const spaced = new Uint8Array(n + 1);
  const word = new Uint8Array(n + 1);
  let count = 0;
  let sawSpace = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) { sawSpace = true; i++; continue; }
    if (isWordCode(text, i)) {
      const s = i;
      i++;
      while (i < n && isWordCode(text, i)) i++;
      start[count] = s; end[count] = i; spaced[count] = sawSpace ? 1 : 0; word[count] = 1;
    } else {
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      start[count] = i; end[count] = i + w; spaced[count] = sawSpace ? 1 : 0; word[count] = 0;
      i += w;
    }
    count++;
    sawSpace = false;
  }
  return { count, start, end, spaced, word };
}
