import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cosine, dot } from '../../../src/vector/dot.ts';
import { l2NormalizeInPlace, l2NormalizeRows } from '../../../src/vector/l2.ts';

test('dot: Σ a·b; other lengths and non-finite sums compare as 0', () => {
  assert.equal(dot([1, 2, 3], [4, -5, 6]), 12);
  assert.equal(dot([1, 2], [1, 2, 3]), 0);
  assert.equal(dot([Number.NaN, 1], [1, 1]), 0);
  assert.equal(dot([Number.MAX_VALUE, 0], [Number.MAX_VALUE, 0]), 0);
});

test('cosine ignores length scale; a zero vector has cosine 0', () => {
  assert.equal(cosine([3, 4], [6, 8]), 1);
  assert.equal(cosine([1, 0], [0, 2]), 0);
  assert.equal(cosine([0, 0], [1, 1]), 0);
});

test('l2NormalizeInPlace: unit length, returns the old length; zero stays zero', () => {
  const v = Float32Array.from([3, 4]);
  assert.equal(l2NormalizeInPlace(v), 5);
  assert.deepEqual([...v], [0.6, 0.8].map(Math.fround));
  const zero = new Float32Array(2);
  assert.equal(l2NormalizeInPlace(zero), 0);
  assert.deepEqual([...zero], [0, 0]);
});

test('l2NormalizeRows: each row on its own, in place', () => {
  const rows = Float32Array.from([3, 4, 0, 0, 0, 2]);
  assert.equal(l2NormalizeRows(rows, 2), rows);
  assert.deepEqual([...rows], [0.6, 0.8, 0, 0, 0, 1].map(Math.fround));
});
