// A pairwise logistic ranking model (RankNet with a linear scorer): for every
// pair of candidates in one list with different labels, the loss is
// log(1 + exp(−(s_better − s_worse))) with s = w·x. Fit by full-batch
// gradient descent with L2 on the weights; tiny, deterministic, no
// dependencies, and its output is just the weight vector the Ranker uses.

export interface RankingList {
  /** One feature row per candidate. */
  rows: Float64Array[];
  labels: number[];
}

export interface PairwiseOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Pairs whose better item has this label get this weight (default 1). */
  pairWeightByLabel?: Record<number, number>;
}

/** Every label-differing pair as one row of differences (flat, pair-major) and a weight. */
interface Pairs {
  dim: number;
  count: number;
  diff: Float64Array;
  weight: Float64Array;
}

function pairsOf(lists: readonly RankingList[], weightByLabel: Record<number, number>): Pairs {
  const dim = lists.find((l) => l.rows.length > 0)?.rows[0]?.length ?? 0;
  let count = 0;
  for (const list of lists) for (const li of list.labels) for (const lj of list.labels) if (li > lj) count++;
  const diff = new Float64Array(count * dim);
  const weight = new Float64Array(count);
  let p = 0;
  for (const list of lists) {
    for (let i = 0; i < list.rows.length; i++) {
      for (let j = 0; j < list.rows.length; j++) {
        const li = list.labels[i] as number;
        if (!(li > (list.labels[j] as number))) continue;
        const a = list.rows[i] as Float64Array;
        const b = list.rows[j] as Float64Array;
        for (let k = 0; k < dim; k++) diff[p * dim + k] = (a[k] as number) - (b[k] as number);
        weight[p++] = weightByLabel[li] ?? 1;
      }
    }
  }
  return { dim, count, diff, weight };
}

/** The weight vector minimising mean pair loss + l2/2·|w|². */
export function fitPairwiseLogistic(lists: readonly RankingList[], options: PairwiseOptions = {}): Float64Array {
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 300;
  const rate = options.learningRate ?? 1;
  const { dim, count, diff, weight } = pairsOf(lists, options.pairWeightByLabel ?? {});
  const w = new Float64Array(dim);
  if (count === 0) return w;
  const totalWeight = weight.reduce((a, b) => a + b, 0);
  // Fit on differences scaled to unit RMS so one learning rate suits every
  // feature; the weights are scaled back at the end.
  const scale = new Float64Array(dim);
  for (let p = 0; p < count; p++) for (let k = 0; k < dim; k++) scale[k] = (scale[k] as number) + (diff[p * dim + k] as number) ** 2;
  for (let k = 0; k < dim; k++) scale[k] = Math.sqrt((scale[k] as number) / count) || 1;
  for (let p = 0; p < count; p++) for (let k = 0; k < dim; k++) diff[p * dim + k] = (diff[p * dim + k] as number) / (scale[k] as number);
  const grad = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (let p = 0; p < count; p++) {
      let margin = 0;
      for (let k = 0; k < dim; k++) margin += (w[k] as number) * (diff[p * dim + k] as number);
      const pull = (weight[p] as number) / (1 + Math.exp(margin)); // −∂loss/∂margin
      for (let k = 0; k < dim; k++) grad[k] = (grad[k] as number) - pull * (diff[p * dim + k] as number);
    }
    for (let k = 0; k < dim; k++) w[k] = (w[k] as number) - rate * ((grad[k] as number) / totalWeight + l2 * (w[k] as number));
  }
  for (let k = 0; k < dim; k++) w[k] = (w[k] as number) / (scale[k] as number);
  return w;
}

/** Mean pair loss (without the L2 term), for reporting and tests. */
export function pairwiseLoss(lists: readonly RankingList[], w: Float64Array): number {
  const { dim, count, diff } = pairsOf(lists, {});
  if (count === 0) return 0;
  let sum = 0;
  for (let p = 0; p < count; p++) {
    let margin = 0;
    for (let k = 0; k < dim; k++) margin += (w[k] as number) * (diff[p * dim + k] as number);
    sum += Math.log1p(Math.exp(-margin));
  }
  return sum / count;
}
