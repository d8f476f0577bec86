/**
 * Titles before a name are evidence that a bare surname is a person:
 * "President Calderón", "Sen. Warren", "Prime Minister Modi".
 */
const TITLES = new Set(
  ('president vice-president senator sen rep representative congressman congresswoman governor gov mayor ' +
    'minister premier chancellor secretary ambassador judge justice general gen admiral adm colonel col ' +
    'king queen prince princess pope sheikh mr mrs ms dr prof chairman chairwoman chair speaker leader ' +
    'commissioner director chief attorney-general professor doctor lord lady sir dame saint st rabbi imam ' +
    'father sister brother cardinal bishop archbishop lieutenant captain sergeant officer inspector detective').split(' '),
);

/**
 * Titles that say only that a person is meant, not which one: "Mr. Reeves" is anyone called Reeves
 * (newspapers write "Mr." before every man's surname), where "Sen. Warren" names an office.
 */
const COURTESY = new Set('mr mrs ms miss dr prof professor doctor sir dame lord lady father sister brother officer detective sergeant captain lieutenant inspector chief director leader chair st saint rabbi imam'.split(' '));

/** Is this word a title ("President", "Sen.")? */
export function isTitleWord(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/**
 * Is the word just before `pos` in `text` a title (allowing "Sen." and "Prime Minister")? 'office'
 * for a title that narrows who is meant, 'courtesy' for "Mr.", "Dr." and the like, false for none.
 */
export function titleBefore(text: string, pos: number): 'office' | 'courtesy' | false {
  let j = pos - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0xa0)) j--;
  if (j === pos - 1) return false; // no space: not a separate word
  if (text.charCodeAt(j) === 0x2e) j--; // "Sen."
  const end = j + 1;
  while (j >= 0 && /[\p{L}-]/u.test(text[j]!)) j--;
  const word = text.slice(j + 1, end).toLowerCase();
  if (word.length < 2 || !TITLES.has(word)) return false;
  return COURTESY.has(word) ? 'courtesy' : 'office';
}

/** Is the word just before `pos` a title of any kind? */
export function isTitleBefore(text: string, pos: number): boolean {
  return titleBefore(text, pos) !== false;
}
