// Blend weights shipped as the widget's defaults. Written by
// `npm run train:ranker` (scripts/eval/train.ts); refit them on a shop's own data.
import type { FeatureName } from './features.ts';

export const DEFAULT_WEIGHTS: Record<FeatureName, number> = {
  query: 0,
  content: 0.02,
  behaviour: 0.5,
  brand: 0.05,
  category: 0.02,
  repeat: -0.1,
  seen: 0.05,
};

/** The displacement limit the weights were chosen with. */
export const DEFAULT_MAX_DISPLACEMENT = 10;
