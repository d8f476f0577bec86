/**
 * Turns hits into mentions for a whole page: leftmost-longest without
 * overlaps, surname-only names accepted only for entities already named in
 * full on the page (or prominent ones), and ambiguous names resolved by the
 * entities seen on the page and by notability priors.
 */
import { NAME_FLAGS } from '../dataset/schema';
import type { CompiledIndex } from './compile';
import { findHits, type Hit, type TextHits } from './match';

export interface Mention {
  /** Index of the text in the request. */
  seg: number;
  start: number;
  end: number;
  /** Index into index.entities. */
  entity: number;
  confidence: number;
}

export interface ResolveOptions {
  /** Entity ids already found on this page (earlier batches, e.g. before a mutation). */
  context?: Iterable<string>;
  /** Mentions below this confidence are dropped. */
  minConfidence?: number;
}

const SEEN_BONUS = 1;

function isSurnameOnly(flags: number): boolean {
  return (flags & NAME_FLAGS.SURNAME) !== 0 && (flags & NAME_FLAGS.PROMINENT) === 0;
}

/**
 * Greedy leftmost-longest selection of hits that have at least one acceptable name.
 * One exception: a leading "The" is left out when the rest is a name of the same
 * entity ("The Wall Street Journal" → "Wall Street Journal"): the article is the
 * sentence's, and pages often set it outside the title. "The Hague" keeps it.
 */
function select(index: CompiledIndex, th: TextHits, accept: (nameIdx: number) => boolean): { hit: Hit; names: number[] }[] {
  const { hits } = th;
  const chosen: { hit: Hit; names: number[] }[] = [];
  let nextFree = 0;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    if (hit.tokStart < nextFree) continue;
    const names = hit.names.filter(accept);
    if (names.length === 0) continue;
    let pick = { hit, names };
    if (isThe(th, hit.tokStart)) {
      const entities = new Set(names.map((n) => index.names[n]!.entity));
      for (let k = h + 1; k < hits.length && hits[k]!.tokStart <= hit.tokStart + 1; k++) {
        const alt = hits[k]!;
        if (alt.tokStart !== hit.tokStart + 1 || alt.tokEnd !== hit.tokEnd) continue;
        const altNames = alt.names.filter((n) => accept(n) && entities.has(index.names[n]!.entity));
        if (altNames.length) { pick = { hit: alt, names: altNames }; break; }
      }
    }
    chosen.push(pick);
    nextFree = pick.hit.tokEnd;
  }
  return chosen;
}

function isThe(th: TextHits, tok: number): boolean {
  const { tokens, folded } = th;
  return tokens.end[tok]! - tokens.start[tok]! === 3 && folded.text.slice(tokens.start[tok], tokens.end[tok]).toLowerCase() === 'the';
}

export function annotateTexts(index: CompiledIndex, texts: string[], options: ResolveOptions = {}): Mention[] {
  const minConfidence = options.minConfidence ?? 0.3;
  const perText: TextHits[] = texts.map((t) => findHits(index, t));

  // Pass 1: entities named in full anywhere on the page.
  const seen = new Set<number>();
  for (const id of options.context ?? []) {
    const e = index.entityById.get(id);
    if (e !== undefined) seen.add(e);
  }
  const fullOnly = (n: number) => !isSurnameOnly(index.names[n]!.flags);
  for (const th of perText) {
    for (const { names } of select(index, th, fullOnly)) {
      // Only unambiguous full names count as evidence for a surname.
      const ents = new Set(names.map((n) => index.names[n]!.entity));
      if (ents.size === 1) seen.add([...ents][0]!);
    }
  }

  // Pass 2: final selection; surnames only for entities seen in full.
  const accept = (n: number) => {
    const name = index.names[n]!;
    return !isSurnameOnly(name.flags) || seen.has(name.entity);
  };
  const mentions: Mention[] = [];
  perText.forEach((th, seg) => {
    for (const { hit, names } of select(index, th, accept)) {
      const scores = new Map<number, number>();
      for (const n of names) {
        const name = index.names[n]!;
        const e = name.entity;
        const score = index.entities[e]!.prior + (seen.has(e) ? SEEN_BONUS : 0) + (isSurnameOnly(name.flags) ? 0 : 0.05);
        scores.set(e, Math.max(scores.get(e) ?? 0, score));
      }
      let best = -1;
      let bestScore = -1;
      let total = 0;
      for (const [e, s] of scores) {
        total += s;
        if (s > bestScore || (s === bestScore && e < best)) { best = e; bestScore = s; }
      }
      const confidence = scores.size === 1 ? 1 : total > 0 ? bestScore / total : 0;
      if (confidence < minConfidence) continue;
      mentions.push({ seg, start: hit.start, end: hit.end, entity: best, confidence: Math.round(confidence * 1000) / 1000 });
    }
  });
  return mentions;
}
