/**
 * Words that are never a name on their own, whatever a source says: function
 * words, weekdays, months and titles. Some sources carry parties or brands
 * whose short name is "He" or "On"; marking those would be noise. The dataset
 * build filters them too — this is the matcher's own guard.
 */
export const NEVER_ALONE = new Set(
  (
    'a an and are as at be but by for from has have he her his i if in is it its me my no not of on or our ' +
    'she so than that the their them then there these they this those to us we what when where which who why ' +
    'will with yet you your all any both each few more most other some such one two three also however among ' +
    'after before again about above below over under up down out off very can just now only own same too ' +
    'image photo video read more new news live update home world monday tuesday wednesday thursday friday ' +
    'saturday sunday january february march april may june july august september october november december ' +
    'president secretary representative senator governor minister chairman director mayor king queen prince ' +
    'government state city republic party people'
  ).split(' '),
);
