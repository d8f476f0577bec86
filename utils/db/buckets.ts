/** Which bucket an entity id lives in: a stable hash, so lookups need no index. */

export const TARGET_BUCKET_SIZE = 400;

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
