// The trainer's fast path: the Ranker's blend and placement replayed from
// precomputed feature rows, so a grid of strengths and displacement limits
// does not recompute every signal. The chosen model is then scored again
// through rank() itself, and the trainer checks both agree.
import { placeItems } from '../../src/rank/placement.ts';
import { nearDuplicates } from '../../src/rank/near-duplicate.ts';
import { DUPLICATE_GAP } from '../../src/rank/ranker.ts';
import type { CaseRows } from './feature-rows.ts';

/** New order (candidate ids) for weights over the feature columns (without
 *  the prior, whose weight is 1). `usesEncoder`: whether the model reads
 *  content vectors; when it does not, the widget ranks without any
 *  (rankInputOf's 'auto'), and near-duplicates compare titles. */
export function replicaOrder(rows: CaseRows, weights: Float64Array, maxDisplacement: number, usesEncoder: boolean): string[] {
  const seen = usesEncoder ? rows.candidates : rows.bare;
  const scores = rows.rows.map((row) => {
    let sum = row[0] as number;
    for (let k = 0; k < weights.length; k++) sum += (weights[k] as number) * (row[k + 1] as number);
    return sum;
  });
  const moved = scores.some((s, i) => s !== rows.rows[i]![0]);
  if (!moved) return rows.candidates.map((c) => c.id);
  const order = placeItems({
    scores,
    pinned: rows.candidates.map(() => false),
    maxDisplacement,
    isNearDuplicate: (a, b) => nearDuplicates(seen[a]!, seen[b]!),
    duplicateGap: DUPLICATE_GAP,
  });
  return order.map((p) => rows.candidates[p]!.id);
}
