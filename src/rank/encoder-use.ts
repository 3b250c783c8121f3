// Whether a ranking needs the encoder at all. The model and its runtime are
// ~10 MB on a first visit; a fitted model that weighs no content signal and
// takes its topicality from categories or titles ranks exactly the same
// without them, so the widget should not download them for it.
import type { RankingModel } from './default-weights.ts';
import { DEFAULT_MODELS } from './default-weights.ts';
import { situationOf, type SignalAvailability, type Situation } from './situation.ts';

/** True when the model reads content vectors: a content weight, or topicality from content. */
export function modelUsesEncoder(model: RankingModel): boolean {
  return model.weights.content !== 0 || model.topicality === 'content';
}

/**
 * What the worker asks before loading the encoder, from what it knows
 * without it: whether the index has co-purchase neighbours and whether the
 * page gives categories or brands. (Query relevance is not part of any fitted
 * blend, so a query alone never needs the encoder.)
 */
export function rankingUsesEncoder(
  available: Pick<SignalAvailability, 'behaviour' | 'fields'>,
  models: Record<Situation, RankingModel> = DEFAULT_MODELS,
): boolean {
  return modelUsesEncoder(models[situationOf(available)]);
}
