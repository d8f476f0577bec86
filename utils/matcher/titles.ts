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

/** Is this word a title ("President", "Sen.")? */
export function isTitleWord(word: string): boolean {
  return TITLES.has(word.toLowerCase().replace(/\.$/, ''));
}

/** Is the word just before `pos` in `text` a title (allowing "Sen." and "Prime Minister")? */
export function isTitleBefore(text: string, pos: number): boolean {
  let j = pos - 1;
  while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0xa0)) j--;
  if (j === pos - 1) return false; // no space: not a separate word
  if (text.charCodeAt(j) === 0x2e) j--; // "Sen."
  const end = j + 1;
  while (j >= 0 && /[\p{L}-]/u.test(text[j]!)) j--;
  const word = text.slice(j + 1, end).toLowerCase();
  return word.length > 1 && TITLES.has(word);
}
