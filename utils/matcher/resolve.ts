/**
 * Turns hits into mentions for a whole page: leftmost-longest without
 * overlaps; surname-only names accepted after the entity's full name on the
 * page, after a title ("Sen. Warren"), or for the very prominent; names that
 * are also common words only with evidence; ambiguous names resolved by the
 * entities seen on the page and by notability priors.
 */
import { NAME_FLAGS } from '../dataset/schema';
import type { NameIndex } from './index-format';
import { scanHits, type Hit } from './scan';
import { titleBefore } from './titles';
import { besideFirstName, inByline, insideLongerName, isTitleCase } from './context';
import { nameKey } from './name-key';

export interface Mention {
  /** Index of the text in the request. */
  seg: number;
  start: number;
  end: number;
  /** Index into the index's entities. */
  entity: number;
  confidence: number;
  /** Other entities the same name could mean, most likely first (for "did you mean"). */
  alternatives: number[];
}

export interface ResolveOptions {
  /** Entity ids already found on this page (earlier batches, e.g. before a mutation). */
  context?: Iterable<string>;
  /** Mentions below this confidence are dropped. */
  minConfidence?: number;
  /** The reader's corrections that hold on this page (utils/rules.ts makes them). */
  rules?: MentionRules | null;
}

/** The reader's corrections, by entity id and by name key (name-key.ts). */
export interface MentionRules {
  /** Entities never marked. */
  mutedEntities: Set<string>;
  /** Names not marked (their span stays taken, so no shorter name inside them is marked instead). */
  mutedNames: Set<string>;
  /** Name → entities it does not mean here. */
  rejected: Map<string, Set<string>>;
  /** Name → the entity it means here. */
  chosen: Map<string, string>;
}

const SEEN_BONUS = 1;

function isSurnameOnly(flags: number): boolean {
  return (flags & NAME_FLAGS.SURNAME) !== 0 && (flags & NAME_FLAGS.PROMINENT) === 0;
}

interface Chosen { hit: Hit; names: number[] }

/**
 * Greedy leftmost-longest selection of hits that have at least one acceptable name.
 * One exception: a leading "The" is left out when the rest is a name of the same
 * entity ("The Wall Street Journal" → "Wall Street Journal"): the article is the
 * sentence's, and pages often set it outside the title. "The Hague" keeps it.
 */
function select(index: NameIndex, hits: Hit[], accept: (nameIdx: number, hit: Hit) => boolean): Chosen[] {
  const chosen: Chosen[] = [];
  const ent = index.a.nameEntity;
  let nextFree = 0;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    if (hit.tokStart < nextFree) continue;
    const names = hit.names.filter((n) => accept(n, hit));
    if (names.length === 0) continue;
    let pick: Chosen = { hit, names };
    if (hit.startsWithThe) {
      const entities = new Set(names.map((n) => ent[n]!));
      for (let k = h + 1; k < hits.length && hits[k]!.tokStart <= hit.tokStart + 1; k++) {
        const alt = hits[k]!;
        if (alt.tokStart !== hit.tokStart + 1 || alt.tokEnd !== hit.tokEnd) continue;
        const altNames = alt.names.filter((n) => accept(n, alt) && entities.has(ent[n]!));
        if (altNames.length) { pick = { hit: alt, names: altNames }; break; }
      }
    }
    chosen.push(pick);
    nextFree = pick.hit.tokEnd;
  }
  return chosen;
}

