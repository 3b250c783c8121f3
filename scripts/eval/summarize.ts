// Aggregates per-case metrics into the report: means per method, overall and
// per history segment, for each split, with 95% paired bootstrap intervals
// of the difference to the server order, and the acceptance checks.
import type { Condition } from './conditions.ts';
import type { EvalCase } from './dataset.ts';
import type { EvaluationRun } from './evaluate.ts';
import { pairedBootstrap, type Interval } from './bootstrap.ts';
import { mean } from './metrics.ts';
import { splitOf } from './split.ts';

export const SEGMENTS = ['overall', 'history<5', 'history>=5'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SUBSETS = ['all', 'train', 'validation', 'test'] as const;
export type Subset = (typeof SUBSETS)[number];

export interface SegmentSummary {
  cases: number;
  ndcg: number;
  mrr: number;
  /** method / server */
  ndcgRatio: number;
  mrrRatio: number;
  /** method − server, 95% paired bootstrap */
  ndcgDiff: Interval;
  mrrDiff: Interval;
  /** For other methods: personalized − method, 95% paired bootstrap (for an
   *  ablation, the marginal value of what it takes away). */
  marginal?: { ndcg: Interval; mrr: Interval } | undefined;
}

export type MethodSummary = Record<Segment, SegmentSummary>;
export type SubsetSummary = Record<string, MethodSummary>;

/** The bar per condition: MRR in one segment, NDCG@10 in every segment. */
export const TARGETS: Record<Condition, { mrrSegment: Segment; mrrRatio: number }> = {
  full: { mrrSegment: 'history>=5', mrrRatio: 1.25 },
  'no-log': { mrrSegment: 'history>=5', mrrRatio: 1.15 },
  'titles-only': { mrrSegment: 'overall', mrrRatio: 1.05 },
};
export const NDCG_FLOOR = 0.99;

export interface Acceptance {
  mrrSegment: Segment;
  mrrRatio: number;
  mrrTarget: number;
  mrrMet: boolean;
  mrrCiExcludesZero: boolean;
  ndcgAtLeast099: boolean;
}

export function segmentOf(c: EvalCase): Exclude<Segment, 'overall'> {
  return c.history.length < 5 ? 'history<5' : 'history>=5';
}

function inSubset(c: EvalCase, subset: Subset): boolean {
  return subset === 'all' || splitOf(c.user) === subset;
}

export function summarize(cases: readonly EvalCase[], run: EvaluationRun, subset: Subset, seed = 20260101): SubsetSummary {
  const server = run.perMethod.get('server');
  if (!server) throw new Error('the server method is the baseline and must be run');
  const personalized = run.perMethod.get('personalized');
  const out: SubsetSummary = {};
  for (const name of run.methods) {
    const scores = run.perMethod.get(name) as { ndcg: number[]; mrr: number[] };
    const summary = {} as MethodSummary;
    for (const segment of SEGMENTS) {
      const picked = cases.flatMap((c, i) => (inSubset(c, subset) && (segment === 'overall' || segmentOf(c) === segment) ? [i] : []));
      const take = (values: number[]) => picked.map((i) => values[i] as number);
      const ndcg = mean(take(scores.ndcg));
      const mrr = mean(take(scores.mrr));
      summary[segment] = {
        cases: picked.length,
        ndcg,
        mrr,
        ndcgRatio: ndcg / mean(take(server.ndcg)),
        mrrRatio: mrr / mean(take(server.mrr)),
        ndcgDiff: pairedBootstrap(take(scores.ndcg), take(server.ndcg), { seed }),
        mrrDiff: pairedBootstrap(take(scores.mrr), take(server.mrr), { seed: seed + 1 }),
        marginal:
          personalized && name !== 'personalized' && name !== 'server'
            ? {
                ndcg: pairedBootstrap(take(personalized.ndcg), take(scores.ndcg), { seed: seed + 2 }),
                mrr: pairedBootstrap(take(personalized.mrr), take(scores.mrr), { seed: seed + 3 }),
              }
            : undefined,
      };
    }
    out[name] = summary;
  }
  return out;
}

export function acceptance(summary: MethodSummary, condition: Condition): Acceptance {
  const target = TARGETS[condition];
  const segmentsWithCases = SEGMENTS.filter((s) => summary[s].cases > 0);
  const mrr = summary[target.mrrSegment];
  return {
    mrrSegment: target.mrrSegment,
    mrrRatio: mrr.mrrRatio,
    mrrTarget: target.mrrRatio,
    mrrMet: mrr.mrrRatio >= target.mrrRatio,
    mrrCiExcludesZero: mrr.mrrDiff.low > 0,
    ndcgAtLeast099: segmentsWithCases.every((s) => summary[s].ndcgRatio >= NDCG_FLOOR),
  };
}
