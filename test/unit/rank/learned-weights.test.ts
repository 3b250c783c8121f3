import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offsetsFromWeights, weightsFromOffsets } from '../../../src/rank/learned-weights.ts';

const OLD = { lexical: 0, content: 0, behaviour: 10, brand: 10, category: 0, repeat: -1, seen: 0 };
const NEW = { lexical: 2, content: 1, behaviour: 12, brand: 8, category: 0, repeat: -1, seen: 0 };

test('no stored offsets: the defaults', () => {
  assert.deepEqual(weightsFromOffsets(undefined, NEW), NEW);
});

test('what a shopper learned under old defaults carries over onto new defaults', () => {
  const learned = { ...OLD, behaviour: 10.3, brand: 9.9 };
  const offsets = offsetsFromWeights(learned, OLD);
  assert.equal(offsets.behaviour?.toFixed(6), '0.300000');
  assert.equal(offsets.brand?.toFixed(6), '-0.100000');
  assert.deepEqual(Object.keys(offsets).sort(), ['behaviour', 'brand']);
  const now = weightsFromOffsets(offsets, NEW);
  assert.equal(now.behaviour.toFixed(6), '12.300000');
  assert.equal(now.brand.toFixed(6), '7.900000');
  assert.equal(now.content, 1);
});

test('corrupt stored values count as no offset', () => {
  assert.deepEqual(weightsFromOffsets({ behaviour: Number.NaN, brand: 'x' as unknown as number }, NEW), NEW);
});

test('offsets stored under a weight this version no longer has are ignored', () => {
  assert.deepEqual(weightsFromOffsets({ query: 0.4 }, NEW), NEW);
});
