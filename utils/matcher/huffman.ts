/**
 * A canonical Huffman code over bytes, for the index's entity labels. The index is what a waking
 * worker waits to read, and the labels' 2 MB of UTF-8 code to about two thirds of that. Each
 * record ends with its own END symbol and starts on a byte boundary, so one entity's label is
 * decoded alone, when a mention needs it.
 */

/** The end-of-record symbol (bytes are 0..255). */
export const END = 256;
const SYMBOLS = 257;
/** Longest code allowed: keeps the decoder's tables small and its integers exact. */
const MAX_BITS = 24;

/** Code lengths (0 = unused) for these symbol counts, none longer than MAX_BITS. */
export function codeLengths(counts: ArrayLike<number>): Uint8Array {
  let scaled = Array.from(counts, (c) => c);
  for (;;) {
    const lengths = huffmanLengths(scaled);
    if (Math.max(...lengths) <= MAX_BITS) return lengths;
    // Too deep: flatten the rare symbols' counts and build again.
    scaled = scaled.map((c) => (c > 0 ? Math.max(1, Math.ceil(c / 2)) : 0));
  }
}

function huffmanLengths(counts: number[]): Uint8Array {
  const lengths = new Uint8Array(SYMBOLS);
  const used = counts.map((c, s) => [c, s] as const).filter(([c]) => c > 0);
  if (used.length === 1) { lengths[used[0]![1]] = 1; return lengths; }
  // Nodes: leaves are symbols, inner nodes are merged pairs; parent[] gives each node's depth.
  type Node = { weight: number; id: number };
  const parent: number[] = [];
  let heap: Node[] = used.map(([c, s]) => ({ weight: c, id: s }));
  let next = SYMBOLS;
  while (heap.length > 1) {
    heap.sort((a, b) => a.weight - b.weight || a.id - b.id);
    const [a, b] = heap;
    const id = next++;
    parent[a!.id] = id;
    parent[b!.id] = id;
    heap = [{ weight: a!.weight + b!.weight, id }, ...heap.slice(2)];
  }
  for (const [, s] of used) {
    let depth = 0;
    for (let n = s; parent[n] !== undefined; n = parent[n]!) depth++;
    lengths[s] = depth;
  }
  return lengths;
}

/** Canonical codes for the lengths: shorter codes first, then by symbol. */
function canonicalCodes(lengths: Uint8Array): Uint32Array {
  const codes = new Uint32Array(SYMBOLS);
  let code = 0;
  for (let len = 1; len <= MAX_BITS; len++) {
    for (let s = 0; s < SYMBOLS; s++) if (lengths[s] === len) codes[s] = code++;
    code <<= 1;
  }
  return codes;
}

/** Encodes records, each followed by END and padded to a byte; returns the bytes and each record's start. */
export function encodeRecords(records: Uint8Array[], lengths: Uint8Array): { bytes: Uint8Array; starts: Int32Array } {
  const codes = canonicalCodes(lengths);
  const out: number[] = [];
  const starts = new Int32Array(records.length + 1);
  records.forEach((rec, i) => {
    starts[i] = out.length;
    let acc = 0;
    let bits = 0;
    const put = (s: number) => {
      const len = lengths[s]!;
      if (len === 0) throw new Error(`huffman: symbol ${s} has no code`);
      for (let k = len - 1; k >= 0; k--) {
        acc = (acc << 1) | ((codes[s]! >>> k) & 1);
        if (++bits === 8) { out.push(acc); acc = 0; bits = 0; }
      }
    };
    for (const b of rec) put(b);
    put(END);
    if (bits > 0) out.push(acc << (8 - bits));
  });
  starts[records.length] = out.length;
  return { bytes: Uint8Array.from(out), starts };
}

/** Decoding tables of a canonical code: per length, its first code, where its symbols start, how many. */
export class HuffmanDecoder {
  private readonly first = new Int32Array(MAX_BITS + 2);
  private readonly offset = new Int32Array(MAX_BITS + 2);
  private readonly count = new Int32Array(MAX_BITS + 2);
  private readonly symbols: Uint16Array;
  private scratch = new Uint8Array(256);

  constructor(lengths: Uint8Array) {
    const sorted: number[] = [];
    let code = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      this.first[len] = code;
      this.offset[len] = sorted.length;
      for (let s = 0; s < SYMBOLS; s++) if (lengths[s] === len) { sorted.push(s); code++; }
      this.count[len] = sorted.length - this.offset[len]!;
      code <<= 1;
    }
    this.symbols = Uint16Array.from(sorted);
  }

  /** The bytes of the record starting at byte `start` (up to its END). */
  decode(bytes: Uint8Array, start: number): Uint8Array {
    let n = 0;
    let pos = start * 8;
    for (;;) {
      let code = 0;
      let len = 0;
      let symbol = -1;
      while (len < MAX_BITS) {
        code = (code << 1) | ((bytes[pos >> 3]! >> (7 - (pos & 7))) & 1);
        pos++;
        len++;
        const k = code - this.first[len]!;
        if (k < this.count[len]!) { symbol = this.symbols[this.offset[len]! + k]!; break; }
      }
      if (symbol < 0) throw new Error('huffman: corrupt record');
      if (symbol === END) return this.scratch.slice(0, n);
      if (n === this.scratch.length) { const bigger = new Uint8Array(n * 2); bigger.set(this.scratch); this.scratch = bigger; }
      this.scratch[n++] = symbol;
    }
  }
}
