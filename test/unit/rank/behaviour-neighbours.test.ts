import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnNeighbours } from '../../../src/index/behaviour.ts';

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-12;

test('co-purchase weight is count(i,j) / sqrt(count(i) · count(j)), strongest first', () => {
  // a in 3 baskets, b in 2, c in 1; a+b twice, a+c once. The repeated a in
  // the third basket counts once.
  const neighbours = learnNeighbours([
    ['a', 'b'],
    ['b', 'a'],
    ['a', 'c', 'a'],
  ]);
  const a = neighbours.get('a') ?? [];
  assert.deepEqual(
    a.map((n) => n.id),
    ['b', 'c'],
  );
  assert.ok(close(a[0]?.weight as number, 2 / Math.sqrt(6)));
  assert.ok(close(a[1]?.weight as number, 1 / Math.sqrt(3)));
  assert.deepEqual(
    neighbours.get('c')?.map((n) => n.id),
    ['a'],
  );
  assert.ok(close(neighbours.get('b')?.[0]?.weight as number, 2 / Math.sqrt(6)));
});

test('topK keeps the strongest neighbours; minCount drops rare pairs', () => {
  const histories = [
    ['a', 'b'],
    ['a', 'b'],
    ['a', 'c'],
  ];
  assert.deepEqual(
    learnNeighbours(histories, { topK: 1 })
      .get('a')
      ?.map((n) => n.id),
    ['b'],
  );
  const frequent = learnNeighbours(histories, { minCount: 2 });
  assert.deepEqual(
    frequent.get('a')?.map((n) => n.id),
    ['b'],
  );
  assert.equal(frequent.has('c'), false);
});

test('single-item baskets and empty ids give no neighbours', () => {
  assert.equal(learnNeighbours([['a'], ['', 'b']]).size, 0);
});
