import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { longestIncreasing } from '../../../src/element/longest-increasing.ts';

test('hand-checked lists', () => {
  assert.deepEqual(longestIncreasing([]), []);
  assert.deepEqual(longestIncreasing([7]), [0]);
  assert.deepEqual(longestIncreasing([0, 1, 2, 3]), [0, 1, 2, 3], 'in order: every item stays');
  assert.equal(longestIncreasing([3, 2, 1, 0]).length, 1, 'reversed: one item stays');
  // Item 8 lifted to the third place: the other nine keep their order.
  assert.deepEqual(longestIncreasing([0, 1, 8, 2, 3, 4, 5, 6, 7, 9]), [0, 1, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(longestIncreasing([2, 2, 2]).length, 1, 'strictly increasing');
});

/** Length of a longest strictly increasing subsequence, by the quadratic recurrence. */
function longestLength(values: readonly number[]): number {
  const best = values.map(() => 1);
  values.forEach((v, i) => {
    for (let j = 0; j < i; j++) if ((values[j] as number) < v) best[i] = Math.max(best[i] as number, (best[j] as number) + 1);
  });
  return Math.max(0, ...best);
}

test('any list: ascending indices, strictly increasing values, and no longer such run exists', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 60 }), (values) => {
      const picked = longestIncreasing(values);
      for (let k = 1; k < picked.length; k++) {
        assert.ok((picked[k] as number) > (picked[k - 1] as number));
        assert.ok((values[picked[k] as number] as number) > (values[picked[k - 1] as number] as number));
      }
      assert.equal(picked.length, longestLength(values));
    }),
    { numRuns: 500 },
  );
});
