/**
 * The REFERENCE matcher's index: a plain Map-based token trie. The extension
 * uses the typed-array index (index-build.ts / scan.ts); this simpler one is
 * kept as the oracle for property tests and as a baseline in benchmarks.
 *
 * Names are tokenized exactly like page text; each token is keyed by its
 * lowercased folded form, prefixed with a space marker when whitespace
 * precedes it. Token strings are interned to small integers and trie edges
 * live in one Map keyed by (node * TOKEN_SPACE + tokenId), which keeps the
 * structure compact and lookups cheap. Case rules are kept per name so that
 * "ATF" never matches "atf" while "Mexico" still matches "MEXICO".
 */
import { ENTITY_TYPES, NAME_FLAGS, type EntityType, type NameIndexFile } from '../dataset/schema';
import { fold } from './normalize';
import { tokenize } from './tokenize';
import { NEVER_ALONE } from './stopwords';
import { lowercaseStartAllowed } from './index-build';

/** Per-token case requirement of a name. */
export const CASE_ANY = 0;
export const CASE_CAPITAL = 1;
export const CASE_EXACT = 2;

export const TOKEN_SPACE = 1 << 22;

export interface CompiledName {
  entity: number;
  flags: number;
  /** One CASE_* per token of the name. */
  caseRule: Uint8Array;
  /** Folded tokens as written, for CASE_EXACT comparisons. */
  exact: string[];
  tokenCount: number;
}

export interface CompiledEntity {
  id: string;
  label: string;
  type: EntityType;
  prior: number;
}

export interface CompiledIndex {
  datasetVersion: string;
  entities: CompiledEntity[];
  entityById: Map<string, number>;
  names: CompiledName[];
  tokenIds: Map<string, number>;
  edges: Map<number, number>;
  /** node → indexes into names. */
  terminals: Map<number, number[]>;
  nodeCount: number;
}

export function tokenKey(folded: string, spaced: boolean): string {
  const lower = folded.toLowerCase();
  return spaced ? ' ' + lower : lower;
}

function caseRuleOf(token: string, isWord: boolean): number {
  if (!isWord) return CASE_ANY;
  const letters = token.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return CASE_ANY;
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return CASE_EXACT;
  const first = letters[0]!;
  if (first !== first.toLowerCase()) return CASE_CAPITAL;
  return CASE_ANY;
}

export function compileReferenceIndex(file: NameIndexFile): CompiledIndex {
  const entities: CompiledEntity[] = file.entities.map(([id, label, typeIndex, prior]) => ({
    id,
    label,
    type: ENTITY_TYPES[typeIndex] ?? 'other',
    prior,
  }));
  const entityById = new Map<string, number>();
  entities.forEach((e, i) => entityById.set(e.id, i));

  const tokenIds = new Map<string, number>();
  const edges = new Map<number, number>();
  const terminals = new Map<number, number[]>();
  const names: CompiledName[] = [];
  let nodeCount = 1; // node 0 is the root

  for (const [surface, entity, flags] of file.names) {
    const f = fold(surface.trim()).text;
    const toks = tokenize(f);
    if (toks.count === 0 || entity < 0 || entity >= entities.length) continue;
    // Same admission rule as the shipped index: lowercase starts only for brands, addresses, particles.
    const firstText = f.slice(toks.start[0], toks.end[0]);
    if (toks.word[0] !== 1) continue;
    if (firstText[0] === firstText[0]!.toLowerCase() && firstText[0] !== firstText[0]!.toUpperCase() && !lowercaseStartAllowed(surface.trim(), surface.trim().slice(0, firstText.length), firstText.toLowerCase())) continue;
    const caseRule = new Uint8Array(toks.count);
    const exact: string[] = [];
    let node = 0;
    for (let t = 0; t < toks.count; t++) {
      const text = f.slice(toks.start[t], toks.end[t]);
      const key = tokenKey(text, t > 0 && toks.spaced[t] === 1);
      let id = tokenIds.get(key);
      if (id === undefined) { id = tokenIds.size; tokenIds.set(key, id); }
      const edgeKey = node * TOKEN_SPACE + id;
      let next = edges.get(edgeKey);
      if (next === undefined) { next = nodeCount++; edges.set(edgeKey, next); }
      node = next;
      caseRule[t] = caseRuleOf(text, toks.word[t] === 1);
      exact.push(text);
    }
    // Acronym flag from the data forces exact case on every word token.
    if (flags & NAME_FLAGS.ACRONYM) for (let t = 0; t < toks.count; t++) if (toks.word[t]) caseRule[t] = CASE_EXACT;
    // A single word that is a function word, month or title is never a name,
    // unless it is an exact-case acronym ("US" yes, "us" no).
    if (toks.count === 1 && caseRule[0] !== CASE_EXACT && NEVER_ALONE.has(f.toLowerCase())) continue;
    const nameIndex = names.length;
    names.push({ entity, flags, caseRule, exact, tokenCount: toks.count });
    const list = terminals.get(node);
    if (list) list.push(nameIndex); else terminals.set(node, [nameIndex]);
  }
  return { datasetVersion: file.datasetVersion, entities, entityById, names, tokenIds, edges, terminals, nodeCount };
}
