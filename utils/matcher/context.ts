/**
 * Context around a hit that says it is part of a longer proper name we do
 * not know: "David Shankbone" is not the city of David, "Frank Messina" is
 * not the city of Messina, "University of Copenhagen" is not Copenhagen.
 * Headlines in Title Case are exempt: there every word is capitalized.
 */
import { NEVER_ALONE } from './stopwords';
import { isTitleWord } from './titles';

const WORD = /[\p{L}\p{N}'’.-]/u;

/** Head nouns of names built as "X of Y": "University of Copenhagen", "Bay of Bengal". */
const OF_HEADS = new Set(
  ('university college institute school academy museum bank church cathedral ministry department bureau office ' +
    'council court league society association federation union order house hall republic kingdom province ' +
    'state county city port bay gulf isle island islands lake mount cape strait sea duke duchess earl prince ' +
    'princess archbishop bishop battle siege treaty festival museum library gallery centre center hospital').split(' '),
);

function isUpperStart(word: string): boolean {
  const c = word[0];
  return c !== undefined && c !== c.toLowerCase();
}

/** The word right after `pos` (same line, spaces only between), or ''. */
export function wordAfter(text: string, pos: number): { word: string; start: number } {
  let j = pos;
  if (text[j] !== ' ' && text[j] !== '\u00a0') return { word: '', start: j };
  while (text[j] === ' ' || text[j] === '\u00a0') j++;
  const start = j;
  while (j < text.length && WORD.test(text[j]!)) j++;
  return { word: text.slice(start, j).replace(/[.'’-]+$/u, ''), start };
}

/** The word right before `pos` (same line, spaces only between), or ''. */
export function wordBefore(text: string, pos: number): { word: string; start: number } {
  let j = pos - 1;
  if (text[j] !== ' ' && text[j] !== '\u00a0') return { word: '', start: pos };
  while (j >= 0 && (text[j] === ' ' || text[j] === '\u00a0')) j--;
  const end = j + 1;
  while (j >= 0 && WORD.test(text[j]!)) j--;
  return { word: text.slice(j + 1, end), start: j + 1 };
}

/** Is most of this text capitalized (a headline in Title Case)? */
export function isTitleCase(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => w.length > 3 && isUpperStart(w)).length;
  const long = words.filter((w) => w.length > 3).length;
  return long > 0 && caps / long >= 0.7;
}

function isOrdinaryCapital(word: string): boolean {
  return word.length > 1 && isUpperStart(word) && !NEVER_ALONE.has(word.toLowerCase()) && !isTitleWord(word);
}

/**
 * Does the hit [start, end) sit inside a longer run of capitalized words?
 * `hitStarts`/`hitEnds` are the offsets of the other chosen hits, which
 * are names of their own ("US Senate" is two names, not one unknown one).
 */
export function insideLongerName(text: string, start: number, end: number, hitStarts: Set<number>, hitEnds: Set<number>, sentenceStart: boolean): boolean {
  const after = wordAfter(text, end);
  if (after.word && isOrdinaryCapital(after.word) && !hitStarts.has(after.start)) return true;
  const before = wordBefore(text, start);
  if (before.word && !hitEnds.has(before.start + before.word.length)) {
    if (before.word === 'of') {
      const prev = wordBefore(text, before.start);
      if (prev.word && isUpperStart(prev.word) && OF_HEADS.has(prev.word.toLowerCase()) && !hitEnds.has(prev.start + prev.word.length)) return true;
    } else if (!sentenceStart && isOrdinaryCapital(before.word)) {
      // The word before begins its sentence? Then its capital says nothing.
      const prev = text.slice(0, before.start).trimEnd();
      const atSentenceStart = prev === '' || /[.!?:"“]$/.test(prev);
      if (!atSentenceStart) return true;
    }
  }
  return false;
}
