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

interface Pair {
  diff: Float64Array;
  weight: number;
}

function pairsOf(lists: readonly RankingList[], weightByLabel: Record<number, number>): Pair[] {
  const pairs: Pair[] = [];
  for (const list of lists) {
    for (let i = 0; i < list.rows.length; i++) {
      for (let j = 0; j < list.rows.length; j++) {
        const li = list.labels[i] as number;
        const lj = list.labels[j] as number;
        if (!(li > lj)) continue;
        const a = list.rows[i] as Float64Array;
        const b = list.rows[j] as Float64Array;
        const diff = new Float64Array(a.length);
        for (let k = 0; k < a.length; k++) diff[k] = (a[k] as number) - (b[k] as number);
        pairs.push({ diff, weight: weightByLabel[li] ?? 1 });
      }
    }
  }
  return pairs;
}

/** The weight vector minimising mean pair loss + l2/2·|w|². */
export function fitPairwiseLogistic(lists: readonly RankingList[], options: PairwiseOptions = {}): Float64Array {
  const dim = lists.find((l) => l.rows.length > 0)?.rows[0]?.length ?? 0;
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 300;
  const rate = options.learningRate ?? 1;
  const pairs = pairsOf(lists, options.pairWeightByLabel ?? {});
  const w = new Float64Array(dim);
  if (pairs.length === 0) return w;
  const totalWeight = pairs.reduce((a, p) => a + p.weight, 0);
  // Fit on differences scaled to unit RMS so one learning rate suits every
  // feature; the weights are scaled back at the end.
  const scale = new Float64Array(dim);
  for (const { diff } of pairs) for (let k = 0; k < dim; k++) scale[k] = (scale[k] as number) + (diff[k] as number) ** 2;
  for (let k = 0; k < dim; k++) scale[k] = Math.sqrt((scale[k] as number) / pairs.length) || 1;
  for (const { diff } of pairs) for (let k = 0; k < dim; k++) diff[k] = (diff[k] as number) / (scale[k] as number);
  const grad = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    for (const { diff, weight } of pairs) {
      let margin = 0;
      for (let k = 0; k < dim; k++) margin += (w[k] as number) * (diff[k] as number);
      const pull = weight / (1 + Math.exp(margin)); // −∂loss/∂margin
      for (let k = 0; k < dim; k++) grad[k] = (grad[k] as number) - pull * (diff[k] as number);
    }
    for (let k = 0; k < dim; k++) {
      const g = (grad[k] as number) / totalWeight + l2 * (w[k] as number);
      w[k] = (w[k] as number) - rate * g;
    }
  }
  for (let k = 0; k < dim; k++) w[k] = (w[k] as number) / (scale[k] as number);
  return w;
}

/** Mean pair loss (without the L2 term), for reporting and tests. */
export function pairwiseLoss(lists: readonly RankingList[], w: Float64Array): number {
  const pairs = pairsOf(lists, {});
  if (pairs.length === 0) return 0;
  let sum = 0;
  for (const { diff } of pairs) {
    let margin = 0;
    for (let k = 0; k < w.length; k++) margin += (w[k] as number) * (diff[k] as number);
    sum += Math.log1p(Math.exp(-margin));
  }
  return sum / pairs.length;
}
