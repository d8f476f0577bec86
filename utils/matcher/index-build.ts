/**
 * Compiles the dataset's name list (NameIndexFile) into the typed-array
 * index of index-format.ts. Runs at package build time (and in tests and
 * benchmarks); the extension only opens the result.
 */
import { ENTITY_TYPES, NAME_FLAGS, type NameIndexFile } from '../dataset/schema';
import { isLetterUnit, isUpperUnit } from './chars';
import { ID_NUMERIC, MAX_NAME_TOKENS, NameIndex, RULE_ANY, RULE_CAPITAL, RULE_UPPER, deserializeIndex, serializeIndex, toBaseSteps, type IndexArrays, type IndexMeta } from './index-format';
import { NEVER_ALONE } from './stopwords';
import { END, codeLengths, encodeRecords } from './huffman';
import { LOWER_START_CODES, hashCheck, hashKey, keyTokens, lowerStartCode } from './tokens';

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

/**
 * An open-addressing table of (check hash, token id + 1) pairs with linear probing, at most
 * `load` full. A lookup stops at the first pair with its check hash, so the build looks every
 * token up as the scanner will and stops if one would be taken for another (about one build in
 * ten thousand: then change a seed in tokens.ts).
 */
function tokenTable(ids: Iterable<number>, tokenKeys: string[], load: number): Int32Array {
  const list = [...ids].sort((x, y) => x - y);
  let size = 16;
  while (size * load < list.length) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size * 2);
  for (const id of list) {
    let sl = hashKey(tokenKeys[id]!) & mask;
    while (table[2 * sl + 1] !== 0) sl = (sl + 1) & mask;
    table[2 * sl] = hashCheck(tokenKeys[id]!);
    table[2 * sl + 1] = id + 1;
  }
  for (const id of list) {
    const check = hashCheck(tokenKeys[id]!);
    let sl = hashKey(tokenKeys[id]!) & mask;
    while (table[2 * sl] !== check) sl = (sl + 1) & mask;
    const found = table[2 * sl + 1]! - 1;
    if (found !== id) throw new Error(`name index: token "${tokenKeys[id]}" would be found as "${tokenKeys[found]}"`);
  }
  return table;
}

/** A positive number as LEB128 bytes (7 bits each, high bit = more follow): none of them is 0. */
function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    out.push(n > 0 ? low | 0x80 : low);
  } while (n > 0);
  return out;
}

/** Splits an id into a shared prefix ("Q", "geonames:") and the rest. */
function idParts(id: string): [string, string] {
  const m = /^(?:[A-Za-z0-9_-]+:|Q(?=\d+$))/.exec(id);
  return m ? [m[0], id.slice(m[0].length)] : ['', id];
}

