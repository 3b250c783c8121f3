// Turns one evaluation case into exactly what the widget would hand the
// Ranker on the shopper's device: the server's candidates with their index
// data, and only this shopper's own history.
import type { HistoryItem, RankCandidate, RankInput } from '../../src/rank/types.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';

/** A fixed "now": the data has no timestamps, so recency comes from order alone. */
export const EVAL_NOW = Date.UTC(2026, 0, 1);

export interface ReplayOptions {
  weights: Record<string, number>;
  maxDisplacement: number;
  strength?: number;
}

export function candidatesOf(c: EvalCase, dataset: Dataset, signals: CatalogSignals): RankCandidate[] {
  return c.candidates.map(([id], serverRank) => {
    const item = dataset.items.get(id);
    return {
      id,
      serverRank,
      title: item?.title ?? id,
      category: item?.category,
      brand: item?.brand,
      vector: signals.vectors.get(id),
      neighbours: signals.neighbours.get(id),
    };
  });
}

/** History as stored on the device: purchases, oldest first, all at `now` (no times in the data). */
export function historyOf(ids: readonly string[], dataset: Dataset, signals: CatalogSignals): HistoryItem[] {
  return ids.map((itemId) => {
    const item = dataset.items.get(itemId);
    return {
      itemId,
      title: item?.title ?? itemId,
      type: 'purchase',
      time: EVAL_NOW,
      category: item?.category,
      brand: item?.brand,
      vector: signals.vectors.get(itemId),
    };
  });
}

export function rankInputOf(c: EvalCase, dataset: Dataset, signals: CatalogSignals, options: ReplayOptions): RankInput {
  return {
    queryVector: signals.queryVectors.get(c.query),
    candidates: candidatesOf(c, dataset, signals),
    history: historyOf(c.history, dataset, signals),
    options: { strength: options.strength ?? 1, maxDisplacement: options.maxDisplacement, weights: options.weights, now: EVAL_NOW },
  };
}
