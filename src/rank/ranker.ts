// The Ranker: server prior + gated, weighted personal signals, then the
// placement policy, then reasons. Pure: plain data in, plain data out.
import type { HistoryItem, RankCandidate, RankInput, RankResult, Reason, ReasonKind } from './types.ts';
import { computeSignals, FEATURE_NAMES, type FeatureName } from './features.ts';
import { DEFAULT_WEIGHTS } from './default-weights.ts';
import { confidenceGate } from './confidence.ts';
import { serverPrior } from './server-prior.ts';
import { placeItems } from './placement.ts';
import { nearDuplicates } from './near-duplicate.ts';

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

/** The reason kind each history signal stands for (query relevance is not about history). */
const REASON_KIND: Partial<Record<FeatureName, ReasonKind>> = {
  behaviour: 'bought-together',
  content: 'similar',
  brand: 'same-brand',
  category: 'same-category',
  seen: 'seen-before',
  repeat: 'bought-before',
};

/** The history item whose weighted pushes on this candidate add up most, and the signal that carried most of it. */
function strongestPush(
  itemId: string,
  perHistory: Map<number, Partial<Record<FeatureName, number>>>,
  history: readonly HistoryItem[],
  weights: Record<FeatureName, number>,
): Reason | undefined {
  let best: { index: number; amount: number; kind: ReasonKind } | undefined;
  for (const [index, parts] of perHistory) {
    let amount = 0;
    let kind: ReasonKind | undefined;
    let kindAmount = 0;
    for (const name of FEATURE_NAMES) {
      const push = Math.max(0, weights[name]) * (parts[name] ?? 0);
      amount += push;
      if (push > kindAmount && REASON_KIND[name]) {
        kindAmount = push;
        kind = REASON_KIND[name];
      }
    }
    if (kind && amount > (best?.amount ?? 0)) best = { index, amount, kind };
  }
  const item = best && history[best.index];
  if (!best || !item) return undefined;
  return { itemId, historyItemId: item.itemId, historyTitle: item.title, historyType: item.type, kind: best.kind };
}

export function rank(input: RankInput): RankResult {
  const candidates = inServerOrder(input.candidates);
  const history = input.history;
  const weights = resolveWeights(input.options.weights);
  const gate = confidenceGate(history.length) * clamp01(input.options.strength);
  const signals = computeSignals(candidates, history, input.queryVector, input.options.now);

  // Entries, made into objects by Object.fromEntries: an item id such as
  // "__proto__" is then an own key, where `obj[id] = …` would drop it.
  const scoreEntries: [string, number][] = [];
  const featureEntries: [string, RankResult['features'][string]][] = [];
  const personal: number[] = [];
  const blended = candidates.map((candidate, position) => {
    const f = (signals[position] as (typeof signals)[number]).features;
    let sum = 0;
    for (const name of FEATURE_NAMES) sum += weights[name] * f[name];
    const prior = serverPrior(position);
    const score = prior + gate * sum;
    personal.push(gate * sum);
    scoreEntries.push([candidate.id, score]);
    featureEntries.push([candidate.id, { prior, ...f }]);
    return score;
  });

  const scores = Object.fromEntries(scoreEntries);
  const features = Object.fromEntries(featureEntries);

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

  const reasons: [string, Reason][] = [];
  order.forEach((position, slot) => {
    if (slot >= position || !((personal[position] as number) > 0)) return;
    const candidate = candidates[position] as RankCandidate;
    const reason = strongestPush(candidate.id, (signals[position] as (typeof signals)[number]).perHistory, history, weights);
    if (reason) reasons.push([candidate.id, reason]);
  });

  return {
    order: order.map((position) => (candidates[position] as RankCandidate).id),
    scores,
    reasons: Object.fromEntries(reasons),
    features,
  };
}
