// The orderings the evaluation compares in one condition. Every personalized
// variant runs the real Ranker; ablations take one thing away from the
// shipped model of the condition's situation.
import { rank } from '../../src/rank/ranker.ts';
import { FEATURE_NAMES } from '../../src/rank/features.ts';
import { DEFAULT_MODELS } from '../../src/rank/default-weights.ts';
import { dot } from '../../src/vector/dot.ts';
import type { Situation } from '../../src/rank/situation.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { rankInputOf, type ReplayOptions } from './replay.ts';
import { offsetsAfterClicks } from './click-simulation.ts';

export interface Method {
  name: string;
  description: string;
  order(c: EvalCase): string[];
}

function serverOrder(c: EvalCase): string[] {
  return c.candidates.map(([id]) => id);
}

/** The situation the condition's lists are in (each list's own signals decide in the Ranker). */
export const SITUATION_OF = { full: 'full', 'no-log': 'no-log', 'titles-only': 'titles-only' } as const satisfies Record<
  CatalogSignals['condition'],
  Situation
>;

export function allMethods(dataset: Dataset, signals: CatalogSignals, maxDisplacement: number): Method[] {
  const personalized =
    (extra: Omit<ReplayOptions, 'maxDisplacement'> = {}) =>
    (c: EvalCase) =>
      rank(rankInputOf(c, dataset, signals, { maxDisplacement, ...extra })).order;

  const methods: Method[] = [{ name: 'server', description: "the server's order", order: serverOrder }];
  if (signals.queryVectors.size > 0 && signals.vectors.size > 0) {
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
  methods.push({ name: 'personalized', description: 'the shipped Ranker with its fitted models', order: personalized() });
  methods.push({
    name: 'personalized+clicks',
    description: "personalized after simulated on-device learning from the shopper's earlier clicks",
    order: (c) => personalized({ weightOffsets: offsetsAfterClicks(c, dataset, signals, maxDisplacement) })(c),
  });
  const model = DEFAULT_MODELS[SITUATION_OF[signals.condition]];
  for (const name of FEATURE_NAMES) {
    if (model.weights[name] === 0) continue;
    methods.push({
      name: `personalized-no-${name}`,
      description: `ablation: personalized with the ${name} weight set to 0`,
      order: personalized({ weights: { [name]: 0 } }),
    });
  }
  if (model.topicality !== 'none') {
    methods.push({
      name: 'personalized-no-topicality',
      description: 'ablation: history pushes not scaled by topicality',
      order: personalized({ model: { ...model, topicality: 'none' } }),
    });
  }
  if (model.lexicalFloor > 0) {
    methods.push({
      name: 'personalized-no-lexical-floor',
      description: 'ablation: every title similarity counts, however small',
      order: personalized({ model: { ...model, lexicalFloor: 0 } }),
    });
  }
  if (signals.vectors.size > 0) {
    methods.push({
      name: 'personalized-no-encoder',
      description: 'ablation: no content vectors at all (the widget without the encoder download)',
      order: personalized({ withoutVectors: true }),
    });
  }
  return methods;
}
