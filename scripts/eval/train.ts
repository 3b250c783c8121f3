// `npm run train:ranker`: fits one model per situation (full, no-log,
// titles-only — as many as the data allows) on the training and validation
// splits, behind the shop's server order and a popularity-ordered copy of it,
// choosing its settings by cross-validation over them
// (scripts/eval/train-situation.ts), reports the held-back test split (never
// used for a choice), and writes src/rank/default-weights.ts. Run it on a shop's own folder of the same
// shape to refit the defaults.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rank } from '../../src/rank/ranker.ts';
import { DEFAULT_MODELS, type RankingModel } from '../../src/rank/default-weights.ts';
import type { Situation } from '../../src/rank/situation.ts';
import { readDataset, type Dataset, type EvalCase } from './dataset.ts';
import { conditionsAllowed } from './conditions.ts';
import { conditionSignals } from './model-signals.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { rankInputOf } from './replay.ts';
import { splitOf } from './split.ts';
import { SITUATION_OF } from './methods.ts';
import { scoreOrders, serverViews, trainSituation, type Score } from './train-situation.ts';
import { featureRows } from './feature-rows.ts';
import { replicaOrder } from './blend-replica.ts';
import { modelUsesEncoder } from '../../src/rank/encoder-use.ts';
import { FEATURE_NAMES } from '../../src/rank/features.ts';
import { writeWeightsFile } from './weights-file.ts';
import { messageOf } from '../../src/errors.ts';
import { catalogTerms } from './catalog-terms.ts';

const fmt = (s: Score, base: Score): string =>
  Object.keys(s.ndcg)
    .map(
      (seg) =>
        `${seg}: NDCG ${s.ndcg[seg]!.toFixed(4)} (${((s.ndcg[seg]! / base.ndcg[seg]! - 1) * 100).toFixed(1)}%) MRR ${s.mrr[seg]!.toFixed(4)} (${((s.mrr[seg]! / base.mrr[seg]! - 1) * 100).toFixed(1)}%)`,
    )
    .join('; ');

function scoreModel(cases: EvalCase[], dataset: Dataset, signals: CatalogSignals, model: RankingModel | undefined): Score {
  const orders = cases.map((c) =>
    model
      ? rank(rankInputOf(c, dataset, signals, { model, maxDisplacement: model.maxDisplacement })).order
      : c.candidates.map(([id]) => id),
  );
  return scoreOrders(cases, orders);
}

async function main(): Promise<void> {
  const args = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string', default: 'src/rank/default-weights.ts' },
      content: { type: 'string', default: 'auto' },
      cache: { type: 'string', default: 'eval/cache' },
      situation: { type: 'string' },
      'catalog-terms': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      /** 'both': fit and choose behind the shop's order and a popularity-ordered copy (the default); 'own': the shop's order only. */
      'server-orders': { type: 'string', default: 'both' },
    },
  }).values;
  if (!args.data) throw new Error('--data DIR is required');
  const dataset = readDataset(resolve(args.data));
  const conditions = conditionsAllowed(dataset).filter((c) => !args.situation || args.situation.split(',').includes(c));
  const signals = await conditionSignals(dataset, conditions, {
    content: args.content === 'none' ? 'none' : 'auto',
    cacheDir: resolve(args.cache),
    log: (line) => console.log(line),
  });
  const split = (name: string) => dataset.cases.filter((c) => splitOf(c.user) === name);
  const models: Record<Situation, RankingModel> = { ...DEFAULT_MODELS };
  const notes: Partial<Record<Situation, string>> = {};
  for (const condition of conditions) {
    const situation = SITUATION_OF[condition];
    const own = signals.get(condition)!;
    if (args['catalog-terms'] && condition !== 'titles-only')
      Object.assign(own, { terms: catalogTerms(dataset), source: { ...own.source, terms: 'catalog titles (experiment)' } });
    console.log(`\n== ${situation}: content ${own.source.content}; behaviour ${own.source.behaviour}; terms ${own.source.terms}`);
    const serverOrders = args['server-orders'] === 'own' ? 'own' : 'both';
    const chosen = trainSituation(situation, dataset, own, (line) => console.log(line), { serverOrders });
    if (!chosen) {
      console.log(`${situation}: no blend kept NDCG within the floor on validation: server order (all weights 0)`);
      continue;
    }
    // The grid ran on a replica of the blend; the Ranker itself must agree.
    const known = dataset.cases.filter((c) => splitOf(c.user) !== 'test');
    const viaRank = scoreModel(known, dataset, own, chosen.model);
    const weights = Float64Array.from(FEATURE_NAMES, (n) => chosen.model.weights[n]);
    const viaReplica = scoreOrders(
      known,
      known.map((c) =>
        replicaOrder(featureRows(c, dataset, own, chosen.model), weights, chosen.model.maxDisplacement, modelUsesEncoder(chosen.model)),
      ),
    );
    if (Math.abs(viaRank.mrr.overall! - viaReplica.mrr.overall!) > 1e-9) {
      throw new Error(`${situation}: rank() gives MRR ${viaRank.mrr.overall}, the replica ${viaReplica.mrr.overall}`);
    }
    console.log(`${situation}: chosen by cross-validation: ${chosen.label}`);
    console.log(`${situation}: model ${JSON.stringify(chosen.model)}`);
    for (const [v, view] of serverViews(dataset, split('test')).entries()) {
      if (v >= chosen.views.length) break;
      const test = scoreModel(view.cases, dataset, own, chosen.model);
      console.log(
        `${situation}: behind ${view.name}: out-of-fold (train + validation) ${fmt(chosen.crossValidated[v]!, chosen.views[v]!.server)}`,
      );
      console.log(`${situation}: behind ${view.name}: test (held back, reported only) ${fmt(test, view.server)}`);
    }
    models[situation] = chosen.model;
    notes[situation] = chosen.label;
  }
  if (!args['dry-run']) {
    writeWeightsFile(resolve(args.out), models, { data: args.data, casesSha256: dataset.sha256.cases, notes });
    console.log(`wrote ${args.out}`);
  }
}

main().catch((err) => {
  console.error(`[edge-rerank] ${messageOf(err)}`);
  process.exitCode = 1;
});
