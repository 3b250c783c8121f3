// The orderings the evaluation compares. Every personalized variant runs the
// real Ranker; ablations zero one signal's weight in the shipped blend.
import { rank } from '../../src/rank/ranker.ts';
import { FEATURE_NAMES, type FeatureName } from '../../src/rank/features.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { rankInputOf } from './replay.ts';
import { weightsAfterClicks } from './click-simulation.ts';
import { dot } from '../../src/vector/dot.ts';

export interface Method {
  name: string;
  description: string;
  order(c: EvalCase): string[];
}

export interface MethodSettings {
  weights: Record<FeatureName, number>;
  maxDisplacement: number;
}

function serverOrder(c: EvalCase): string[] {
  return c.candidates.map(([id]) => id);
}

export function allMethods(dataset: Dataset, signals: CatalogSignals, settings: MethodSettings): Method[] {
  const personalized = (weights: Record<FeatureName, number>) => (c: EvalCase) =>
    rank(rankInputOf(c, dataset, signals, { weights, maxDisplacement: settings.maxDisplacement })).order;

  const methods: Method[] = [{ name: 'server', description: "the server's order", order: serverOrder }];
  if (signals.queryVectors.size > 0) {
    methods.push({
      name: 'semantic',
      description: 'query relevance only: cosine of query and item vectors (ties: server order)',
      order: (c) => {
        const q = signals.queryVectors.get(c.query);
        if (!q) return serverOrder(c);
        const scored = c.candidates.map(([id], i) => {
          const v = signals.vectors.get(id);
          return { id, i, s: v ? dot(q, v) : -Infinity };
        });
        return scored.sort((a, b) => (a.s === b.s ? a.i - b.i : b.s > a.s ? 1 : -1)).map((x) => x.id);
      },
    });
  }
  methods.push({ name: 'personalized', description: 'the shipped Ranker with its default weights', order: personalized(settings.weights) });
  methods.push({
    name: 'personalized+clicks',
    description: "personalized after simulated on-device learning from the shopper's earlier clicks",
    order: (c) => {
      const weights = weightsAfterClicks(c, dataset, signals, settings.weights, settings.maxDisplacement);
      return rank(rankInputOf(c, dataset, signals, { weights, maxDisplacement: settings.maxDisplacement })).order;
    },
  });
  for (const name of FEATURE_NAMES) {
    if (settings.weights[name] === 0) continue;
    methods.push({
      name: `personalized-no-${name}`,
      description: `ablation: personalized with the ${name} weight set to 0`,
      order: personalized({ ...settings.weights, [name]: 0 }),
    });
  }
  return methods;
}
