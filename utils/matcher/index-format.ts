/**
 * The compiled name index: a token trie in typed arrays, serialized into one
 * ArrayBuffer that ships in the package (data/names.idx) and is opened
 * without parsing — the views point straight into the buffer.
 *
 *   tokens     each distinct folded, lowercased token of every name has an id; a hash table
 *              of (check hash, id) pairs finds it from the text's characters. Two independent
 *              32-bit hashes must agree, so no token text is shipped (see tokens.ts)
 *   trie       node t (t < token count) is the one-token prefix t; deeper nodes are numbered
 *              breadth-first, so node n's children are the nodes T + j for its edges j
 *              (sorted keys: token id * 2 + "space before"). A node's first edge and first
 *              name are kept as a base per 64 nodes plus a 16-bit step per node (half the bytes
 *              of an int each, and the file is what a waking worker waits to read)
 *   names      numbered by the node they end at (a node's names are a range); entity, flags,
 *              and a case-rule pattern (2 bits per token) from a shared table
 *   entities   type, prior, id (a shared prefix + the rest) and label (strings decoded on demand)
 */
import { NEVER_ALONE } from './stopwords';
import { isTitleWord } from './titles';
import { hashKey } from './tokens';
import { HuffmanDecoder } from './huffman';
import { ENTITY_TYPES, type EntityType } from '../dataset/schema';

export const INDEX_MAGIC = 0x494e5344; // "DSNI"
export const INDEX_FORMAT = 6;
const HEADER_WORDS = 16;

/** Case rule of one name token (2 bits each in a rule pattern, first token lowest). */
export const RULE_ANY = 0;
export const RULE_CAPITAL = 1;
export const RULE_UPPER = 2;
/** Flag in idPrefix: the id's rest is a decimal number, stored as LEB128 bytes. */
export const ID_NUMERIC = 0x80;
/** Longest name the index holds, in tokens (a rule pattern is 32 bits). */
export const MAX_NAME_TOKENS = 16;

/** Small facts about the index, stored as JSON in the `meta` section. */
export interface IndexMeta {
  datasetVersion: string;
  /** Number of tokens: nodes 0..tokens-1 are the one-token prefixes. */
  tokens: number;
  /** Id prefixes ("Q", "geonames:") that entity ids are stored without. */
  idPrefixes: string[];
  /** Entities are in ascending id order (the dataset build sorts them): ids are found by binary search. */
  idsSorted?: boolean;
}

export interface IndexArrays {
  meta: Uint8Array;
  /** Open addressing, linear probing: pairs (check hash, token id + 1); 0 = empty. */
  slots: Int32Array;
  /** The same, for the first tokens of names that may start in lowercase ("eBay", "wsws.org"). */
  lowerSlots: Int32Array;
  /** The same, for tokens some name lets be lowercase after its first ("of", "de", "la"). */
  innerLowerSlots: Int32Array;
  /** 1 where some lowercase-start token begins with these three letters (lowerStartCode). */
  lowerStarts: Uint8Array;
  /** Node n's first edge is edgeBase[n >> 6] + edgeStep[n] (n up to the node count: a sentinel). */
  edgeBase: Int32Array;
  edgeStep: Uint16Array;
  /** Node n's first name is nameBase[n >> 6] + nameStep[n]. */
  nameBase: Int32Array;
  nameStep: Uint16Array;
  childKey: Int32Array;
  nameEntity: Int32Array;
  nameFlags: Uint8Array;
  /** Index into rulePatterns. */
  nameRule: Uint16Array;
  rulePatterns: Uint32Array;
  entType: Uint8Array;
  /** Notability prior × 65535. */
  entPrior: Uint16Array;
  /** Index into meta.idPrefixes, plus ID_NUMERIC when the rest of the id is a number stored as LEB128. */
  idPrefix: Uint8Array;
  /** Code lengths of the Huffman code the entity strings are written in (huffman.ts). */
  strCode: Uint8Array;
  /** Entity e's strings start at byte strOff[e]: the id without its prefix, a 0 byte, the label's UTF-8 Huffman-coded. */
  strOff: Int32Array;
  strPool: Uint8Array;
  /** Sorted hashKey()s of lowercased first names: the first word of three or more people's labels. */
  firstNames: Int32Array;
}

