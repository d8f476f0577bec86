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

// Per BMP code unit (lazily): 1 = not a letter, 2 = lowercase-or-caseless letter, 3 = a letter
// that changes when lowercased. isTitleCase reads these instead of matching words with a RegExp.
const LETTER_KIND = new Uint8Array(65536);
const LETTER_RE = /\p{L}/u;
function letterKind(c: number): number {
  let k = LETTER_KIND[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = !LETTER_RE.test(ch) ? 1 : ch !== ch.toLowerCase() ? 3 : 2;
    LETTER_KIND[c] = k;
  }
  return k;
}

/**
 * Is most of this text capitalized (a headline in Title Case)? Words are letters followed by
 * letters, apostrophes and hyphens; of those longer than 3, 70% must start with a capital.
 * One pass without allocation: it runs on every block that has a hit.
 */
export function isTitleCase(text: string): boolean {
  const n = text.length;
  let words = 0;
  let long = 0;
  let caps = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const astral = c >= 0xd800 && c <= 0xdbff && i + 1 < n;
    const first = astral ? (LETTER_RE.test(text.slice(i, i + 2)) ? 2 : 1) : letterKind(c);
    if (first === 1) { i += astral ? 2 : 1; continue; }
    // A word: count its units ("length" as the RegExp match would give it).
    const s = i;
    i += astral ? 2 : 1;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d === 0x27 || d === 0x2019 || d === 0x2d) { i++; continue; }
      if (d >= 0xd800 && d <= 0xdbff && i + 1 < n) {
        if (!LETTER_RE.test(text.slice(i, i + 2))) break;
        i += 2;
        continue;
      }
      if (letterKind(d) === 1) break;
      i++;
    }
    words++;
    if (i - s > 3) {
      long++;
      if (first === 3) caps++;
    }
  }
  return words >= 3 && long > 0 && caps / long >= 0.7;
}

/** Does the text before `pos`, spaces skipped, end a sentence (or is there none)? */
function sentenceEndsBefore(text: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && SPACE.test(text[j]!)) j--;
  if (j < 0) return true;
  const c = text[j]!;
  return c === '.' || c === '!' || c === '?' || c === ':' || c === '"' || c === '“';
}
const SPACE = /\s/;

function isOrdinaryCapital(word: string): boolean {
  return word.length > 1 && isUpperStart(word) && !NEVER_ALONE.has(word.toLowerCase()) && !isTitleWord(word);
}

/**
 * Is the one-word hit [start, end) part of a person's name we don't know? Either it is a first name
 * with a capitalised word after it ("Chelsea Handler", "Paul Morigi"), or a first name stands right
 * before it ("Holly Baxter", "Nathan Willis"). Unlike insideLongerName the second holds at the start
 * of a sentence and in headlines: a first name is a first name however the line is capitalised.
 * `hitStarts`/`hitEnds` are the other chosen names (not unknown words).
 */
export function besideFirstName(text: string, start: number, end: number, hitStarts: Set<number>, hitEnds: Set<number>, isFirstName: (word: string) => boolean, headline: () => boolean): boolean {
  const before = wordBefore(text, start);
  if (before.word && isUpperStart(before.word) && !hitEnds.has(before.start + before.word.length) && isFirstName(before.word)) return true;
  // In a headline the next word is capitalised anyway ("Comey Letter on Clinton Email").
  if (!isFirstName(text.slice(start, end)) || headline()) return false;
  const after = wordAfter(text, end);
  return after.word.length > 1 && isUpperStart(after.word) && !hitStarts.has(after.start) && !isTitleWord(after.word) && !NEVER_ALONE.has(after.word.toLowerCase());
}

/**
 * Is the hit [start, end) the end of a byline's name ("By Nathan Willis", "by Jane Smith and
 * Tom Brown")? The capitalised run before it then names a writer, headline case or not.
 */
export function inByline(text: string, start: number): boolean {
  let pos = start;
  for (let k = 0; k < 3; k++) {
    const before = wordBefore(text, pos);
    if (!before.word) return false;
    if (before.word === 'By' || before.word === 'by' || before.word === 'BY') return k > 0;
    if (!isUpperStart(before.word)) return false;
    pos = before.start;
  }
  return false;
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
      if (!sentenceEndsBefore(text, before.start)) return true;
    }
  }
  return false;
}
