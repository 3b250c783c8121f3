// `npm run train:ranker`: fits the Ranker's blend on the training split,
// chooses regularisation, pair emphasis, overall strength and the
// displacement limit on the validation split, reports the held-back test
// split (never used for a choice), and writes src/rank/default-weights.ts.
// Run it on a shop's own folder of the same shape to refit the defaults.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rank } from '../../src/rank/ranker.ts';
import { FEATURE_NAMES, type FeatureName } from '../../src/rank/features.ts';
import { readDataset, type EvalCase } from './dataset.ts';
import { catalogSignals } from './model-signals.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import type { Dataset } from './dataset.ts';
import { featureRows } from './feature-rows.ts';
import { fitPairwiseLogistic } from './pairwise-logistic.ts';
import { rankInputOf } from './replay.ts';
import { mean, ndcgAt, reciprocalRank } from './metrics.ts';
import { splitOf } from './split.ts';
import { writeWeightsFile } from './weights-file.ts';
import { messageOf } from '../../src/errors.ts';

/** The data has no views or clicks, so `seen` cannot be fit: a small hand prior. */
export const SEEN_WEIGHT_PRIOR = 0.1;
/** NDCG@10 must stay at least this share of the server's on validation, in every segment. */
export const NDCG_FLOOR = 0.995;

const GRID = {
  l2: [1e-4, 1e-2],
  targetPairWeight: [1, 4],
  /** Signals left out of the fit: a signal that helps the pairwise loss can
   *  still cost NDCG once placed, so validation decides which to keep. */
  leaveOut: [[], ['query'], ['query', 'content'], ['query', 'content', 'category']] as FeatureName[][],
  strength: [1, 2, 4, 6, 8, 12, 16],
  // Capped at 20: a wider grid (30) won on validation but moved items further
  // than a shop would accept and cost NDCG elsewhere (docs/RANKING.md).
  maxDisplacement: [10, 15, 20],
};

interface Score {
  ndcg: Record<string, number>;
  mrr: Record<string, number>;
}

function score(
  cases: EvalCase[],
  dataset: Dataset,
  signals: CatalogSignals,
  weights: Record<FeatureName, number>,
  maxDisplacement: number,
): Score {
  const out: Score = { ndcg: {}, mrr: {} };
  for (const segment of ['overall', 'history<5', 'history>=5']) {
    const picked = cases.filter((c) => segment === 'overall' || (segment === 'history<5') === c.history.length < 5);
    const orders = picked.map((c) => rank(rankInputOf(c, dataset, signals, { weights, maxDisplacement })).order);
    out.ndcg[segment] = mean(orders.map((o, i) => ndcgAt(o, new Map(picked[i]!.candidates))));
    out.mrr[segment] = mean(orders.map((o, i) => reciprocalRank(o, picked[i]!.target)));
  }
  return out;
}

