// On-device learning from the shopper's own clicks. A click on an item says
// "this one over the ones shown above it": one bounded pairwise-logistic step
// moves the blend weights toward the signals the clicked item had more of.
// Pure: the widget keeps the weights in IndexedDB `meta` and erases them on
// forget(); nothing here ever leaves the device.
import type { RankResult } from './types.ts';
import { FEATURE_NAMES, type FeatureName } from './features.ts';
import { DEFAULT_MODELS } from './default-weights.ts';

export interface ClickLearningOptions {
  /** Size of one gradient step. */
  learningRate?: number;
  /** No weight changes by more than this in one click. */
  maxStep?: number;
  /** No weight drifts further than this from the shipped default. */
  maxDrift?: number;
  /** The weights the drift is measured from (default: the shipped model of the list's situation). */
  anchor?: Record<FeatureName, number>;
}

export const CLICK_LEARNING_DEFAULTS = { learningRate: 0.1, maxStep: 0.05, maxDrift: 0.5 } as const;

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function finite(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * New weights after the shopper clicked `clickedId` in `result`. Items above
 * the clicked one were skipped: for each, the logistic loss of "clicked beats
 * skipped" gives a gradient (1 − σ(s_c − s_j)) · (f_c − f_j); the mean over
 * skipped items, scaled and clipped, is the step. A click on the first item
 * (nothing skipped) or on an unknown id changes nothing.
 */
export function learnFromClick(
  weights: Record<string, number> | undefined,
  result: RankResult,
  clickedId: string,
  options: ClickLearningOptions = {},
): Record<FeatureName, number> {
  const anchor = options.anchor ?? DEFAULT_MODELS[result.situation].weights;
  const rate = options.learningRate ?? CLICK_LEARNING_DEFAULTS.learningRate;
  const maxStep = options.maxStep ?? CLICK_LEARNING_DEFAULTS.maxStep;
  const maxDrift = options.maxDrift ?? CLICK_LEARNING_DEFAULTS.maxDrift;
  const current = {} as Record<FeatureName, number>;
  for (const name of FEATURE_NAMES) {
    const value = weights?.[name];
    current[name] = typeof value === 'number' && Number.isFinite(value) ? value : anchor[name];
  }

  const slot = result.order.indexOf(clickedId);
  const clicked = result.features[clickedId];
  if (slot <= 0 || !clicked) return current;

  const gradient = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>;
  let pairs = 0;
  for (const skippedId of result.order.slice(0, slot)) {
    const skipped = result.features[skippedId];
    if (!skipped) continue;
    const margin = finite(result.scores[clickedId]) - finite(result.scores[skippedId]);
    const pull = 1 / (1 + Math.exp(margin));
    for (const name of FEATURE_NAMES) gradient[name] += pull * (finite(clicked[name]) - finite(skipped[name]));
    pairs++;
  }
  if (pairs === 0) return current;

  const next = {} as Record<FeatureName, number>;
  for (const name of FEATURE_NAMES) {
    const step = clamp((rate * gradient[name]) / pairs, -maxStep, maxStep);
    next[name] = clamp(current[name] + step, anchor[name] - maxDrift, anchor[name] + maxDrift);
  }
  return next;
}
