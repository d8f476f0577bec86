/**
 * Compiles the dataset's name list (NameIndexFile) into the typed-array
 * index of index-format.ts. Runs at package build time (and in tests and
 * benchmarks); the extension only opens the result.
 */
import { ENTITY_TYPES, NAME_FLAGS, type NameIndexFile } from '../dataset/schema';
import { isLetterUnit, isUpperUnit } from './chars';
import { NameIndex, RULE_ANY, RULE_CAPITAL, RULE_UPPER, deserializeIndex, serializeIndex, type IndexArrays } from './index-format';
import { NEVER_ALONE } from './stopwords';
import { hashKey, keyTokens } from './tokens';

/** Lowercase particles that begin names ("al-Assad", "de Gaulle", "van der Leyen"). */
const PARTICLES = new Set(['al', 'el', 'ad', 'as', 'at', 'an', 'ash', 'de', 'del', 'della', 'der', 'di', 'da', 'das', 'do', 'dos', 'du', 'la', 'le', 'les', 'van', 'von', 'ter', 'ten', 'bin', 'ibn', 'bint', 'd', 'y', 'zu']);

/**
 * A name may begin in lowercase only as a brand ("eBay", "iPhone"), a web
 * address ("wsws.org") or after a particle ("al-Assad"); "the economy",
 * "global financial crisis" and other lowercase phrases are no names.
 */
export function lowercaseStartAllowed(name: string, first: string, firstKey: string): boolean {
  if (/[\p{Lu}\p{N}]/u.test(first)) return true;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(name)) return true;
  return PARTICLES.has(firstKey);
}

function ruleOf(original: string, isWord: boolean, acronym: boolean): number {
  if (!isWord) return RULE_ANY;
  let letters = 0;
  let upper = 0;
  let firstUpper: boolean | undefined;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (!isLetterUnit(c)) continue;
    letters++;
    const u = isUpperUnit(c);
    if (u) upper++;
    if (firstUpper === undefined) firstUpper = u;
  }
  if (letters === 0) return RULE_ANY;
  if (acronym || (letters >= 2 && upper === letters)) return RULE_UPPER;
  return firstUpper ? RULE_CAPITAL : RULE_ANY;
}

/** An open-addressing table (load ≤ 0.5) of a few token ids + 1, hashed by their keys. */
function smallTable(ids: Set<number>, tokenKeys: string[]): Int32Array {
  let size = 16;
  while (size < ids.size * 2) size <<= 1;
  const table = new Int32Array(size);
  for (const id of [...ids].sort((x, y) => x - y)) {
    let sl = hashKey(tokenKeys[id]!) & (size - 1);
    while (table[sl] !== 0) sl = (sl + 1) & (size - 1);
    table[sl] = id + 1;
  }
  return table;
}