const fmt = (s: Score, base: Score): string =>
  Object.keys(s.ndcg)
    .map(
      (seg) =>
        `${seg}: NDCG ${s.ndcg[seg]!.toFixed(4)} (${((s.ndcg[seg]! / base.ndcg[seg]! - 1) * 100).toFixed(1)}%) MRR ${s.mrr[seg]!.toFixed(4)} (${((s.mrr[seg]! / base.mrr[seg]! - 1) * 100).toFixed(1)}%)`,
    )
    .join('; ');

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string', default: 'src/rank/default-weights.ts' },
      content: { type: 'string', default: 'auto' },
      cache: { type: 'string', default: 'eval/cache' },
      'dry-run': { type: 'boolean', default: false },
    },
  }).values;
  if (!args.data) throw new Error('--data DIR is required');
  const dataset = readDataset(resolve(args.data));
  const signals = await catalogSignals(dataset, {
    content: args.content === 'none' ? 'none' : 'auto',
    cacheDir: resolve(args.cache),
    log: (line) => console.log(line),
  });
  const bySplit = (name: string) => dataset.cases.filter((c) => splitOf(c.user) === name);
  const train = bySplit('train');
  const validation = bySplit('validation');
  const test = bySplit('test');
  console.log(
    `cases: train ${train.length}, validation ${validation.length}, test ${test.length}; content ${signals.source.content}; behaviour ${signals.source.behaviour}`,
  );

  const trainLists = train.map((c) => featureRows(c, dataset, signals));
  const zero = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>;
  const serverValidation = score(validation, dataset, signals, zero, 0);

  let best: { weights: Record<FeatureName, number>; maxDisplacement: number; val: Score; label: string } | undefined;
  for (const leaveOut of GRID.leaveOut) {
    const lists = trainLists.map((l) => ({
      labels: l.labels,
      rows: l.rows.map((r) => r.map((v, k) => (k > 0 && leaveOut.includes(FEATURE_NAMES[k - 1] as FeatureName) ? 0 : v))),
    }));
    for (const l2 of GRID.l2) {
      for (const targetPairWeight of GRID.targetPairWeight) {
        const w = fitPairwiseLogistic(lists, { l2, pairWeightByLabel: { 2: targetPairWeight } });
        const prior = w[0] as number;
        if (!(prior > 0)) {
          console.log(`l2 ${l2} target×${targetPairWeight}: prior weight ${prior} ≤ 0, skipped`);
          continue;
        }
        // Relative to the server prior, whose coefficient the Ranker fixes at 1.
        const fitted = Object.fromEntries(FEATURE_NAMES.map((n, k) => [n, (w[k + 1] as number) / prior])) as Record<FeatureName, number>;
        const label = `without [${leaveOut.join(', ')}], l2 ${l2}, target pairs ×${targetPairWeight}`;
        console.log(`${label}: ${FEATURE_NAMES.map((n) => `${n} ${fitted[n].toFixed(3)}`).join(', ')}`);
        for (const strength of GRID.strength) {
          for (const maxDisplacement of GRID.maxDisplacement) {
            const weights = Object.fromEntries(FEATURE_NAMES.map((n) => [n, fitted[n] * strength])) as Record<FeatureName, number>;
            weights.seen = SEEN_WEIGHT_PRIOR;
            const val = score(validation, dataset, signals, weights, maxDisplacement);
            const safe = Object.keys(val.ndcg).every((seg) => val.ndcg[seg]! >= NDCG_FLOOR * serverValidation.ndcg[seg]!);
            if (safe && (!best || val.mrr.overall! > best.val.mrr.overall!)) {
              best = { weights, maxDisplacement, val, label: `${label}, strength ×${strength}, maxDisplacement ${maxDisplacement}` };
            }
          }
        }
      }
    }
  }
  if (!best) {
    console.log('no blend kept NDCG within the floor on validation: shipping server order (all weights 0)');
    best = { weights: { ...zero }, maxDisplacement: 0, val: serverValidation, label: 'none passed the NDCG floor' };
  }
  console.log(`\nchosen on validation: ${best.label}`);
  console.log(`weights: ${JSON.stringify(best.weights)}`);
  console.log(`validation: ${fmt(best.val, serverValidation)}`);
  const testScore = score(test, dataset, signals, best.weights, best.maxDisplacement);
  const serverTest = score(test, dataset, signals, zero, 0);
  console.log(`test (held back, reported only): ${fmt(testScore, serverTest)}`);
  if (!args['dry-run']) {
    writeWeightsFile(resolve(args.out), best.weights, best.maxDisplacement, {
      data: args.data,
      casesSha256: dataset.sha256.cases,
      note: `Chosen on the validation split (${best.label}); content signal: ${signals.source.content}.`,
    });
    console.log(`wrote ${args.out}`);
  }
}

main().catch((err) => {
  console.error(`[edge-rerank] ${messageOf(err)}`);
  process.exitCode = 1;
});
