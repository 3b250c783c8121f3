// The rankings this worker returned lately, by id, so a click teaches the
// weights against the list that was clicked: every <edge-rerank> on a page
// shares this worker, and each sends back the id of its own ranking.
import type { RankResult } from '../rank/types.ts';

/** Rankings kept: a page shows a few lists, each reranked a few times. */
const KEPT = 32;

export class RecentRankings {
  readonly #byId = new Map<string, RankResult>();
  /** Per worker, so an id a page kept from a replaced worker never names a ranking of the new one. */
  readonly #prefix = Math.random().toString(36).slice(2, 10);
  #next = 0;

  /** Keeps `result`; returns its id. */
  add(result: RankResult): string {
    const id = `${this.#prefix}-${++this.#next}`;
    this.#byId.set(id, result);
    for (const oldest of this.#byId.keys()) {
      if (this.#byId.size <= KEPT) break;
      this.#byId.delete(oldest);
    }
    return id;
  }

  get(id: string | undefined): RankResult | undefined {
    return id === undefined ? undefined : this.#byId.get(id);
  }

  clear(): void {
    this.#byId.clear();
  }
}
