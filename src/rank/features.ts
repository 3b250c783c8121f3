// The Ranker's signals, computed per candidate from plain data. Each is a
// number a blend weight multiplies; all history signals are 0 when the
// history is empty, so the confidence gate and the features agree.
import type { HistoryItem, RankCandidate, TermStatistics } from './types.ts';
import { historyWeights } from './recency.ts';
import { behaviourPush } from './behaviour-signal.ts';
import { centeredCosine, centeredVectors } from './content-affinity.ts';
import { cosineMatrix, idfOf, tfidf, Vocabulary } from './lexical.ts';
import { neighbourKey } from './neighbour-key.ts';
import { categoryTopicality, similarityTopicality, TOPIC_TOP_K, type TopicalitySource } from './topicality.ts';
import { dot } from '../vector/dot.ts';

/** Every blend weight the Ranker knows, in a fixed order (the trainer and
 *  on-device learning iterate this list). */
export const FEATURE_NAMES = ['behaviour', 'brand', 'category', 'lexical', 'content', 'repeat', 'seen'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type FeatureVector = Record<FeatureName, number>;

/** Signals whose push is scaled by the candidate's topicality. */
const TOPICAL: ReadonlySet<FeatureName> = new Set(['behaviour', 'brand', 'lexical', 'content']);

export interface CandidateSignals {
  features: FeatureVector;
  /** How much the candidate is about the query, in [0, 1] (1 when unknown). */
  topicality: number;
  /** Per history index: how much that event pushed this candidate, per signal. */
  perHistory: Map<number, Partial<Record<FeatureName, number>>>;
  /** The title similarity (TF-IDF cosine, unweighted) behind the lexical push; 0 without one. */
  titleSimilarity?: number;
}

export interface SignalOptions {
  now: number;
  /** Where topicality comes from; 'category' falls back to 'lexical' on a page without categories. */
  topicality: TopicalitySource;
  /** Term statistics of the catalog (the index's IDF table), else the titles at hand give them. */
  terms?: TermStatistics | undefined;
  /** The signals to compute (the others stay 0); all when absent. */
  signals?: ReadonlySet<FeatureName> | undefined;
  /** Title similarities below this count as 0 (a shared "with" or "for" is
   *  not a shared kind of product); 0 when absent. A fitted model's choice. */
  lexicalFloor?: number | undefined;
}

export function zeroFeatures(): FeatureVector {
  return { behaviour: 0, brand: 0, category: 0, lexical: 0, content: 0, repeat: 0, seen: 0 };
}

const norm = (value: string | undefined): string => (value ?? '').trim().toLowerCase();

function add(map: CandidateSignals['perHistory'], index: number, name: FeatureName, amount: number): void {
  if (!(amount > 0)) return;
  const entry = map.get(index) ?? {};
  entry[name] = (entry[name] ?? 0) + amount;
  map.set(index, entry);
}

/** One entry per distinct history item: the event that counts most for it. */
function distinctHistory(history: readonly HistoryItem[], weights: readonly number[]): number[] {
  const best = new Map<string, number>();
  history.forEach((h, index) => {
    const current = best.get(h.itemId);
    if (current === undefined || (weights[index] as number) > (weights[current] as number)) best.set(h.itemId, index);
  });
  return [...best.values()].sort((a, b) => a - b);
}

/** Lexical similarity of every candidate to every distinct history item and to the top results (each computed when first read). */
function lexicalMatrices(
  candidates: readonly RankCandidate[],
  history: readonly HistoryItem[],
  distinct: number[],
  terms?: TermStatistics,
) {
  const vocabulary = new Vocabulary();
  const candidateBags = candidates.map((c) => vocabulary.bag(c.title));
  const historyBags = distinct.map((index) => vocabulary.bag((history[index] as HistoryItem).title));
  // Without catalog statistics, the titles at hand are the documents, each item once.
  const onScreen = new Set(candidates.map((c) => c.id));
  const documents = [
    ...candidateBags,
    ...historyBags.filter((_, k) => !onScreen.has((history[distinct[k] as number] as HistoryItem).itemId)),
  ];
  const idf = idfOf(vocabulary, documents, terms);
  const candidateVectors = candidateBags.map((b) => tfidf(b, idf));
  const top = candidateVectors.slice(0, TOPIC_TOP_K);
  const size = vocabulary.hashes.length;
  // Each matrix only when read: a list whose topicality comes from categories never needs toTop.
  let toHistory: Float64Array | undefined;
  let toTop: Float64Array | undefined;
  return {
    get toHistory() {
      return (toHistory ??= cosineMatrix(
        candidateVectors,
        historyBags.map((b) => tfidf(b, idf)),
        size,
      ));
    },
    get toTop() {
      return (toTop ??= cosineMatrix(candidateVectors, top, size));
    },
    top: top.length,
  };
}

function contentTopicality(candidates: readonly RankCandidate[]): number[] | undefined {
  const top = candidates.slice(0, TOPIC_TOP_K).map((c) => c.vector);
  if (!top.some((v) => v) || !candidates.some((c) => c.vector)) return undefined;
  const sims = new Float64Array(candidates.length * top.length);
  candidates.forEach((c, i) => top.forEach((t, j) => (sims[i * top.length + j] = c.vector && t ? dot(c.vector, t) : 0)));
  return similarityTopicality(sims, candidates.length, top.length);
}

function topicalities(
  candidates: readonly RankCandidate[],
  source: TopicalitySource,
  lexical: () => { toTop: Float64Array; top: number },
): number[] {
  const lexicalTopicality = () => similarityTopicality(lexical().toTop, candidates.length, lexical().top);
  const byCategory = source === 'category' ? categoryTopicality(candidates.map((c) => c.category)) : undefined;
  if (byCategory) return byCategory;
  if (source === 'content') return contentTopicality(candidates) ?? lexicalTopicality();
  if (source === 'none') return candidates.map(() => 1);
  return lexicalTopicality();
}

/** The history, prepared once per ranking: weights and who is who. */
interface HistoryContext {
  history: readonly HistoryItem[];
  weights: number[];
  totalWeight: number;
  /** One index per distinct item: the event that counts most for it. */
  distinct: number[];
  byKey: Map<number, number[]>;
  byItem: Map<string, number[]>;
  byBrand: Map<string, number[]>;
  byCategory: Map<string, number[]>;
}

function group(map: Map<string, number[]> | Map<number, number[]>, key: string | number, index: number): void {
  const m = map as Map<string | number, number[]>;
  const list = m.get(key);
  if (list) list.push(index);
  else m.set(key, [index]);
}

function historyContext(history: readonly HistoryItem[], now: number): HistoryContext {
  const weights = historyWeights(history, now);
  const context: HistoryContext = {
    history,
    weights,
    totalWeight: weights.reduce((a, b) => a + b, 0),
    distinct: distinctHistory(history, weights),
    byKey: new Map(),
    byItem: new Map(),
    byBrand: new Map(),
    byCategory: new Map(),
  };
  history.forEach((h, index) => {
    group(context.byKey, neighbourKey(h.itemId), index);
    group(context.byItem, h.itemId, index);
    if (norm(h.brand)) group(context.byBrand, norm(h.brand), index);
    if (norm(h.category)) group(context.byCategory, norm(h.category), index);
  });
  return context;
}

/** What rank() computes for one candidate beyond its topicality: lexical and content similarity to each distinct history item. */
interface Similarities {
  lexical?: Float64Array | undefined;
  lexicalFloor: number;
  content?: { candidates: Array<Float32Array | undefined>; extra: Array<Float32Array | undefined> } | undefined;
}

function candidateSignals(candidate: RankCandidate, i: number, t: number, h: HistoryContext, sims: Similarities): CandidateSignals {
  const features = zeroFeatures();
  const perHistory: CandidateSignals['perHistory'] = new Map();
  const push = (index: number, name: FeatureName, amount: number): void => {
    const scaled = TOPICAL.has(name) ? t * amount : amount;
    features[name] += scaled;
    add(perHistory, index, name, scaled);
  };
  for (const [index, amount] of behaviourPush(candidate.neighbours, h.byKey, h.weights).perHistory) push(index, 'behaviour', amount);
  for (const index of h.byBrand.get(norm(candidate.brand)) ?? []) push(index, 'brand', (h.weights[index] as number) / h.totalWeight);
  for (const index of h.byCategory.get(norm(candidate.category)) ?? [])
    push(index, 'category', (h.weights[index] as number) / h.totalWeight);
  for (const index of h.byItem.get(candidate.id) ?? [])
    push(index, (h.history[index] as HistoryItem).type === 'purchase' ? 'repeat' : 'seen', 1);
  features.repeat = Math.min(1, features.repeat);
  features.seen = features.repeat > 0 ? 0 : Math.min(1, features.seen);

  // The most similar distinct history item, by title and by content (never the candidate itself).
  const best = { lexical: [-1, 0], content: [-1, 0] } as Record<'lexical' | 'content', [number, number]>;
  let titleSimilarity = 0;
  h.distinct.forEach((index, k) => {
    if ((h.history[index] as HistoryItem).itemId === candidate.id) return;
    const w = h.weights[index] as number;
    const lexical = sims.lexical ? (sims.lexical[i * h.distinct.length + k] as number) : 0;
    const lexicalValue = lexical >= sims.lexicalFloor ? w * lexical : 0;
    const contentValue = sims.content ? w * Math.max(0, centeredCosine(sims.content.candidates[i], sims.content.extra[k])) : 0;
    if (lexicalValue > best.lexical[1]) [best.lexical, titleSimilarity] = [[index, lexicalValue], lexical];
    if (contentValue > best.content[1]) best.content = [index, contentValue];
  });
  if (best.lexical[0] >= 0) push(best.lexical[0], 'lexical', best.lexical[1]);
  if (best.content[0] >= 0) push(best.content[0], 'content', best.content[1]);
  return { features, perHistory, topicality: t, titleSimilarity };
}

/**
 * Signals for every candidate (candidates in server order).
 * - behaviour: ln(1 + Σ weight(h) · co-purchase count(candidate, h)).
 * - brand / category: recency-weighted share of history with the same brand / category.
 * - lexical: max over history of weight(h) · TF-IDF title cosine (0 below the model's floor).
 * - content: max over history of weight(h) · cosine of list-centred encoder vectors.
 * - repeat: already bought; seen: viewed, clicked or carted but not bought.
 * behaviour, brand, lexical and content are scaled by the candidate's topicality.
 * Only the signals in `options.signals` are computed (all when absent): the
 * others stay 0, and the work for them (e.g. 512-d cosines) is not done.
 */
export function computeSignals(
  candidates: readonly RankCandidate[],
  history: readonly HistoryItem[],
  options: SignalOptions,
): CandidateSignals[] {
  const wanted = (name: FeatureName) => !options.signals || options.signals.has(name);
  const h = historyContext(history, options.now);
  let lexical: ReturnType<typeof lexicalMatrices> | undefined;
  const lexicalOnce = () => (lexical ??= lexicalMatrices(candidates, history, h.distinct, options.terms));
  const topicality = topicalities(candidates, options.topicality, lexicalOnce);
  if (history.length === 0 || !(h.totalWeight > 0)) {
    return candidates.map((_, i) => ({ features: zeroFeatures(), perHistory: new Map(), topicality: topicality[i] as number }));
  }
  const sims: Similarities = {
    lexical: wanted('lexical') ? lexicalOnce().toHistory : undefined,
    lexicalFloor: options.lexicalFloor ?? 0,
    content: wanted('content')
      ? centeredVectors(
          candidates.map((c) => c.vector),
          h.distinct.map((index) => history[index]?.vector),
        )
      : undefined,
  };
  return candidates.map((candidate, i) => candidateSignals(candidate, i, topicality[i] as number, h, sims));
}
