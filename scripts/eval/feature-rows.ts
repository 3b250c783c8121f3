// The Ranker's own features for each case, as rows for the trainer: column 0
// is the server prior, then each gated signal in FEATURE_NAMES order, so a
// weight vector fit on these rows is exactly the Ranker's blend.
import { rank } from '../../src/rank/ranker.ts';
import { confidenceGate } from '../../src/rank/confidence.ts';
import { FEATURE_NAMES } from '../../src/rank/features.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { rankInputOf } from './replay.ts';
import type { RankingList } from './pairwise-logistic.ts';

export const ROW_COLUMNS = ['prior', ...FEATURE_NAMES] as const;

export function featureRows(c: EvalCase, dataset: Dataset, signals: CatalogSignals): RankingList {
  const result = rank(rankInputOf(c, dataset, signals, { weights: {}, maxDisplacement: 0 }));
  const gate = confidenceGate(c.history.length);
  const rows = c.candidates.map(([id]) => {
    const f = result.features[id] ?? {};
    const row = new Float64Array(ROW_COLUMNS.length);
    row[0] = f.prior ?? 0;
    FEATURE_NAMES.forEach((name, k) => {
      row[k + 1] = gate * (f[name] ?? 0);
    });
    return row;
  });
  return { rows, labels: c.candidates.map(([, label]) => label) };
}
