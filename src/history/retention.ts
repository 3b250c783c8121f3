// The bounds that keep history small and recent. One place for the defaults,
// so the docs, the store and the tests agree.

export interface RetentionLimits {
  /** Most events kept; the oldest go first. */
  maxEvents: number;
  /** Events older than this many days are dropped. */
  retentionDays: number;
  /** Most cached item vectors kept; the least recently used go first. */
  maxVectors: number;
}

export const DEFAULT_LIMITS: RetentionLimits = {
  maxEvents: 500,
  retentionDays: 90,
  // 5,000 × 384 int8 ≈ 2 MB: enough for every product a shopper sees in weeks.
  maxVectors: 5000,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A cached vector's last use is rewritten at most this often: the LRU needs
 *  minutes, not milliseconds, and rewriting 200 vectors on every rerank
 *  costs more (~35 ms) than reading them (~10 ms). */
export const LRU_TOUCH_INTERVAL_MS = 60_000;

/** Clamp user-supplied limits to sane whole numbers; anything odd falls back
 *  to the default rather than disabling a bound. */
export function resolveLimits(given: Partial<RetentionLimits>): RetentionLimits {
  const pick = (value: number | undefined, fallback: number, min: number): number =>
    typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.floor(value) : fallback;
  return {
    maxEvents: pick(given.maxEvents, DEFAULT_LIMITS.maxEvents, 1),
    retentionDays: pick(given.retentionDays, DEFAULT_LIMITS.retentionDays, 1),
    maxVectors: pick(given.maxVectors, DEFAULT_LIMITS.maxVectors, 1),
  };
}

/** Events with time strictly before this are expired. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * DAY_MS;
}

/** How many of `count` records must go to respect `cap`. */
export function overflow(count: number, cap: number): number {
  return count > cap ? count - cap : 0;
}
