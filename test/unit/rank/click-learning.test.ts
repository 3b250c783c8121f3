import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnFromClick } from '../../../src/rank/click-learning.ts';
import { FEATURE_NAMES, type FeatureName } from '../../../src/rank/features.ts';
import type { RankResult } from '../../../src/rank/types.ts';
import { DEFAULT_MODELS } from '../../../src/rank/default-weights.ts';

const ZERO = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Record<FeatureName, number>;
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;

function result(): RankResult {
  // x is shown first, y second. y has the stronger behaviour signal, x the stronger brand one.
  return {
    order: ['x', 'y'],
    scores: { x: 1, y: 1 },
    reasons: {},
    features: {
      x: { ...ZERO, prior: 1, brand: 1 },
      y: { ...ZERO, prior: 0.6, behaviour: 1 },
    },
    situation: 'full',
    weights: ZERO,
  };
}

test("a click below a skipped item moves weights toward the clicked item's signals, by a hand-checked step", () => {
  // Equal scores: σ-pull = 1/2. Gradient: behaviour +0.5, brand −0.5. Step = 0.1 × 0.5 = 0.05.
  const next = learnFromClick(ZERO, result(), 'y', { anchor: ZERO, learningRate: 0.1, maxStep: 1, maxDrift: 1 });
  assert.ok(close(next.behaviour, 0.05));
  assert.ok(close(next.brand, -0.05));
  assert.equal(next.lexical, 0);
});

test('one step is clipped to maxStep and total drift to maxDrift around the anchor', () => {
  const big = learnFromClick(ZERO, result(), 'y', { anchor: ZERO, learningRate: 10, maxStep: 0.2, maxDrift: 1 });
  assert.ok(close(big.behaviour, 0.2));
  let weights: Record<FeatureName, number> = ZERO;
  for (let i = 0; i < 50; i++)
    weights = learnFromClick(weights, result(), 'y', { anchor: ZERO, learningRate: 10, maxStep: 0.2, maxDrift: 0.3 });
  assert.ok(close(weights.behaviour, 0.3));
  assert.ok(close(weights.brand, -0.3));
});

test('a click on the first item or on an unknown id changes nothing', () => {
  const start = { ...ZERO, behaviour: 0.4 };
  assert.deepEqual(learnFromClick(start, result(), 'x', { anchor: ZERO }), start);
  assert.deepEqual(learnFromClick(start, result(), 'nope', { anchor: ZERO }), start);
});

test('missing or non-finite stored weights fall back to the anchor', () => {
  const anchor = { ...ZERO, behaviour: 0.7 };
  const next = learnFromClick({ behaviour: Number.NaN }, result(), 'x', { anchor });
  assert.equal(next.behaviour, 0.7);
});

test("without an anchor, drift is measured from the shipped model of the result's situation", () => {
  const shipped = DEFAULT_MODELS['titles-only'].weights;
  const next = learnFromClick(shipped, { ...result(), situation: 'titles-only' }, 'y', { learningRate: 10, maxStep: 10, maxDrift: 0.25 });
  assert.ok(close(next.behaviour, shipped.behaviour + 0.25));
  assert.ok(close(next.brand, shipped.brand - 0.25));
});
