import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { placeItems, type PlacementInput } from '../../../src/rank/placement.ts';

/** The greedy placement as documented, step by step: at each free slot, sort
 *  the unplaced items within reach (best score first, then server order) and
 *  take the first that leaves every other item a place and is not a blocked
 *  near-duplicate (else the first that leaves room). */
function reference(input: PlacementInput): number[] {
  const n = input.scores.length;
  const limit = Math.max(0, Math.floor(Number.isFinite(input.maxDisplacement) ? input.maxDisplacement : n));
  const gap = Math.max(0, Math.floor(input.duplicateGap ?? 0));
  const order = new Array<number>(n).fill(-1);
  const placed = new Array<boolean>(n).fill(false);
  const free = [...Array(n).keys()].filter((p) => !input.pinned[p]);
  for (let p = 0; p < n; p++) if (input.pinned[p]) [order[p], placed[p]] = [p, true];
  const score = (p: number) => (Number.isFinite(input.scores[p]) ? input.scores[p]! : -Infinity);
  const leavesRoom = (x: number, k: number) =>
    [...Array(n).keys()].filter((p) => !placed[p] && p !== x).every((p, i) => Math.abs(free[k + 1 + i]! - p) <= limit);
  const blocked = (x: number, slot: number) =>
    gap > 0 &&
    !!input.isNearDuplicate &&
    slot < x &&
    order.slice(Math.max(0, slot - gap), slot).some((o) => o >= 0 && input.isNearDuplicate!(x, o));
  free.forEach((slot, k) => {
    const choices = [...Array(n).keys()]
      .filter((p) => !placed[p] && Math.abs(slot - p) <= limit)
      .sort((a, b) => (score(a) === score(b) ? a - b : score(b) > score(a) ? 1 : -1));
    const roomy = choices.filter((p) => leavesRoom(p, k));
    const chosen = roomy.find((p) => !blocked(p, slot)) ?? roomy[0] ?? choices[0]!;
    order[slot] = chosen;
    placed[chosen] = true;
  });
  return order;
}

test('hand-checked: the best item within reach takes each slot', () => {
  assert.deepEqual(placeItems({ scores: [1, 2, 3], pinned: [false, false, false], maxDisplacement: 5 }), [2, 1, 0]);
  // Item 2 may not climb two places, and item 0 may not sink two: 1 first, then 0, then 2.
  assert.deepEqual(placeItems({ scores: [1, 2, 3], pinned: [false, false, false], maxDisplacement: 1 }), [1, 0, 2]);
  assert.deepEqual(placeItems({ scores: [1, 2, 3], pinned: [false, true, false], maxDisplacement: 5 }), [2, 1, 0]);
  assert.deepEqual(placeItems({ scores: [5, 5, NaN, 6], pinned: [false, false, false, false], maxDisplacement: 9 }), [3, 0, 1, 2]);
});

test('any scores, pins, limits and near-duplicates: the same order as the step-by-step placement', () => {
  const scoreValue = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ noNaN: false }), fc.constantFrom(Infinity, -Infinity, NaN));
  const input = fc.integer({ min: 0, max: 24 }).chain((n) =>
    fc.record({
      scores: fc.array(scoreValue, { minLength: n, maxLength: n }),
      pinned: fc.array(
        fc.integer({ min: 0, max: 6 }).map((k) => k === 0),
        { minLength: n, maxLength: n },
      ),
      maxDisplacement: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Infinity), fc.double({ min: 0, max: 5 })),
      duplicateGap: fc.integer({ min: 0, max: 3 }),
      groups: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    }),
  );
  fc.assert(
    fc.property(input, ({ groups, ...rest }) => {
      const placement: PlacementInput = { ...rest, isNearDuplicate: (a, b) => groups[a] === groups[b] };
      assert.deepEqual(placeItems(placement), reference(placement));
    }),
    { numRuns: 2000 },
  );
});
