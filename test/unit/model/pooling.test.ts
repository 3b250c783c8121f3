import { test } from 'node:test';
import assert from 'node:assert/strict';
import { l2NormalizeRows, maskedMeanPool } from '../../../src/model/pooling.ts';

test('masked mean averages only the real tokens of each text', () => {
  // batch 2, seq 3, dim 2
  const hidden = Float32Array.from([
    1, 2, 3, 4, 100, 100, // text 0: two real tokens, then padding
    5, 6, 7, 8, 9, 10, //    text 1: three real tokens
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
