// Blend weights shipped as the widget's defaults. Written by
// `npm run train:ranker` (scripts/eval/train.ts); refit them on a shop's own data.
// Fit on: ../shared/data/amazon-scientific (cases.jsonl sha256 9e39532bc904ffbc…)
// Chosen on the validation split (without [query, content, category], l2 0.0001, target pairs ×4, strength ×16, maxDisplacement 20); content signal: edge-rerank/use-lite-en (sha256 c7af8a276aae…, q8, cpu) via buildIndex + CandidateIndex.
import type { FeatureName } from './features.ts';

export const DEFAULT_WEIGHTS: Record<FeatureName, number> = {
  query: 0,
  content: 0,
  behaviour: 13.22,
  brand: 14.11,
  category: 0,
  repeat: -1.47,
  seen: 0.1,
};

/** The displacement limit the weights were chosen with. */
export const DEFAULT_MAX_DISPLACEMENT = 20;
