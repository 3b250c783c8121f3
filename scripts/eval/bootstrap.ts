// 95% paired bootstrap confidence interval of a mean difference: resample
// cases with replacement (fixed seed, so the interval is reproducible) and
// take the 2.5th and 97.5th percentiles of the resampled mean differences.
import { seededRandom } from '../seeded-random.ts';

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

export function pairedBootstrap(
  method: readonly number[],
  baseline: readonly number[],
  options: { resamples?: number; seed?: number } = {},
): Interval {
  const n = Math.min(method.length, baseline.length);
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN };
  const diffs = Array.from({ length: n }, (_, i) => (method[i] as number) - (baseline[i] as number));
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const resamples = options.resamples ?? 2000;
  const random = seededRandom(options.seed ?? 20260101);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += diffs[Math.floor(random() * n)] as number;
    means[r] = sum / n;
  }
  means.sort();
  const at = (q: number): number => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { mean, low: at(0.025), high: at(0.975) };
}
