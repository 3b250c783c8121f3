// The Ranker: server prior + gated, weighted personal signals, then the
// placement policy, then reasons. Which fitted blend applies depends on the
// signals this list has (src/rank/situation.ts). Pure: plain data in, plain
// data out.
import type { RankCandidate, RankInput, RankResult } from './types.ts';
import { computeSignals, FEATURE_NAMES, type FeatureName } from './features.ts';
import { DEFAULT_MODELS, type RankingModel } from './default-weights.ts';
import { confidenceGate } from './confidence.ts';
import { serverPrior } from './server-prior.ts';
import { placeItems } from './placement.ts';
import { nearDuplicates } from './near-duplicate.ts';
import { availabilityOf, situationOf } from './situation.ts';
import { weightsFromOffsets } from './learned-weights.ts';
import { reasonsFor } from './reason-choice.ts';

/** Near-duplicates moved up are kept at least this many slots apart. */
export const DUPLICATE_GAP = 1;

/** Known weights only, finite only; unknown keys and NaN fall back to `defaults`. */
export function resolveWeights(
  weights: Record<string, number> | undefined,
  defaults: Record<FeatureName, number>,
): Record<FeatureName, number> {
  const out = { ...defaults };
  for (const name of FEATURE_NAMES) {
    const value = weights?.[name];
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
  }
  return out;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

/** Candidates in server order (stable for equal or missing ranks). */
export function inServerOrder(candidates: readonly RankCandidate[]): RankCandidate[] {
  const rankOf = (c: RankCandidate): number => (Number.isFinite(c.serverRank) ? c.serverRank : Infinity);
  return candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => {
      const ra = rankOf(a.candidate);
      const rb = rankOf(b.candidate);
      return ra === rb ? a.index - b.index : ra < rb ? -1 : 1;
    })
    .map((entry) => entry.candidate);
}

/** The fitted model for these candidates, with the caller's weights or the shopper's offsets applied. */
export function modelFor(input: Pick<RankInput, 'candidates' | 'options'>): { situation: RankResult['situation']; model: RankingModel } {
  const situation = situationOf(availabilityOf(input.candidates));
  const fitted = input.options.model ?? DEFAULT_MODELS[situation];
  const weights = input.options.weights
    ? resolveWeights(input.options.weights, fitted.weights)
    : weightsFromOffsets(input.options.weightOffsets, fitted.weights);
  return { situation, model: { ...fitted, weights } };
}

export function rank(input: RankInput): RankResult {
  const candidates = inServerOrder(input.candidates);
  const history = input.history;
  const { situation, model } = modelFor(input);
  const weights = model.weights;
  const gate = confidenceGate(history.length) * clamp01(input.options.strength);
  const unchanged = (scores: Record<string, number>, features: RankResult['features']): RankResult => ({
    order: candidates.map((c) => c.id),
    scores,
    reasons: {},
    features,
    situation,
    weights,
  });
  // With no history (or strength 0) the server order stays exactly, and no signal is computed.
  if (gate === 0) {
    const scores = Object.fromEntries(candidates.map((c, position) => [c.id, serverPrior(position)]));
    return unchanged(scores, Object.fromEntries(candidates.map((c, position) => [c.id, { prior: serverPrior(position) }])));
  }
  const signals = computeSignals(candidates, history, {
    now: input.options.now,
    topicality: model.topicality,
    lexicalFloor: model.lexicalFloor,
    terms: input.terms,
    signals: new Set(FEATURE_NAMES.filter((name) => weights[name] !== 0)),
  });

  // Entries, made into objects by Object.fromEntries: an item id such as
  // "__proto__" is then an own key, where `obj[id] = …` would drop it.
  const personal = candidates.map((_, position) => {
    const f = (signals[position] as (typeof signals)[number]).features;
    let sum = 0;
    for (const name of FEATURE_NAMES) sum += weights[name] * f[name];
    return gate * sum;
  });
  const blended = personal.map((push, position) => serverPrior(position) + push);
  const scores = Object.fromEntries(candidates.map((c, position) => [c.id, blended[position] as number]));
  const features = Object.fromEntries(
    candidates.map((c, position) => [c.id, { prior: serverPrior(position), ...(signals[position] as (typeof signals)[number]).features }]),
  );

  const order = placeItems({
    scores: blended,
    pinned: candidates.map((c) => c.pinned === true),
    maxDisplacement: Math.min(input.options.maxDisplacement, model.maxDisplacement),
    isNearDuplicate: (a, b) => nearDuplicates(candidates[a] as RankCandidate, candidates[b] as RankCandidate),
    duplicateGap: DUPLICATE_GAP,
  });
  const reasons = reasonsFor(order, candidates, personal, signals, history, weights);
  return { order: order.map((position) => (candidates[position] as RankCandidate).id), scores, reasons, features, situation, weights };
}
