/**
 * The compiled name index: a token trie in typed arrays, serialized into one
 * ArrayBuffer that ships in the package (data/names.idx) and is opened
 * without parsing — the views point straight into the buffer.
 *
 *   tokens     every distinct folded, lowercased token of every name, in a
 *              UTF-16 pool, found through an open-addressing hash table
 *   trie       root children indexed by token id; other nodes in CSR form
 *              (children sorted by key = token id * 2 + "space before")
 *   terminals  per node, the names that end there
 *   names      entity, flags, and a case rule per token
 *   entities   type, prior, id and label (strings decoded on demand)
 */
import { NEVER_ALONE } from './stopwords';
import { isTitleWord } from './titles';
import { ENTITY_TYPES, type EntityType } from '../dataset/schema';

export const INDEX_MAGIC = 0x494e5344; // "DSNI"
export const INDEX_FORMAT = 4;
const HEADER_WORDS = 16;

/** Case rule of one name token. */
export const RULE_ANY = 0;
export const RULE_CAPITAL = 1;
export const RULE_UPPER = 2;

export interface IndexArrays {
  tokOff: Int32Array;
  tokPool: Uint16Array;
  slots: Int32Array;
  /** Hash slots (token id + 1) of the first tokens of names that may start in lowercase ("eBay", "wsws.org"). */
  lowerSlots: Int32Array;
  /** Hash slots of the tokens some name lets be lowercase after its first ("of", "de", "la"). */
  innerLowerSlots: Int32Array;
  rootChild: Int32Array;
  childStart: Int32Array;
  childKey: Int32Array;
  childNode: Int32Array;
  termStart: Int32Array;
  termName: Int32Array;
  nameEntity: Int32Array;
  nameRuleOff: Int32Array;
  rulePool: Uint8Array;
  nameFlags: Uint8Array;
  entType: Uint8Array;
  entPrior: Float32Array;
  /** Byte offsets of 2 strings per entity (id, label) plus the dataset version, into strPool (UTF-8). */
  strOff: Int32Array;
  strPool: Uint8Array;
}

type Section = keyof IndexArrays;
const ORDER: Section[] = [
  'tokOff', 'tokPool', 'slots', 'lowerSlots', 'innerLowerSlots', 'rootChild', 'childStart', 'childKey', 'childNode', 'termStart', 'termName',
  'nameEntity', 'nameRuleOff', 'rulePool', 'nameFlags', 'entType', 'entPrior', 'strOff', 'strPool',
];
const KIND: Record<Section, 'i32' | 'u16' | 'u8' | 'f32'> = {
  tokOff: 'i32', tokPool: 'u16', slots: 'i32', lowerSlots: 'i32', innerLowerSlots: 'i32', rootChild: 'i32', childStart: 'i32', childKey: 'i32', childNode: 'i32',
  termStart: 'i32', termName: 'i32', nameEntity: 'i32', nameRuleOff: 'i32', rulePool: 'u8', nameFlags: 'u8',
  entType: 'u8', entPrior: 'f32', strOff: 'i32', strPool: 'u8',
};
const BYTES = { i32: 4, u16: 2, u8: 1, f32: 4 } as const;

const align4 = (n: number) => (n + 3) & ~3;

export function serializeIndex(a: IndexArrays): ArrayBuffer {
  let size = (HEADER_WORDS + ORDER.length) * 4;
  for (const s of ORDER) size += align4(a[s].byteLength);
  const buf = new ArrayBuffer(size);
  const header = new Uint32Array(buf, 0, HEADER_WORDS + ORDER.length);
  header[0] = INDEX_MAGIC;
  header[1] = INDEX_FORMAT;
  header[2] = ORDER.length;
  let offset = (HEADER_WORDS + ORDER.length) * 4;
  ORDER.forEach((s, i) => {
    const arr = a[s];
    header[HEADER_WORDS + i] = arr.length;
    new Uint8Array(buf, offset, arr.byteLength).set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    offset += align4(arr.byteLength);
  });
  return buf;
}

export function deserializeIndex(buf: ArrayBuffer): IndexArrays {
  if (buf.byteLength < (HEADER_WORDS + ORDER.length) * 4) throw new Error('name index: file too short');
  const header = new Uint32Array(buf, 0, HEADER_WORDS + ORDER.length);
  if (header[0] !== INDEX_MAGIC) throw new Error('name index: not a Dossier index');
  if (header[1] !== INDEX_FORMAT) throw new Error(`name index: format ${header[1]}, expected ${INDEX_FORMAT}`);
  const out = {} as Record<Section, unknown>;
  let offset = (HEADER_WORDS + ORDER.length) * 4;
  ORDER.forEach((s, i) => {
    const length = header[HEADER_WORDS + i]!;
    const kind = KIND[s];
    const bytes = length * BYTES[kind];
    if (offset + bytes > buf.byteLength) throw new Error('name index: truncated');
    out[s] = kind === 'i32' ? new Int32Array(buf, offset, length) : kind === 'u16' ? new Uint16Array(buf, offset, length) : kind === 'u8' ? new Uint8Array(buf, offset, length) : new Float32Array(buf, offset, length);
    offset += align4(bytes);
  });
  return out as IndexArrays;
}

