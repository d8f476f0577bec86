/**
 * Words for the search index and for queries: one folding for both, so
 * "Calderón", "CALDERON" and "calderon" meet. Diacritics fold (NFKD, marks
 * dropped), case folds, anything but letters and digits separates words.
 */

// Words so common in news text that indexing them costs memory and finds
// everything; a query made only of them still searches titles and tags.
const STOPWORDS = new Set(
  ('a an and are as at be been but by for from had has have he her his i in is it its of on or our she that the their them they ' +
    'this to was we were which who will with would you your not no so if than then there these those into about after before over ' +
    'also can could may might must said says more most other some such only up out very what when where how all any each just').split(' '),
);

export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Every word, in order (duplicates kept): what queries and small fields use. */
export function words(s: string): string[] {
  return fold(s).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Distinct words worth indexing in an article text, in order of first use. */
export function textTerms(s: string): string[] {
  const seen = new Set<string>();
  for (const w of words(s)) {
    if (w.length < 2 || w.length > 40 || STOPWORDS.has(w)) continue;
    seen.add(w);
  }
  return [...seen];
}

export function isStopword(w: string): boolean {
  return STOPWORDS.has(w);
}
