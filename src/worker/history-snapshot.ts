// The worker's view of this shopper's history: the HistoryStore, opened on
// first use, and the part a ranking reads (recent events, learned weights),
// kept in memory until the store says something changed — here or in another
// tab. That change notice is the one place the snapshot is dropped.
import { HistoryStore, type HistoryEvent } from '../history/history-store.ts';
import { describe, MalformedRowsError, type SkippedRowsListener, type StoreName } from '../history/stored-rows.ts';
import type { WeightOffsets } from '../rank/learned-weights.ts';
import { EdgeRerankError, type Problem } from '../errors.ts';

/** IndexedDB meta key of what this shopper's clicks taught: offsets from the shipped default weights. */
export const LEARNED_WEIGHTS_KEY = 'rank-weight-offsets';
/** Most recent history events a ranking looks at. */
export const HISTORY_WINDOW = 100;
/** A history read is reused this long at most (retention cut-offs move with time). */
const SNAPSHOT_MAX_AGE_MS = 60_000;

export interface HistorySnapshot {
  /** Oldest first. */
  events: HistoryEvent[];
  /** What this shopper's clicks taught: offsets added to the fitted model of
   *  whichever situation ranks a list (none when undefined). */
  weightOffsets: WeightOffsets | undefined;
  /** What was wrong with stored data that was skipped. */
  problems: Problem[];
}

export class HistoryAccess {
  #store: Promise<HistoryStore> | null = null;
  #snapshot: { value: HistorySnapshot; readAt: number } | null = null;
  /** Grows on every change: a read that started before one is not kept. */
  #generation = 0;
  /** Stores whose malformed rows were reported: once per worker, until forget(). */
  readonly #reported = new Set<StoreName>();
  /** The page's count of history changes it heard of, at the last rerank. */
  #pageHeard: number | undefined;

  /** The store, opened on first use; a failed open is tried again next time (IndexedDB may come back). */
  store(): Promise<HistoryStore> {
    if (!this.#store) {
      this.#store = HistoryStore.open().then((store) => {
        store.onChange((change) => this.#changed(change)); // recorded or forgotten, by this worker or another tab
        return store;
      });
      this.#store.catch(() => (this.#store = null));
    }
    return this.#store;
  }

  /** Events and learned weights, read once and reused until something changes. */
  async snapshot(): Promise<HistorySnapshot> {
    const store = await this.store();
    const now = Date.now();
    if (this.#snapshot && now - this.#snapshot.readAt < SNAPSHOT_MAX_AGE_MS) return this.#snapshot.value;
    const generation = this.#generation;
    const problems: Problem[] = [];
    const onSkipped = this.skippedListener(problems);
    const [events, offsets] = await Promise.all([store.recentEvents(HISTORY_WINDOW, onSkipped), this.learnedOffsets(onSkipped)]);
    const value: HistorySnapshot = { events, weightOffsets: offsets, problems };
    if (generation === this.#generation) this.#snapshot = { value, readAt: now };
    return value;
  }

  /** The learned offsets as stored; undefined (and one error) when they are malformed. */
  async learnedOffsets(onSkipped?: SkippedRowsListener): Promise<WeightOffsets | undefined> {
    const offsets = await (await this.store()).getMeta<unknown>(LEARNED_WEIGHTS_KEY);
    const fault = offsetsFault(offsets);
    if (fault === null) return offsets as WeightOffsets | undefined;
    onSkipped?.(
      new MalformedRowsError(
        'meta',
        1,
        `history storage: the learned weights ("${LEARNED_WEIGHTS_KEY}") are malformed and ignored (${fault}); the shipped weights are used and nothing stored was changed`,
      ),
    );
    return undefined;
  }

  /** The page heard of `changes` history changes so far: when that count
   *  moved, a change may not have reached this worker yet, so read afresh. */
  pageHeard(changes: number | undefined): void {
    if (changes === undefined || changes === this.#pageHeard) return;
    const first = this.#pageHeard === undefined;
    this.#pageHeard = changes;
    if (!first) this.#changed('page');
  }

  /** Puts the first error about each store's malformed rows into `problems`. */
  skippedListener(problems: Problem[]): SkippedRowsListener {
    return (error) => {
      if (this.#reported.has(error.store)) return;
      this.#reported.add(error.store);
      problems.push(error.toJSON());
    };
  }

  #changed(change: string): void {
    this.#generation++;
    this.#snapshot = null;
    if (change === 'forgotten') this.#reported.clear();
  }
}

/** What is wrong with stored weight offsets, or null when they can be used (none stored is fine). */
function offsetsFault(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `they are ${describe(value)}`;
  for (const [name, offset] of Object.entries(value)) {
    if (typeof offset !== 'number' || !Number.isFinite(offset)) return `${name} is ${describe(offset)}, expected a number`;
  }
  return null;
}

/** A storage failure as the rerank reports it. */
export function storageProblem(err: unknown): Problem {
  return EdgeRerankError.problem('storage', err);
}