export interface CompiledEntity {
  id: string;
  label: string;
  type: EntityType;
  prior: number;
}

const utf8 = new TextDecoder();
function decode(pool: Uint8Array, start: number, end: number): string {
  return utf8.decode(pool.subarray(start, end));
}

const utf8Encoder = new TextEncoder();

/** FNV-1a over the bytes [start, end) (end -1: all), ASCII letters lowercased. */
function wordHash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  const stop = end < 0 ? bytes.length : end;
  for (let k = start; k < stop; k++) {
    const b = bytes[k]!;
    h = Math.imul(h ^ (b >= 0x41 && b <= 0x5a ? b + 0x20 : b), 0x01000193);
  }
  return h >>> 0;
}

/** An opened index: the arrays plus the lookups the resolver and the handlers need. */
export class NameIndex {
  readonly entityCount: number;
  readonly nameCount: number;
  readonly datasetVersion: string;
  private byId: Map<string, number> | undefined;
  private entityCache = new Map<number, CompiledEntity>();
  private firstNameHashes: Set<number> | undefined;

  constructor(readonly a: IndexArrays) {
    this.entityCount = a.entType.length;
    this.nameCount = a.nameEntity.length;
    this.datasetVersion = this.str(2 * this.entityCount);
  }

  private str(k: number): string {
    return decode(this.a.strPool, this.a.strOff[k]!, this.a.strOff[k + 1]!);
  }

  entity(e: number): CompiledEntity {
    let c = this.entityCache.get(e);
    if (!c) {
      c = { id: this.str(2 * e), label: this.str(2 * e + 1), type: ENTITY_TYPES[this.a.entType[e]!] ?? 'other', prior: this.a.entPrior[e]! };
      if (this.entityCache.size < 50_000) this.entityCache.set(e, c);
    }
    return c;
  }

  type(e: number): EntityType {
    return ENTITY_TYPES[this.a.entType[e]!] ?? 'other';
  }

  prior(e: number): number {
    return this.a.entPrior[e]!;
  }

  /** Entity index of an id (the map is built on first use). */
  indexOf(id: string): number | undefined {
    if (!this.byId) {
      this.byId = new Map();
      for (let e = 0; e < this.entityCount; e++) this.byId.set(this.str(2 * e), e);
    }
    return this.byId.get(id);
  }

  /**
   * Is `word` a first name: the first word of the labels of at least three people in the dataset
   * ("Holly", "Donald", "Paul"), not a word that is never a name alone ("The", "Sir")? The set is
   * built on first use from the label bytes (~15 ms; the background does it when the index opens), as hashes of the words with ASCII letters
   * lowercased: no string is made per label.
   */
  isFirstName(word: string): boolean {
    this.firstNameHashes ??= this.buildFirstNames();
    if (NEVER_ALONE.has(word.toLowerCase()) || isTitleWord(word)) return false;
    // The hash of the word's UTF-8 bytes: for ASCII (nearly every word) the code units are those bytes.
    let h = 0x811c9dc5;
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      if (c >= 0x80) return this.firstNameHashes.has(wordHash(utf8Encoder.encode(word), 0, -1));
      h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 0x20 : c), 0x01000193);
    }
    return this.firstNameHashes.has(h >>> 0);
  }

  private buildFirstNames(): Set<number> {
    const counts = new Map<number, number>();
    const { strPool, strOff, entType } = this.a;
    const person = ENTITY_TYPES.indexOf('person');
    for (let e = 0; e < this.entityCount; e++) {
      if (entType[e] !== person) continue;
      const start = strOff[2 * e + 1]!;
      const end = strOff[2 * e + 2]!;
      let j = start;
      while (j < end && strPool[j] !== 0x20) j++;
      if (j === end || j - start < 3) continue; // one word: a mononym, not a first name
      const h = wordHash(strPool, start, j);
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    return new Set([...counts].filter(([, n]) => n >= 3).map(([h]) => h));
  }

  /** Total bytes held by the index arrays. */
  get byteLength(): number {
    let n = 0;
    for (const arr of Object.values(this.a) as ArrayLike<number>[] as unknown as { byteLength: number }[]) n += arr.byteLength;
    return n;
  }
}