export function buildIndexArrays(file: NameIndexFile): IndexArrays {
  const E = file.entities.length;
  const tokenIds = new Map<string, number>();
  const tokenKeys: string[] = [];
  const rootChild: number[] = [];
  const children: Map<number, number>[] = [new Map()]; // node → edge key → child; node 0 = root
  const terminals = new Map<number, number[]>();
  const nameEntity: number[] = [];
  const nameFlags: number[] = [];
  const rules: number[] = [];
  const ruleOff: number[] = [0];
  const lowerStart = new Set<number>();
  const innerLower = new Set<number>();

  for (const [surface, entity, flags] of file.names) {
    if (!(entity >= 0 && entity < E)) continue;
    const name = surface.trim();
    const toks = keyTokens(name);
    if (toks.length === 0 || toks.length > 255) continue;
    const acronym = (flags & NAME_FLAGS.ACRONYM) !== 0;
    const r = toks.map((t) => ruleOf(name.slice(t.start, t.end), t.word, acronym));
    // A single word that is a function word, month or title is never a name, unless an exact acronym ("US").
    if (toks.length === 1 && r[0] !== RULE_UPPER && NEVER_ALONE.has(toks[0]!.key)) continue;
    const first = toks[0]!;
    const c0 = name.charCodeAt(first.start);
    const startsLower = !(c0 >= 0x41 && c0 <= 0x5a) && !(c0 >= 0x30 && c0 <= 0x39) && !(c0 >= 0x80 && isUpperUnit(c0));
    if (startsLower && first.word && !lowercaseStartAllowed(name, name.slice(first.start, first.end), first.key)) continue;
    if (!first.word) continue; // a name starts with a word
    let node = 0;
    toks.forEach((t, k) => {
      let id = tokenIds.get(t.key);
      if (id === undefined) { id = tokenKeys.length; tokenIds.set(t.key, id); tokenKeys.push(t.key); rootChild.push(0); }
      if (k === 0) {
        // A first token written in lowercase: text starting in lowercase is looked up only for these.
        if (startsLower) lowerStart.add(id);
        if (rootChild[id] === 0) { rootChild[id] = children.length; children.push(new Map()); }
        node = rootChild[id]!;
      } else {
        // A later token the name lets be lowercase ("of", "de"): only these continue a name on a lowercase word.
        if (t.word && r[k] === RULE_ANY) innerLower.add(id);
        const key = id * 2 + (t.spaced ? 1 : 0);
        const map = children[node]!;
        let next = map.get(key);
        if (next === undefined) { next = children.length; map.set(key, next); children.push(new Map()); }
        node = next;
      }
    });
    const m = nameEntity.length;
    nameEntity.push(entity);
    nameFlags.push(flags & 0xff);
    rules.push(...r);
    ruleOff.push(rules.length);
    const list = terminals.get(node);
    if (list) list.push(m); else terminals.set(node, [m]);
  }

  const N = children.length;
  // Tokens: pool + open-addressing hash table (load ≤ 0.5).
  const tokOff = new Int32Array(tokenKeys.length + 1);
  let poolLen = 0;
  tokenKeys.forEach((k, i) => { tokOff[i] = poolLen; poolLen += k.length; });
  tokOff[tokenKeys.length] = poolLen;
  const tokPool = new Uint16Array(poolLen);
  tokenKeys.forEach((k, i) => { for (let j = 0; j < k.length; j++) tokPool[tokOff[i]! + j] = k.charCodeAt(j); });
  let S = 16;
  while (S < tokenKeys.length * 2) S <<= 1;
  const slots = new Int32Array(S);
  tokenKeys.forEach((k, i) => {
    let s = hashKey(k) & (S - 1);
    while (slots[s] !== 0) s = (s + 1) & (S - 1);
    slots[s] = i + 1;
  });

  const lowerSlots = smallTable(lowerStart, tokenKeys);
  const innerLowerSlots = smallTable(innerLower, tokenKeys);

  // CSR children of non-root nodes, keys sorted for binary search.
  const childStart = new Int32Array(N + 1);
  let edges = 0;
  for (let n = 0; n < N; n++) { childStart[n] = edges; if (n > 0) edges += children[n]!.size; }
  childStart[N] = edges;
  const childKey = new Int32Array(edges);
  const childNode = new Int32Array(edges);
  for (let n = 1; n < N; n++) {
    const sorted = [...children[n]!].sort((x, y) => x[0] - y[0]);
    sorted.forEach(([key, child], j) => { childKey[childStart[n]! + j] = key; childNode[childStart[n]! + j] = child; });
  }

  const termStart = new Int32Array(N + 1);
  const termName = new Int32Array(nameEntity.length);
  let t = 0;
  for (let n = 0; n < N; n++) {
    termStart[n] = t;
    for (const m of terminals.get(n) ?? []) termName[t++] = m;
  }
  termStart[N] = t;

  // Entities: type, prior, and id/label strings (+ the dataset version last).
  const strings: string[] = [];
  for (const [id, label] of file.entities) strings.push(id, label);
  strings.push(file.datasetVersion);
  const encoder = new TextEncoder();
  const encoded = strings.map((x) => encoder.encode(x));
  const strOff = new Int32Array(strings.length + 1);
  let sLen = 0;
  encoded.forEach((b, i) => { strOff[i] = sLen; sLen += b.length; });
  strOff[strings.length] = sLen;
  const strPool = new Uint8Array(sLen);
  encoded.forEach((b, i) => strPool.set(b, strOff[i]!));

  return {
    tokOff, tokPool, slots, lowerSlots, innerLowerSlots, rootChild: Int32Array.from(rootChild), childStart, childKey, childNode, termStart, termName,
    nameEntity: Int32Array.from(nameEntity), nameRuleOff: Int32Array.from(ruleOff), rulePool: Uint8Array.from(rules),
    nameFlags: Uint8Array.from(nameFlags),
    entType: Uint8Array.from(file.entities.map(([, , type]) => (type >= 0 && type < ENTITY_TYPES.length ? type : ENTITY_TYPES.length - 1))),
    entPrior: Float32Array.from(file.entities.map(([, , , prior]) => prior)),
    strOff, strPool,
  };
}

/** NameIndexFile → the bytes shipped as data/names.idx. */
export function buildIndexBuffer(file: NameIndexFile): ArrayBuffer {
  return serializeIndex(buildIndexArrays(file));
}

/** Opens a shipped index (no parsing: views into the buffer). */
export function openIndex(buf: ArrayBuffer): NameIndex {
  return new NameIndex(deserializeIndex(buf));
}

/** Compiles straight to an opened index (tests, CLI, benchmarks). */
export function compileIndex(file: NameIndexFile): NameIndex {
  return new NameIndex(buildIndexArrays(file));
}
