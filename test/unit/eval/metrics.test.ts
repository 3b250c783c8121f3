import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ndcgAt, reciprocalRank } from '../../../scripts/eval/metrics.ts';
import { pairedBootstrap } from '../../../scripts/eval/bootstrap.ts';

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

test('NDCG@k uses gain 2^label − 1 and the log2 discount', () => {
  const labels = new Map([
    ['a', 0],
    ['b', 2],
    ['c', 1],
  ]);
  // DCG = 3/log2(3) + 1/log2(4); ideal = 3 + 1/log2(3).
  const expected = (3 / Math.log2(3) + 0.5) / (3 + 1 / Math.log2(3));
  assert.ok(close(ndcgAt(['a', 'b', 'c'], labels), expected));
  assert.equal(ndcgAt(['b', 'c', 'a'], labels), 1);
  // Only the top k count: with k = 1 and a zero-gain item first, NDCG is 0.
  assert.equal(ndcgAt(['a', 'b', 'c'], labels, 1), 0);
  assert.equal(ndcgAt(['a'], new Map([['a', 0]])), 0);
});

test('reciprocal rank of the target is 1/position, 0 when absent', () => {
  assert.equal(reciprocalRank(['a', 'b', 'c'], 'c'), 1 / 3);
  assert.equal(reciprocalRank(['a'], 'z'), 0);
});

test('paired bootstrap: a constant difference has a zero-width interval; it is reproducible', () => {
  const base = [0.1, 0.5, 0.9, 0.3];
  const ci = pairedBootstrap(
    base.map((x) => x + 0.2),
    base,
  );
  assert.ok(close(ci.mean, 0.2) && close(ci.low, 0.2) && close(ci.high, 0.2));
  const noisy = [0.3, 0.1, 0.8, 0.5, 0.2, 0.9];
  const a = pairedBootstrap(noisy, base.concat([0.4, 0.4]), { seed: 7 });
  const b = pairedBootstrap(noisy, base.concat([0.4, 0.4]), { seed: 7 });
  assert.deepEqual(a, b);
  assert.ok(a.low <= a.mean && a.mean <= a.high && a.low < a.high);
});