export function annotateTexts(index: NameIndex, texts: string[], options: ResolveOptions = {}): Mention[] {
  const minConfidence = options.minConfidence ?? 0.3;
  const perText = texts.map((t) => scanHits(index, t));
  const flagsOf = index.a.nameFlags;
  const entityOf = index.a.nameEntity;
  const rules = options.rules ?? null;
  // Only pages with corrections pay for name keys and id lookups.
  const keys = new Map<Hit, string>();
  const keyOf = (hit: Hit, text: string): string => {
    let k = keys.get(hit);
    if (k === undefined) keys.set(hit, (k = nameKey(text.slice(hit.start, hit.end))));
    return k;
  };
  const ruledOut = (n: number, hit: Hit, text: string): boolean => {
    if (!rules) return false;
    const id = index.entity(entityOf[n]!).id;
    if (rules.mutedEntities.has(id)) return true;
    return rules.rejected.size > 0 && rules.rejected.get(keyOf(hit, text))?.has(id) === true;
  };
  const chosenFor = (hit: Hit, text: string): string | undefined => (rules && rules.chosen.size > 0 ? rules.chosen.get(keyOf(hit, text)) : undefined);

  // Pass 1: entities named unambiguously in full anywhere on the page.
  const seen = new Set<number>();
  for (const id of options.context ?? []) {
    const e = index.indexOf(id);
    if (e !== undefined) seen.add(e);
  }
  const strongIn = (text: string) => (n: number, hit: Hit) => {
    if (ruledOut(n, hit, text)) return false;
    const f = flagsOf[n]!;
    if (isSurnameOnly(f)) return false;
    // A common word at the start of a sentence is no evidence ("Reading the report…").
    if ((f & NAME_FLAGS.COMMON) !== 0) return false;
    return !(hit.tokEnd - hit.tokStart === 1 && hit.sentenceStart && hit.names.length > 1);
  };
  perText.forEach((hits, seg) => {
    for (const { names } of select(index, hits, strongIn(texts[seg]!))) {
      const ents = new Set(names.map((n) => entityOf[n]!));
      if (ents.size === 1) seen.add([...ents][0]!);
    }
  });

  /** Do all the names of this hit point at one entity ("Chomsky": yes; "Reeves": several people)? */
  const onePersonCalled = (hit: Hit): boolean => {
    const first = entityOf[hit.names[0]!];
    return hit.names.every((n) => entityOf[n] === first);
  };

  // Pass 2: final selection with the evidence gathered.
  const mentions: Mention[] = [];
  const isFirstName = (w: string) => index.isFirstName(w);
  perText.forEach((hits, seg) => {
    const text = texts[seg]!;
    const accept = (n: number, hit: Hit) => {
      if (ruledOut(n, hit, text)) return false;
      const f = flagsOf[n]!;
      const e = entityOf[n]!;
      // The reader said what this name means here: no further evidence needed.
      if (chosenFor(hit, text) === index.entity(e).id) return true;
      // A name that is also a common word needs the entity named in full on the page, and even
      // then a lone word opening a sentence is read as the word ("Reading the report…").
      if ((f & NAME_FLAGS.COMMON) !== 0 && (!seen.has(e) || (hit.sentenceStart && hit.tokEnd - hit.tokStart === 1))) return false;
      if (isSurnameOnly(f)) {
        if (seen.has(e)) return true;
        const title = titleBefore(text, hit.start);
        // "Mr. Reeves" says a person called Reeves: enough only when one person in the dataset is.
        return title === 'office' || (title === 'courtesy' && onePersonCalled(hit));
      }
      return true;
    };
    const chosen = select(index, hits, accept);
    const starts = new Set(chosen.map((c) => c.hit.start));
    const ends = new Set(chosen.map((c) => c.hit.end));
    let headline: boolean | undefined; // worked out on the first mention that needs it
    for (const { hit, names } of chosen) {
      if (rules && rules.mutedNames.size > 0 && rules.mutedNames.has(keyOf(hit, text))) continue;
      // Part of a longer name we don't know ("David Shankbone"): not this entity, unless the page named it.
      if (hit.tokEnd - hit.tokStart === 1 && besideFirstName(text, hit.start, hit.end, starts, ends, isFirstName, () => (headline ??= isTitleCase(text)))) continue;
      // Headlines capitalise every word, so there the run says nothing, but for a byline's writer.
      if (insideLongerName(text, hit.start, hit.end, starts, ends, hit.sentenceStart) && !names.some((n) => seen.has(entityOf[n]!) && hit.tokEnd - hit.tokStart > 1) && (!(headline ??= isTitleCase(text)) || inByline(text, hit.start))) continue;
      const scores = new Map<number, number>();
      for (const n of names) {
        const e = entityOf[n]!;
        const score = index.prior(e) + (seen.has(e) ? SEEN_BONUS : 0) + (isSurnameOnly(flagsOf[n]!) ? 0 : 0.05);
        scores.set(e, Math.max(scores.get(e) ?? 0, score));
      }
      let best = -1;
      let bestScore = -1;
      let total = 0;
      for (const [e, s] of scores) {
        total += s;
        if (s > bestScore || (s === bestScore && e < best)) { best = e; bestScore = s; }
      }
      let confidence = scores.size === 1 ? 1 : total > 0 ? bestScore / total : 0;
      const choice = chosenFor(hit, text);
      if (choice !== undefined) {
        for (const e of scores.keys()) if (index.entity(e).id === choice) { best = e; confidence = 1; }
      }
      if (confidence < minConfidence) continue;
      const alternatives = [...scores].filter(([e]) => e !== best).sort((x, y) => y[1] - x[1]).slice(0, 4).map(([e]) => e);
      mentions.push({ seg, start: hit.start, end: hit.end, entity: best, confidence: Math.round(confidence * 1000) / 1000, alternatives });
    }
  });
  return mentions;
}
