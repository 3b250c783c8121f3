// Deterministic train / validation / test split by shopper: a stable hash of
// the user id picks the part, so one shopper's cases never straddle parts and
// a re-run (or a new case of a known shopper) lands in the same part.
export type SplitName = 'train' | 'validation' | 'test';

/** FNV-1a, 32 bit: tiny, stable across platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** 0–9, stable per user. */
export function userBucket(user: string): number {
  return fnv1a(`edge-rerank-split:${user}`) % 10;
}

/** 60% train, 20% validation, 20% test, by hash(user) mod 10. */
export function splitOf(user: string): SplitName {
  const bucket = userBucket(user);
  return bucket < 6 ? 'train' : bucket < 8 ? 'validation' : 'test';
}
