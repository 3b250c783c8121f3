// Blend weights shipped as the widget's defaults, one fitted model per
// situation. Written by `npm run train:ranker` (scripts/eval/train.ts); refit
// them on a shop's own data.
// Fit on: ../shared/data/amazon-scientific (cases.jsonl sha256 9e39532bc904ffbc…)
import type { FeatureName } from './features.ts';
import type { Situation } from './situation.ts';
import type { TopicalitySource } from './topicality.ts';

export interface RankingModel {
  weights: Record<FeatureName, number>;
  /** The displacement limit the weights were chosen with. */
  maxDisplacement: number;
  /** Where topicality comes from ('category' falls back to 'lexical' on a page without categories). */
  topicality: TopicalitySource;
  /** Title similarities below this count as 0 (src/rank/features.ts). */
  lexicalFloor: number;
}

export const DEFAULT_MODELS: Record<Situation, RankingModel> = {
  // chosen by 4-fold cross-validation over train + validation: topicality category, lexical floor 0.1, without [content], l2 0.001, target pairs ×4, strength ×2, maxDisplacement 20, behind shop order and popularity order
  full: {
    weights: { behaviour: 1.201, brand: 0.7083, category: 1.243, lexical: 6.278, content: 0, repeat: -0.4197, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'category',
    lexicalFloor: 0.1,
  },
  // chosen by 4-fold cross-validation over train + validation: topicality category, lexical floor 0, without [], l2 0.001, target pairs ×1, strength ×0.5, maxDisplacement 20, behind shop order and popularity order
  'no-log': {
    weights: { behaviour: 0, brand: -0.9078, category: 0.2502, lexical: 5.77, content: 2.337, repeat: 0.1413, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'category',
    lexicalFloor: 0,
  },
  // chosen by 4-fold cross-validation over train + validation: topicality lexical, lexical floor 0, without [content], l2 0.001, target pairs ×4, strength ×1, maxDisplacement 20, behind shop order and popularity order
  'titles-only': {
    weights: { behaviour: 0, brand: 0, category: 0, lexical: 3.003, content: 0, repeat: 0.0307, seen: 0.1 },
    maxDisplacement: 20,
    topicality: 'lexical',
    lexicalFloor: 0,
  },
};

/** The widget's default max-displacement: the largest any fitted model uses
 *  (each model keeps its own limit when that is smaller). */
export const DEFAULT_MAX_DISPLACEMENT = Math.max(...Object.values(DEFAULT_MODELS).map((m) => m.maxDisplacement));
