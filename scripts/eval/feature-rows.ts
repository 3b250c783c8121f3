// The Ranker's own features for each case, as rows for the trainer: column 0
// is the server prior, then each gated signal in FEATURE_NAMES order, so a
// weight vector fit on these rows is exactly the Ranker's blend. Every signal
// is computed (rank() computes only those its model weighs).
import { inServerOrder } from '../../src/rank/ranker.ts';
import { confidenceGate } from '../../src/rank/confidence.ts';
import { computeSignals, FEATURE_NAMES } from '../../src/rank/features.ts';
import { serverPrior } from '../../src/rank/server-prior.ts';
import type { RankCandidate } from '../../src/rank/types.ts';
import type { RankingModel } from '../../src/rank/default-weights.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { rankInputOf } from './replay.ts';
import type { RankingList } from './pairwise-logistic.ts';

export const ROW_COLUMNS = ['prior', ...FEATURE_NAMES] as const;

export interface CaseRows extends RankingList {
  /** The candidates as the Ranker saw them (server order), for placement. */
  candidates: RankCandidate[];
  /** The same without content vectors: as the Ranker sees them when its
   *  model does not use the encoder (near-duplicates then compare titles). */
  bare: RankCandidate[];
}

/** `model`: where topicality comes from and the lexical floor (the settings that change the rows). */
export function featureRows(
  c: EvalCase,
  dataset: Dataset,
  signals: CatalogSignals,
  model: Pick<RankingModel, 'topicality' | 'lexicalFloor'>,
): CaseRows {
  const input = rankInputOf(c, dataset, signals, { maxDisplacement: 0, withoutVectors: false });
  const candidates = inServerOrder(input.candidates);
  const computed = computeSignals(candidates, input.history, { now: input.options.now, ...model, terms: input.terms });
  const gate = confidenceGate(c.history.length);
  const rows = computed.map(({ features }, position) => {
    const row = new Float64Array(ROW_COLUMNS.length);
    row[0] = serverPrior(position);
    FEATURE_NAMES.forEach((name, k) => {
      row[k + 1] = gate * features[name];
    });
    return row;
  });
  const bare = candidates.map((cand) => ({ ...cand, vector: undefined }));
  return { rows, labels: candidates.map((cand) => new Map(c.candidates).get(cand.id) ?? 0), candidates, bare };
}
