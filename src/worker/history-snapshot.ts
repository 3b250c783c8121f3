// The worker's view of this shopper's history: the HistoryStore, opened on
// first use, and the part a ranking reads (recent events, learned weights),
// kept in memory until the store says something changed — here or in another
// tab. That change notice is the one place the snapshot is dropped.
import { HistoryStore, type HistoryEvent } from '../history/history-store.ts';
import { weightsFromOffsets, type WeightOffsets } from '../rank/learned-weights.ts';
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
  /** Learned blend weights; the shipped defaults when undefined. */
  weights: Record<string, number> | undefined;
  /** What was wrong with stored data that was skipped. */
  problems: Problem[];
}

export class HistoryAccess {
  #store: Promise<HistoryStore> | null = null;
  #snapshot: { value: HistorySnapshot; readAt: number } | null = null;
  /** Grows on every change: a read that started before one is not kept. */
  #generation = 0;

  /** The store, opened on first use; a failed open is tried again next time (IndexedDB may come back). */
  store(): Promise<HistoryStore> {
    if (!this.#store) {
      this.#store = HistoryStore.open().then((store) => {
        store.onChange(() => this.#changed()); // recorded or forgotten, by this worker or another tab
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
    const [events, offsets] = await Promise.all([store.recentEvents(HISTORY_WINDOW), store.getMeta<WeightOffsets>(LEARNED_WEIGHTS_KEY)]);
    const value: HistorySnapshot = { events, weights: offsets ? weightsFromOffsets(offsets) : undefined, problems: [] };
    if (generation === this.#generation) this.#snapshot = { value, readAt: now };
    return value;
  }

  /** The learned offsets as stored (for learning from a click). */
  async learnedOffsets(): Promise<WeightOffsets | undefined> {
    return (await this.store()).getMeta<WeightOffsets>(LEARNED_WEIGHTS_KEY);
  }

  #changed(): void {
    this.#generation++;
    this.#snapshot = null;
  }
}

/** A storage failure as the rerank reports it. */
export function storageProblem(err: unknown): Problem {
  return EdgeRerankError.problem('storage', err);
}
