import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnNeighbours, MAX_STORED_COUNT } from '../../../scripts/build-index/behaviour.ts';

test('a neighbour counts the shoppers who bought both, most co-purchased first', () => {
  // a+b bought by two shoppers, a+c by one; the repeated a in the third basket counts once.
  const neighbours = learnNeighbours([
    ['a', 'b'],
    ['b', 'a'],
    ['a', 'c', 'a'],
  ]);
  assert.deepEqual(neighbours.get('a'), [
    { id: 'b', count: 2 },
    { id: 'c', count: 1 },
  ]);
  assert.deepEqual(neighbours.get('b'), [{ id: 'a', count: 2 }]);
  assert.deepEqual(neighbours.get('c'), [{ id: 'a', count: 1 }]);
});

test('ties are broken by id, so equal logs give equal lists', () => {
  const one = learnNeighbours([['x', 'c', 'b', 'a']]).get('x');
  const two = learnNeighbours([['a', 'b', 'c', 'x']]).get('x');
  assert.deepEqual(one, two);
  assert.deepEqual(
    one?.map((n) => n.id),
    ['a', 'b', 'c'],
  );
});

test('topK keeps the most co-purchased; minCount drops rare pairs', () => {
  const histories = [
    ['a', 'b'],
    ['a', 'b'],
    ['a', 'c'],
  ];
  assert.deepEqual(learnNeighbours(histories, { topK: 1 }).get('a'), [{ id: 'b', count: 2 }]);
  const frequent = learnNeighbours(histories, { minCount: 2 });
  assert.deepEqual(frequent.get('a'), [{ id: 'b', count: 2 }]);
  assert.equal(frequent.has('c'), false);
});

test('the default keeps 100 neighbours per item', () => {
  const basket = ['hub', ...Array.from({ length: 150 }, (_, i) => `item-${String(i).padStart(3, '0')}`)];
  assert.equal(learnNeighbours([basket]).get('hub')?.length, 100);
});

test('counts beyond what a u16 holds are stored as its largest value', () => {
  const many = Array.from({ length: MAX_STORED_COUNT + 5 }, () => ['a', 'b']);
  assert.equal(learnNeighbours(many).get('a')?.[0]?.count, MAX_STORED_COUNT);
});

test('single-item baskets and empty ids give no neighbours', () => {
  assert.equal(learnNeighbours([['a'], ['', 'b']]).size, 0);
});
