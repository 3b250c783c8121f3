// The Ranker's signals, computed per candidate from plain data. Each is a
// number a blend weight multiplies; all history signals are 0 when the
// history is empty, so the confidence gate and the features agree.
import type { HistoryItem, RankCandidate } from './types.ts';
import { historyWeights } from './recency.ts';
import { dot } from '../vector/dot.ts';

/** Every blend weight the Ranker knows, in a fixed order (the trainer and
 *  on-device learning iterate this list). */
export const FEATURE_NAMES = ['query', 'content', 'behaviour', 'brand', 'category', 'repeat', 'seen'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** Server results whose categories define what the query is about. */
export const TOPIC_TOP_K = 10;

export interface CandidateSignals {
  features: FeatureVector;
  /** Share of the server's top results in this candidate's category (1 when unknown). */
  topicality: number;
  /** Per history index: how much that item pushed this candidate, before weights are summed. */
  perHistory: Map<number, Partial<Record<FeatureName, number>>>;
}

function norm(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

function add(map: CandidateSignals['perHistory'], index: number, name: FeatureName, amount: number): void {
  if (!(amount > 0)) return;
  const entry = map.get(index) ?? {};
  entry[name] = (entry[name] ?? 0) + amount;
  map.set(index, entry);
}

export function zeroFeatures(): FeatureVector {
  return { query: 0, content: 0, behaviour: 0, brand: 0, category: 0, repeat: 0, seen: 0 };
}

/**
 * Signals for every candidate.
 * - query: cosine of the query and the item (query relevance).
 * - content: recency-weighted max cosine to a history item (content affinity).
 * - behaviour: recency-weighted sum of co-purchase weights between the
 *   candidate's neighbours and this shopper's history ids.
 * - brand / category: recency-weighted share of history with the same brand / category.
 * - repeat: already bought; seen: viewed, clicked or carted but not bought.
 * Pushes from behaviour, brand and content are scaled by the candidate's
 * topicality: a shopper's co-purchases should reorder results within what the
 * query is about, not pull in items from another category.
 */
export function computeSignals(
  candidates: readonly RankCandidate[],
  history: readonly HistoryItem[],
  queryVector: Float32Array | undefined,
  now: number,
): CandidateSignals[] {
  const weights = historyWeights(history, now);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const indexById = new Map<string, number[]>();
  history.forEach((h, index) => {
    const list = indexById.get(h.itemId) ?? [];
    list.push(index);
    indexById.set(h.itemId, list);
  });

  const topCategories = candidates.slice(0, TOPIC_TOP_K).map((c) => norm(c.category));
  const categoriesKnown = topCategories.some((c) => c !== '');

  return candidates.map((candidate) => {
    const features = zeroFeatures();
    const perHistory: CandidateSignals['perHistory'] = new Map();
    const category = norm(candidate.category);
    const topicality = categoriesKnown && category ? topCategories.filter((c) => c === category).length / topCategories.length : 1;
    if (queryVector && candidate.vector) features.query = dot(queryVector, candidate.vector);
    if (history.length === 0 || !(totalWeight > 0)) return { features, perHistory, topicality };

    for (const neighbour of candidate.neighbours ?? []) {
      if (!(neighbour.weight > 0) || !Number.isFinite(neighbour.weight)) continue;
      for (const index of indexById.get(neighbour.id) ?? []) {
        const amount = topicality * (weights[index] as number) * neighbour.weight;
        features.behaviour += amount;
        add(perHistory, index, 'behaviour', amount);
      }
    }

    const brand = norm(candidate.brand);
    let bestContent = 0;
    let bestContentIndex = -1;
    history.forEach((h, index) => {
      const w = weights[index] as number;
      if (candidate.vector && h.vector && h.itemId !== candidate.id) {
        const similarity = w * dot(candidate.vector, h.vector);
        if (similarity > bestContent) {
          bestContent = similarity;
          bestContentIndex = index;
        }
      }
      if (brand && norm(h.brand) === brand) {
        features.brand += (topicality * w) / totalWeight;
        add(perHistory, index, 'brand', (topicality * w) / totalWeight);
      }
      if (category && norm(h.category) === category) {
        features.category += w / totalWeight;
        add(perHistory, index, 'category', w / totalWeight);
      }
    });
    features.content = topicality * bestContent;
    if (bestContentIndex >= 0) add(perHistory, bestContentIndex, 'content', topicality * bestContent);

    for (const index of indexById.get(candidate.id) ?? []) {
      const h = history[index] as HistoryItem;
      const name: FeatureName = h.type === 'purchase' ? 'repeat' : 'seen';
      features[name] = 1;
      add(perHistory, index, name, 1);
    }
    return { features, perHistory, topicality };
  });
}