type Section = keyof IndexArrays;
type Kind = 'i32' | 'u32' | 'u16' | 'u8';
const KIND: Record<Section, Kind> = {
  meta: 'u8', slots: 'i32', lowerSlots: 'i32', innerLowerSlots: 'i32', lowerStarts: 'u8', edgeBase: 'i32', edgeStep: 'u16', nameBase: 'i32', nameStep: 'u16', childKey: 'i32',
  nameEntity: 'i32', nameFlags: 'u8', nameRule: 'u16', rulePatterns: 'u32', entType: 'u8', entPrior: 'u16', idPrefix: 'u8',
  strCode: 'u8', strOff: 'i32', strPool: 'u8', firstNames: 'i32',
};
const ORDER = Object.keys(KIND) as Section[];
const BYTES: Record<Kind, number> = { i32: 4, u32: 4, u16: 2, u8: 1 };

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
  if (header[2] !== ORDER.length) throw new Error('name index: unexpected sections');
  const out = {} as Record<Section, unknown>;
  let offset = (HEADER_WORDS + ORDER.length) * 4;
  ORDER.forEach((s, i) => {
    const length = header[HEADER_WORDS + i]!;
    const kind = KIND[s];
    const bytes = length * BYTES[kind];
    if (offset + bytes > buf.byteLength) throw new Error('name index: truncated');
    out[s] = kind === 'i32' ? new Int32Array(buf, offset, length) : kind === 'u32' ? new Uint32Array(buf, offset, length) : kind === 'u16' ? new Uint16Array(buf, offset, length) : new Uint8Array(buf, offset, length);
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

/** Node n's edge and name offsets have their base at n >> STEP_SHIFT (64 nodes per base). */
export const STEP_SHIFT = 6;

/** Offsets (one per node, plus a sentinel) as a base per 64 nodes and a 16-bit step per node. */
export function toBaseSteps(offsets: ArrayLike<number>): { base: Int32Array; step: Uint16Array } {
  const base = new Int32Array(((offsets.length - 1) >> STEP_SHIFT) + 1);
  const step = new Uint16Array(offsets.length);
  for (let n = 0; n < offsets.length; n++) {
    if (n % (1 << STEP_SHIFT) === 0) base[n >> STEP_SHIFT] = offsets[n]!;
    const d = offsets[n]! - base[n >> STEP_SHIFT]!;
    if (d > 0xffff) throw new Error('name index: too many edges or names within one block of nodes');
    step[n] = d;
  }
  return { base, step };
}

/** An opened index: the arrays plus the lookups the resolver and the handlers need. */
export class NameIndex {
  readonly entityCount: number;
  readonly nameCount: number;
  readonly tokenCount: number;
  readonly nodeCount: number;
  readonly datasetVersion: string;
  private readonly idPrefixes: string[];
  private readonly idsSorted: boolean;
  private byId: Map<string, number> | undefined;
  private entityCache = new Map<number, CompiledEntity>();
  private decoder: HuffmanDecoder | undefined;

  constructor(readonly a: IndexArrays) {
    const meta = JSON.parse(utf8.decode(a.meta)) as IndexMeta;
    this.entityCount = a.entType.length;
    this.nameCount = a.nameEntity.length;
    this.tokenCount = meta.tokens;
    this.datasetVersion = meta.datasetVersion;
    this.idPrefixes = meta.idPrefixes;
    this.idsSorted = meta.idsSorted === true;
    this.nodeCount = a.edgeStep.length - 1;
    if (this.nodeCount < meta.tokens || a.nameStep.length !== a.edgeStep.length || a.edgeBase.length !== (this.nodeCount >> STEP_SHIFT) + 1 || a.strOff.length !== this.entityCount + 1) throw new Error('name index: inconsistent sections');
  }

  entity(e: number): CompiledEntity {
    let c = this.entityCache.get(e);
    if (!c) {
      const [id, label] = this.strings(e);
      c = { id, label, type: this.type(e), prior: this.prior(e) };
      if (this.entityCache.size < 50_000) this.entityCache.set(e, c);
    }
    return c;
  }

  /** Id and label of entity e. */
  private strings(e: number): [string, string] {
    this.decoder ??= new HuffmanDecoder(this.a.strCode);
    return [this.id(e), utf8.decode(this.decoder.decode(this.a.strPool, this.idEnd(e) + 1))];
  }

  /** Where entity e's id bytes end: its 0 byte, after which the label's code starts. */
  private idEnd(e: number): number {
    const strPool = this.a.strPool;
    let k = this.a.strOff[e]!;
    while (strPool[k] !== 0) k++;
    return k;
  }

  private id(e: number): string {
    const { strPool, strOff } = this.a;
    const start = strOff[e]!;
    const cut = this.idEnd(e);
    const code = this.a.idPrefix[e]!;
    let rest: string;
    if (code & ID_NUMERIC) {
      let n = 0;
      for (let k = cut - 1; k >= start; k--) n = n * 128 + (strPool[k]! & 0x7f);
      rest = String(n);
    } else rest = utf8.decode(strPool.subarray(start, cut));
    return this.idPrefixes[code & (ID_NUMERIC - 1)]! + rest;
  }

  type(e: number): EntityType {
    return ENTITY_TYPES[this.a.entType[e]!] ?? 'other';
  }

  prior(e: number): number {
    return this.a.entPrior[e]! / 65535;
  }

  /** Entity index of an id: a binary search over the sorted ids (else a map built on first use). */
  indexOf(id: string): number | undefined {
    if (this.idsSorted) {
      let lo = 0;
      let hi = this.entityCount - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const v = this.id(mid);
        if (v === id) return mid;
        if (v < id) lo = mid + 1; else hi = mid - 1;
      }
      return undefined;
    }
    if (!this.byId) {
      this.byId = new Map();
      for (let e = 0; e < this.entityCount; e++) this.byId.set(this.id(e), e);
    }
    return this.byId.get(id);
  }

  /**
   * Is `word` a first name: the first word of the labels of at least three people in the dataset
   * ("Holly", "Donald", "Paul"), not a word that is never a name alone ("The", "Sir")? The build
   * ships the hashes of those words, sorted: a binary search, no table to build at worker start.
   */
  isFirstName(word: string): boolean {
    if (NEVER_ALONE.has(word.toLowerCase()) || isTitleWord(word)) return false;
    const h = hashKey(word.toLowerCase()) | 0;
    const list = this.a.firstNames;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = list[mid]!;
      if (v === h) return true;
      if (v < h) lo = mid + 1; else hi = mid - 1;
    }
    return false;
  }

  /** Total bytes held by the index arrays. */
  get byteLength(): number {
    let n = 0;
    for (const arr of Object.values(this.a) as { byteLength: number }[]) n += arr.byteLength;
    return n;
  }
}
