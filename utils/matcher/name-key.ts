/**
 * The key under which the reader's corrections remember a name: folded as the
 * matcher folds text, case and spacing ignored, a trailing possessive dropped,
 * so "Washington's", "WASHINGTON" and "Washington" are one name.
 */
import { foldName } from './normalize';

export function nameKey(name: string): string {
  return foldName(name)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/'s?$/, '');
}
