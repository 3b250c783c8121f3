import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskedMeanPool, poolHidden, poolingModeOf } from '../../../src/model/pooling.ts';
import { l2NormalizeRows } from '../../../src/vector/l2.ts';

test('masked mean averages only the real tokens of each text', () => {
  // batch 2, seq 3, dim 2
  const hidden = Float32Array.from([
    1,
    2,
    3,
    4,
    100,
    100, // text 0: two real tokens, then padding
    5,
    6,
    7,
    8,
    9,
    10, //    text 1: three real tokens
  ]);
  const mask = [1, 1, 0, 1, 1, 1];
  assert.deepEqual(Array.from(maskedMeanPool(hidden, mask, 2, 3, 2)), [2, 3, 7, 8]);
});

test('masked mean accepts int64 masks (BigInt) as transformers.js gives them', () => {
  const pooled = maskedMeanPool(Float32Array.from([2, 4, 6, 8]), [1n, 0n], 1, 2, 2);
  assert.deepEqual(Array.from(pooled), [2, 4]);
});

test('a text with no tokens pools to zeros, and L2 keeps it zero', () => {
  const pooled = maskedMeanPool(Float32Array.from([3, 4]), [0], 1, 1, 2);
  assert.deepEqual(Array.from(l2NormalizeRows(pooled, 2)), [0, 0]);
});

test('L2 normalisation makes each row unit length', () => {
  // float32 storage: compare with Math.fround of the exact answers
  assert.deepEqual(Array.from(l2NormalizeRows(Float32Array.from([3, 4, 0, 2]), 2)), [0.6, 0.8, 0, 1].map(Math.fround));
});

test('a hidden state of the wrong size is refused', () => {
  assert.throws(() => maskedMeanPool(new Float32Array(5), [1], 1, 1, 2), /5 values, expected 1×1×2/);
});

test('pooling modes on [2 texts × 3 positions × 2 dims], the second text with one padded position', () => {
  const hidden = Float32Array.from([1, 2, 3, 4, 5, 6, /* text 2 */ 7, 8, 9, 1, 100, 100]);
  const mask = [1, 1, 1, 1, 1, 0];
  assert.deepEqual(Array.from(poolHidden('mean', hidden, mask, 2, 3, 2)), [3, 4, 8, 4.5]);
  assert.deepEqual(Array.from(poolHidden('cls', hidden, mask, 2, 3, 2)), [1, 2, 7, 8]);
  // Max over real tokens only: the padded 100s never win.
  assert.deepEqual(Array.from(poolHidden('max', hidden, mask, 2, 3, 2)), [5, 6, 9, 8]);
  // Negative values: max starts from the first real token, not from 0.
  assert.deepEqual(Array.from(poolHidden('max', Float32Array.from([-3, -1, -2, -5]), [1, 1], 1, 2, 2)), [-2, -1]);
});

test("1_Pooling/config.json: sentence-transformers' flags pick the mode; nothing known → mean", () => {
  assert.equal(poolingModeOf({ word_embedding_dimension: 384, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }), 'cls');
  assert.equal(poolingModeOf({ pooling_mode_cls_token: false, pooling_mode_mean_tokens: true }), 'mean');
  assert.equal(poolingModeOf({ pooling_mode_max_tokens: true }), 'max');
  assert.equal(poolingModeOf({ pooling_mode_weightedmean_tokens: true }), 'mean');
  assert.equal(poolingModeOf(null), 'mean');
});