/** Hashes of first names: the first word (3+ letters) of the labels of at least three people. */
function firstNameHashes(file: NameIndexFile): Int32Array {
  const person = ENTITY_TYPES.indexOf('person');
  const counts = new Map<string, number>();
  for (const [, label, type] of file.entities) {
    if (type !== person) continue;
    const space = label.indexOf(' ');
    if (space < 3) continue; // one word is a mononym, not a first name
    const first = label.slice(0, space).toLowerCase();
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  const hashes = [...counts].filter(([, n]) => n >= 3).map(([w]) => hashKey(w) | 0);
  return Int32Array.from(new Set(hashes)).sort();
}

export function buildIndexArrays(file: NameIndexFile): IndexArrays {
  const E = file.entities.length;
  const tokenIds = new Map<string, number>();
  const tokenKeys: string[] = [];
  // The trie while building: node → edge key → child. Nodes 0..T-1 (the one-token prefixes) are
  // known only once every token is, so first tokens are kept apart and numbered at the end.
  const firstChildren: Map<number, number>[] = []; // token id → its one-token node's children (temporary ids)
  const children: Map<number, number>[] = []; // temporary id - 1 → children (deeper nodes)
  const nameNode: number[] = []; // per name: -(token id) - 1 for a one-token name, else temporary id
  const nameEntity: number[] = [];
  const nameFlags: number[] = [];
  const nameRules: number[] = [];
  const lowerStart = new Set<number>();
  const innerLower = new Set<number>();

  for (const [surface, entity, flags] of file.names) {
    if (!(entity >= 0 && entity < E)) continue;
    const name = surface.trim();
    const toks = keyTokens(name);
    if (toks.length === 0 || toks.length > MAX_NAME_TOKENS) continue;
    const acronym = (flags & NAME_FLAGS.ACRONYM) !== 0;
    const r = toks.map((t) => ruleOf(name.slice(t.start, t.end), t.word, acronym));
    // A single word that is a function word, month or title is never a name, unless an exact acronym ("US").
    if (toks.length === 1 && r[0] !== RULE_UPPER && NEVER_ALONE.has(toks[0]!.key)) continue;
    const first = toks[0]!;
    const c0 = name.charCodeAt(first.start);
    const startsLower = !(c0 >= 0x41 && c0 <= 0x5a) && !(c0 >= 0x30 && c0 <= 0x39) && !(c0 >= 0x80 && isUpperUnit(c0));
    if (startsLower && first.word && !lowercaseStartAllowed(name, name.slice(first.start, first.end), first.key)) continue;
    if (!first.word) continue; // a name starts with a word
    let node = 0; // -(token id) - 1 at depth one, then temporary ids
    toks.forEach((t, k) => {
      let id = tokenIds.get(t.key);
      if (id === undefined) { id = tokenKeys.length; tokenIds.set(t.key, id); tokenKeys.push(t.key); firstChildren.push(new Map()); }
      if (k === 0) {
        // A first token written in lowercase: text starting in lowercase is looked up only for these.
        if (startsLower) lowerStart.add(id);
        node = -id - 1;
      } else {
        // A later token the name lets be lowercase ("of", "de"): only these continue a name on a lowercase word.
        if (t.word && r[k] === RULE_ANY) innerLower.add(id);
        const key = id * 2 + (t.spaced ? 1 : 0);
        const map = node < 0 ? firstChildren[-node - 1]! : children[node - 1]!;
        let next = map.get(key);
        if (next === undefined) { children.push(new Map()); next = children.length; map.set(key, next); }
        node = next;
      }
    });
    nameNode.push(node);
    nameEntity.push(entity);
    nameFlags.push(flags & 0xff);
    nameRules.push(r.reduce((p, rule, k) => p | (rule << (2 * k)), 0) >>> 0);
  }

  // Final node numbers: token t is node t; deeper nodes breadth-first, so that the j-th edge
  // (edges listed node by node, keys ascending) leads to node T + j.
  const T = tokenKeys.length;
  const finalOf = new Int32Array(children.length + 1); // temporary id → final id
  const order: Map<number, number>[] = [...firstChildren];
  const childKey: number[] = [];
  const firstEdge: number[] = [];
  for (let n = 0; n < order.length; n++) {
    firstEdge.push(childKey.length);
    for (const [key, tmp] of [...order[n]!].sort((x, y) => x[0] - y[0])) {
      childKey.push(key);
      finalOf[tmp] = T + childKey.length - 1;
      order.push(children[tmp - 1]!);
    }
  }
  const N = order.length;
  firstEdge.push(childKey.length);

  // Names in node order: a node's names are a range.
  const finalNode = nameNode.map((n) => (n < 0 ? -n - 1 : finalOf[n]!));
  const byNode = finalNode.map((_, m) => m).sort((x, y) => finalNode[x]! - finalNode[y]! || x - y);
  const firstName = new Int32Array(N + 1);
  let m = 0;
  for (let n = 0; n <= N; n++) {
    while (m < byNode.length && finalNode[byNode[m]!]! < n) m++;
    firstName[n] = m;
  }
  const edges = toBaseSteps(firstEdge);
  const names = toBaseSteps(firstName);
  const patterns = new Map<number, number>();
  const nameRule = new Uint16Array(byNode.length);
  byNode.forEach((old, k) => {
    const p = nameRules[old]!;
    if (!patterns.has(p)) patterns.set(p, patterns.size);
    nameRule[k] = patterns.get(p)!;
  });
  if (patterns.size > 0xffff) throw new Error('name index: too many case-rule patterns');

  const lowerStarts = new Uint8Array(LOWER_START_CODES);
  for (const id of lowerStart) {
    const k = tokenKeys[id]!;
    const a = k.charCodeAt(0);
    const b = k.length > 1 ? k.charCodeAt(1) : 0;
    const c = k.length > 2 ? k.charCodeAt(2) : 0;
    // Only words starting with an ASCII lowercase letter consult the filter, and those with a
    // non-ASCII second or third letter pass it unasked: keys with other letters there need no entry.
    if (a < 128 && b < 128 && c < 128) lowerStarts[lowerStartCode(a, b, c)] = 1;
  }

  // Entities: id (prefix code + rest), a 0 byte, then the label Huffman-coded (huffman.ts). A rest
  // that is a number (Q42, geonames:2643743) is stored as LEB128 bytes and flagged in its prefix code
  // (ID_NUMERIC): 3-4 bytes, not 7-8. Ids stay plain bytes: finding an id (a binary search) reads only them.
  const prefixes = new Map<string, number>([['', 0]]);
  const idPrefix = new Uint8Array(E);
  const encoder = new TextEncoder();
  const idBytes = file.entities.map(([id], e) => {
    let [prefix, rest] = idParts(id);
    if (!prefixes.has(prefix) && prefixes.size < ID_NUMERIC) prefixes.set(prefix, prefixes.size);
    if (!prefixes.has(prefix)) { prefix = ''; rest = id; }
    if (/^[1-9][0-9]{0,9}$/.test(rest) && Number(rest) <= 0xffffffff) {
      idPrefix[e] = prefixes.get(prefix)! | ID_NUMERIC;
      return Uint8Array.from(leb128(Number(rest)));
    }
    idPrefix[e] = prefixes.get(prefix)!;
    return encoder.encode(rest);
  });
  const labels = file.entities.map(([, label]) => encoder.encode(label));
  const counts = new Array<number>(END + 1).fill(0);
  for (const rec of labels) for (const b of rec) counts[b]!++;
  counts[END] = labels.length;
  const strCode = codeLengths(counts);
  const coded = encodeRecords(labels, strCode);
  const strOff = new Int32Array(E + 1);
  let sLen = 0;
  for (let e = 0; e < E; e++) { strOff[e] = sLen; sLen += idBytes[e]!.length + 1 + coded.starts[e + 1]! - coded.starts[e]!; }
  strOff[E] = sLen;
  const strPool = new Uint8Array(sLen);
  for (let e = 0; e < E; e++) {
    strPool.set(idBytes[e]!, strOff[e]!);
    strPool.set(coded.bytes.subarray(coded.starts[e]!, coded.starts[e + 1]!), strOff[e]! + idBytes[e]!.length + 1);
  }

  const idsSorted = file.entities.every(([id], e) => e === 0 || file.entities[e - 1]![0] < id);
  const meta: IndexMeta = { datasetVersion: file.datasetVersion, tokens: T, idPrefixes: [...prefixes.keys()], idsSorted };
  return {
    meta: encoder.encode(JSON.stringify(meta)),
    // The big table at most 3/4 full: linear probing stays within a cache line or two on a miss.
    slots: tokenTable(tokenKeys.keys(), tokenKeys, 0.75),
    lowerSlots: tokenTable(lowerStart, tokenKeys, 0.5),
    innerLowerSlots: tokenTable(innerLower, tokenKeys, 0.5),
    lowerStarts,
    edgeBase: edges.base,
    edgeStep: edges.step,
    nameBase: names.base,
    nameStep: names.step,
    childKey: Int32Array.from(childKey),
    nameEntity: Int32Array.from(byNode, (old) => nameEntity[old]!),
    nameFlags: Uint8Array.from(byNode, (old) => nameFlags[old]!),
    nameRule,
    rulePatterns: Uint32Array.from(patterns.keys()),
    entType: Uint8Array.from(file.entities.map(([, , type]) => (type >= 0 && type < ENTITY_TYPES.length ? type : ENTITY_TYPES.length - 1))),
    entPrior: Uint16Array.from(file.entities.map(([, , , prior]) => Math.round(Math.min(1, Math.max(0, prior)) * 65535))),
    idPrefix,
    strCode,
    strOff,
    strPool,
    firstNames: firstNameHashes(file),
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
