/**
 * The yardstick of `npm run bench`: a loop that finds word boundaries with the scanner's own
 * character classes and does nothing else, the practical limit for a tokenizing matcher.
 */
import { ASCII_CLASS, C_MARK, C_WORD, unitClass } from './chars';

/** Counts the words of `text` (nothing else: what scanning costs before any name is looked up). */
export function countWordsOnly(text: string): number {
  const n = text.length;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? ASCII_CLASS[c]! : unitClass(c);
    const w = k === C_WORD || k === C_MARK;
    if (w && !inWord) words++;
    inWord = w;
  }
  return words;
}
