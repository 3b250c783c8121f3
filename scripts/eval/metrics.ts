// Ranking metrics of one ordered list against the case's labels.

/** NDCG@k with gain 2^label − 1 and discount 1/log2(rank + 2); 0 when no positive label. */
export function ndcgAt(order: readonly string[], labels: ReadonlyMap<string, number>, k = 10): number {
  const gain = (label: number): number => 2 ** label - 1;
  let dcg = 0;
  order.slice(0, k).forEach((id, i) => {
    dcg += gain(labels.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...labels.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((label, i) => {
    idcg += gain(label) / Math.log2(i + 2);
  });
  return idcg > 0 ? dcg / idcg : 0;
}

/** 1 / (1-based rank of the target); 0 when the target is missing. */
export function reciprocalRank(order: readonly string[], target: string): number {
  const index = order.indexOf(target);
  return index < 0 ? 0 : 1 / (index + 1);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
