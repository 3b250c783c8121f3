// Blend weights shipped as the widget's defaults, one fitted model per
// situation. Written by `npm run train:ranker` (scripts/eval/train.ts); refit
// them on a shop's own data.
// PLACEHOLDER until the first fit.
import type { FeatureName } from './features.ts';
import type { Situation } from './situation.ts';
import type { TopicalitySource } from './topicality.ts';

export interface RankingModel {
  weights: Record<FeatureName, number>;
  /** The displacement limit the weights were chosen with. */
  maxDisplacement: number;
  /** Where topicality comes from when the page has no categories. */
  topicality: TopicalitySource;
}

export const DEFAULT_MODELS: Record<Situation, RankingModel> = {
  full: {
    weights: { behaviour: 1, brand: 6, category: 0, lexical: 6, content: 0, repeat: -1, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'category',
  },
  'no-log': {
    weights: { behaviour: 0, brand: 6, category: 0, lexical: 6, content: 0, repeat: -1, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'category',
  },
  'titles-only': {
    weights: { behaviour: 0, brand: 0, category: 0, lexical: 3, content: 0, repeat: -1, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'lexical',
  },
};

/** The widget's default max-displacement: the largest any fitted model uses
 *  (each model keeps its own limit when that is smaller). */
export const DEFAULT_MAX_DISPLACEMENT = Math.max(...Object.values(DEFAULT_MODELS).map((m) => m.maxDisplacement));
