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

/** Greedy leftmost-longest selection of hits that have at least one acceptable name. */
function select(index: CompiledIndex, hits: Hit[], accept: (nameIdx: number) => boolean): { hit: Hit; names: number[] }[] {
  const chosen: { hit: Hit; names: number[] }[] = [];
  let nextFree = 0;
  for (const hit of hits) {
    if (hit.tokStart < nextFree) continue;
    const names = hit.names.filter(accept);
    if (names.length === 0) continue;
    chosen.push({ hit, names });
    nextFree = hit.tokEnd;
  }
  return chosen;
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
    for (const { names } of select(index, th.hits, fullOnly)) {
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
    for (const { hit, names } of select(index, th.hits, accept)) {
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
