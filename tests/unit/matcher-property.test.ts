/**
 * Property tests: the typed-array scanner against the plain reference
 * matcher (Map trie over pre-folded text), on random texts made of names,
 * their case and accent variants, other words, punctuation, odd spaces,
 * invisible characters and astral characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateTexts, compileIndex, scanHits } from '../../utils/matcher';
import { compileReferenceIndex } from '../../utils/matcher/reference-compile';
import { findHits } from '../../utils/matcher/reference-match';
import { tinyFile, TINY } from './helpers/tiny-index';

const file = tinyFile();
const fast = compileIndex(file);
const reference = compileReferenceIndex(file);

const surfaces = TINY.flatMap((e) => e.names.map(([n]) => n));
const variants = (s: string) => [s, s.toUpperCase(), s.toLowerCase(), s.normalize('NFD'), s.replace(/ /g, '\u00a0'), `${s}'s`, `${s}s`, s.replace(/o/, 'o\u00ad')];
const fragment = fc.oneof(
  fc.constantFrom(...surfaces).chain((s) => fc.constantFrom(...variants(s))),
  fc.constantFrom('the', 'The', 'and', 'said', 'Both', 'us', 'AK', '47', 'D.C.', 'Washington state', 'George', 'in', 'Ciudad', 'Juárez'),
  fc.constantFrom(' ', '  ', '\n', '\u00a0', ', ', '. ', '-', '–', '"', '(', ')', '’', "'", '\u200b', '\u00ad'),
  fc.constantFrom('😀', '🇲🇽', '𝐀𝐁', 'é', '\u0301', 'ß', 'Ж', '中文', 'עברית'),
  fc.string({ maxLength: 6 }),
);
const text = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

type Key = string;
function fastHits(t: string): Key[] {
  return scanHits(fast, t).map((h) => `${h.start}-${h.end}:${[...new Set(h.names.map((n) => fast.entity(fast.a.nameEntity[n]!).id))].sort().join(',')}`);
}
function refHits(t: string): Key[] {
  return findHits(reference, t).hits.map((h) => `${h.start}-${h.end}:${[...new Set(h.names.map((n) => reference.entities[reference.names[n]!.entity]!.id))].sort().join(',')}`);
}

describe('scanner = reference matcher', () => {
  it('finds the same hits at the same UTF-16 offsets on random texts', () => {
    fc.assert(fc.property(text, (t) => { expect(fastHits(t)).toEqual(refHits(t)); }), { numRuns: 5000 });
  });

  it('produces valid, sorted, non-overlapping mentions', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (texts) => {
        const ms = annotateTexts(fast, texts);
        for (let k = 0; k < ms.length; k++) {
          const m = ms[k]!;
          const t = texts[m.seg]!;
          expect(m.start).toBeGreaterThanOrEqual(0);
          expect(m.end).toBeLessThanOrEqual(t.length);
          expect(m.end).toBeGreaterThan(m.start);
          // Never splits a surrogate pair.
          const first = t.charCodeAt(m.start);
          expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
          const prev = ms[k - 1];
          if (prev && prev.seg === m.seg) expect(m.start).toBeGreaterThanOrEqual(prev.end);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
