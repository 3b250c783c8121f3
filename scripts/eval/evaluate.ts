// Replays every case through every method and keeps per-case metrics, in
// case order, so methods can be compared case by case (paired bootstrap).
import type { EvalCase } from './dataset.ts';
import type { Method } from './methods.ts';
import { ndcgAt, reciprocalRank } from './metrics.ts';

export interface CaseScores {
  ndcg: number[];
  mrr: number[];
}

export interface EvaluationRun {
  methods: string[];
  perMethod: Map<string, CaseScores>;
  /** Seconds spent per method. */
  seconds: Map<string, number>;
}

export function evaluate(
  cases: readonly EvalCase[],
  methods: readonly Method[],
  onRanking?: (line: { id: string; method: string; order: string[] }) => void,
): EvaluationRun {
  const perMethod = new Map<string, CaseScores>();
  const seconds = new Map<string, number>();
  for (const method of methods) {
    const scores: CaseScores = { ndcg: [], mrr: [] };
    const started = performance.now();
    for (const c of cases) {
      const order = method.order(c);
      const labels = new Map(c.candidates);
      scores.ndcg.push(ndcgAt(order, labels, 10));
      scores.mrr.push(reciprocalRank(order, c.target));
      onRanking?.({ id: c.id, method: method.name, order });
    }
    seconds.set(method.name, (performance.now() - started) / 1000);
    perMethod.set(method.name, scores);
  }
  return { methods: methods.map((m) => m.name), perMethod, seconds };
}
