// Turns one evaluation case into exactly what the widget would hand the
// Ranker on the shopper's device in one condition: the server's candidates
// with the fields the page shows and their index data, and only this
// shopper's own history.
import type { HistoryItem, RankCandidate, RankInput, RankOptions } from '../../src/rank/types.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { modelUsesEncoder } from '../../src/rank/encoder-use.ts';
import { modelFor } from '../../src/rank/ranker.ts';

/** A fixed "now": the data has no timestamps, so recency comes from order alone. */
export const EVAL_NOW = Date.UTC(2026, 0, 1);

export interface ReplayOptions {
  maxDisplacement: number;
  /** Ranker overrides (trainer grid, ablations); the shipped models when absent. */
  weights?: RankOptions['weights'];
  weightOffsets?: RankOptions['weightOffsets'];
  model?: RankOptions['model'];
  strength?: number;
  /** Drop every content vector: the ranking the widget makes without the encoder.
   *  'auto' (default): as the widget does, drop them when the model that ranks
   *  this list (the given one, else the shipped one for its signals) does not
   *  use the encoder (it is then not loaded). */
  withoutVectors?: boolean | 'auto';
}

function fieldsOf(id: string, dataset: Dataset, signals: CatalogSignals) {
  const item = dataset.items.get(id);
  const all = signals.fields === 'all';
  return { title: item?.title ?? id, category: all ? item?.category : undefined, brand: all ? item?.brand : undefined };
}

export function candidatesOf(c: EvalCase, dataset: Dataset, signals: CatalogSignals, withoutVectors = false): RankCandidate[] {
  return c.candidates.map(([id], serverRank) => ({
    id,
    serverRank,
    ...fieldsOf(id, dataset, signals),
    vector: withoutVectors ? undefined : signals.vectors.get(id),
    neighbours: signals.neighbours.get(id),
  }));
}

/** History as stored on the device: purchases, oldest first, all at `now` (no times in the data). */
export function historyOf(ids: readonly string[], dataset: Dataset, signals: CatalogSignals, withoutVectors = false): HistoryItem[] {
  return ids.map((itemId) => ({
    itemId,
    type: 'purchase',
    time: EVAL_NOW,
    ...fieldsOf(itemId, dataset, signals),
    vector: withoutVectors ? undefined : signals.vectors.get(itemId),
  }));
}

export function rankInputOf(c: EvalCase, dataset: Dataset, signals: CatalogSignals, options: ReplayOptions): RankInput {
  const rankOptions: RankOptions = {
    strength: options.strength ?? 1,
    maxDisplacement: options.maxDisplacement,
    weights: options.weights,
    weightOffsets: options.weightOffsets,
    model: options.model,
    now: EVAL_NOW,
  };
  const auto = options.withoutVectors === undefined || options.withoutVectors === 'auto';
  const bare = auto
    ? !modelUsesEncoder(modelFor({ candidates: candidatesOf(c, dataset, signals), options: rankOptions }).model)
    : options.withoutVectors === true;
  return {
    queryVector: bare ? undefined : signals.queryVectors.get(c.query),
    candidates: candidatesOf(c, dataset, signals, bare),
    history: historyOf(c.history, dataset, signals, bare),
    terms: signals.terms,
    options: rankOptions,
  };
}
