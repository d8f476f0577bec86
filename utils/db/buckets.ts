/**
 * Which bucket an entity id lives in (a stable hash, so lookups need no
 * index), and the text format buckets are shipped and stored in.
 *
 * Pure functions: the build (wxt.config.ts, Node) and the background share them.
 *
 * Format 2 ("bucket text"): a bucket is one string, one record a line,
 * `<id>\t<record as JSON>`, lines joined by "\n", in ASCII: every other
 * character (and, in the id, a backslash, tab or newline) is written as a
 * \uXXXX escape. JSON.parse reads the escapes back; ASCII keeps the strings
 * one byte a character in memory and in IndexedDB (half the bytes to write),
 * and JSON.stringify never writes a raw tab or newline, so a record is found
 * with one indexOf and only that record is parsed.
 *
 * A packaged part (data/entities-N.txt.gz, gzipped) is a run of whole buckets, each
 * `<bucket>\t<length>\n<bucket text>\n` with the length in UTF-16 units: the
 * background slices bucket texts out of the fetched part without looking at
 * the records, and writes them as they are.
 */

// ~95 kB of text a bucket: reading one row and finding a record in it stays around a
// millisecond, and the whole dataset is ~500 rows. Writes cost by the row more than by the byte:
// 48 records a row (2,600 rows) took 1.4 s to write in Chromium, 250 a row takes 0.25 s.
export const TARGET_BUCKET_SIZE = 250;

/** The storage format of bucket rows; an installed dataset of another format is installed again. */
export const BUCKET_FORMAT = 2;

/** Characters a packaged part holds at most: stores and web-ext lint refuse files over 5 MB. */
export const PART_MAX_CHARS = 3_000_000;

export function bucketCount(entities: number): number {
  return Math.max(1, Math.ceil(entities / TARGET_BUCKET_SIZE));
}

/** FNV-1a over UTF-16 units. */
export function bucketOf(id: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

export interface BucketText {
  bucket: number;
  text: string;
}

/** The list of packaged parts (data/entities-parts.json). */
export interface PartsList {
  format: number;
  buckets: number;
  entities: number;
  parts: string[];
}

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** JSON text in ASCII: non-ASCII characters as \uXXXX (JSON.stringify has escaped every control character already). */
const asciiJson = (json: string) => json.replace(/[^\x00-\x7f]/g, escape);
/** An id as it starts its line: one-to-one, ASCII, no tab or newline. */
export const idKey = (id: string) => id.replace(/[^\x20-\x7e]|\\/g, escape);

/** Groups records into bucket texts; empty buckets are left out. */
export function encodeBuckets(records: readonly { id: string }[], buckets = bucketCount(records.length)): BucketText[] {
  const lines: string[][] = Array.from({ length: buckets }, () => []);
  for (const r of records) lines[bucketOf(r.id, buckets)]!.push(`${idKey(r.id)}\t${asciiJson(JSON.stringify(r))}`);
  const out: BucketText[] = [];
  lines.forEach((l, bucket) => { if (l.length) out.push({ bucket, text: l.join('\n') }); });
  return out;
}

/** Packs bucket texts into part files of at most `maxChars` (a bucket larger than that gets a part of its own). */
export function encodeParts(buckets: readonly BucketText[], maxChars = PART_MAX_CHARS): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const { bucket, text } of buckets) {
    const block = `${bucket}\t${text.length}\n${text}\n`;
    if (size > 0 && size + block.length > maxChars) {
      parts.push(current.join(''));
      current = [];
      size = 0;
    }
    current.push(block);
    size += block.length;
  }
  if (current.length || parts.length === 0) parts.push(current.join(''));
  return parts;
}

/** Slices a packaged part into its bucket texts; throws on anything malformed (a truncated file). */
export function decodePart(part: string): BucketText[] {
  const out: BucketText[] = [];
  let pos = 0;
  while (pos < part.length) {
    const tab = part.indexOf('\t', pos);
    const nl = part.indexOf('\n', pos);
    if (tab < 0 || nl < tab) throw new Error(`malformed dataset part at ${pos}`);
    const bucket = Number(part.slice(pos, tab));
    const length = Number(part.slice(tab + 1, nl));
    const start = nl + 1;
    const end = start + length;
    if (!Number.isInteger(bucket) || bucket < 0 || !Number.isInteger(length) || length < 0 || part.charCodeAt(end) !== 10) {
      throw new Error(`malformed dataset part at ${pos}`);
    }
    out.push({ bucket, text: part.slice(start, end) });
    pos = end + 1;
  }
  return out;
}

/** The JSON of record `id` in a bucket text, or undefined. */
export function findRecordJson(text: string, id: string): string | undefined {
  const key = `${idKey(id)}\t`;
  let start: number;
  if (text.startsWith(key)) start = 0;
  else {
    const at = text.indexOf(`\n${key}`);
    if (at < 0) return undefined;
    start = at + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start + key.length, end < 0 ? text.length : end);
}

/** Every record of a bucket text, parsed (tests and tools; lookups parse only the record they need). */
export function decodeBucket<T = unknown>(text: string): T[] {
  if (!text) return [];
  return text.split('\n').map((line) => JSON.parse(line.slice(line.indexOf('\t') + 1)) as T);
}
