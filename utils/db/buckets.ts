/** Which bucket an entity id lives in: a stable hash, so lookups need no index. */

// Small enough that reading one bucket (one structured clone) stays around a millisecond,
// large enough that the whole dataset is ~1,000 rows, which load in well under a second.
export const TARGET_BUCKET_SIZE = 120;

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
