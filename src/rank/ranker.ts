// The Ranker: server prior + gated, weighted personal signals, then the
// placement policy, then reasons. Pure: plain data in, plain data out.
import type { RankCandidate, RankInput, RankResult } from './types.ts';
import { computeSignals, FEATURE_NAMES, type FeatureName } from './features.ts';
import { DEFAULT_WEIGHTS } from './default-weights.ts';
import { confidenceGate } from './confidence.ts';
import { serverPrior } from './server-prior.ts';
import { placeItems } from './placement.ts';
import { nearDuplicates } from './near-duplicate.ts';
import { reasonText } from './reasons.ts';

/** Near-duplicates moved up are kept at least this many slots apart. */
export const DUPLICATE_GAP = 1;

/** Known weights only, finite only; unknown keys and NaN fall back to the defaults. */
export function resolveWeights(weights: Record<string, number> | undefined): Record<FeatureName, number> {
  const out = { ...DEFAULT_WEIGHTS };
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
function inServerOrder(candidates: readonly RankCandidate[]): RankCandidate[] {
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

export function rank(input: RankInput): RankResult {
  const candidates = inServerOrder(input.candidates);
  const history = input.history;
  const weights = resolveWeights(input.options.weights);
  const gate = confidenceGate(history.length) * clamp01(input.options.strength);
  const signals = computeSignals(candidates, history, input.queryVector, input.options.now);

  const scores: Record<string, number> = {};
  const features: RankResult['features'] = {};
  const personal: number[] = [];
  const blended = candidates.map((candidate, position) => {
    const f = (signals[position] as (typeof signals)[number]).features;
    let sum = 0;
    for (const name of FEATURE_NAMES) sum += weights[name] * f[name];
    const prior = serverPrior(position);
    const score = prior + gate * sum;
    personal.push(gate * sum);
    scores[candidate.id] = score;
    features[candidate.id] = { prior, ...f };
    return score;
  });

  // With no history (or strength 0) the server order stays exactly: no
  // placement step can reshuffle it.
  if (gate === 0) return { order: candidates.map((c) => c.id), scores, reasons: {}, features };

  const order = placeItems({
    scores: blended,
    pinned: candidates.map((c) => c.pinned === true),
    maxDisplacement: input.options.maxDisplacement,
    isNearDuplicate: (a, b) => nearDuplicates(candidates[a] as RankCandidate, candidates[b] as RankCandidate),
    duplicateGap: DUPLICATE_GAP,
  });

  const reasons: Record<string, string> = {};
  order.forEach((position, slot) => {
    if (slot >= position || !((personal[position] as number) > 0)) return;
    const candidate = candidates[position] as RankCandidate;
    let best = -1;
    let bestAmount = 0;
    for (const [index, parts] of (signals[position] as (typeof signals)[number]).perHistory) {
      let amount = 0;
      for (const name of FEATURE_NAMES) amount += Math.max(0, weights[name]) * (parts[name] ?? 0);
      if (amount > bestAmount) {
        bestAmount = amount;
        best = index;
      }
    }
    const item = history[best];
    if (item) reasons[candidate.id] = reasonText(item);
  });

  return { order: order.map((position) => (candidates[position] as RankCandidate).id), scores, reasons, features };
}
