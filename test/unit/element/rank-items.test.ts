import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collectCandidates } from '../../../src/element/candidates.ts';
import { itemViews, reorderItems, type RankItem } from '../../../src/element/rank-items.ts';

test('framework items are read like DOM items: fields, numeric ids, pins', () => {
  const items: RankItem[] = [
    { id: 7, title: ' Tent ', brand: 'Acme', pinned: true },
    { id: 'b', title: 'Stove', description: 'Gas', vector: 'AAEC' },
  ];
  const { candidates, problems } = collectCandidates(itemViews(items), 10);
  assert.deepEqual(problems, []);
  assert.deepEqual(candidates, [
    {
      id: '7',
      serverRank: 0,
      title: 'Tent',
      category: undefined,
      brand: 'Acme',
      description: undefined,
      vector: undefined,
      pinned: true,
    },
    {
      id: 'b',
      serverRank: 1,
      title: 'Stove',
      category: undefined,
      brand: undefined,
      description: 'Gas',
      vector: 'AAEC',
      pinned: false,
    },
  ]);
});

test('ranked items take the ranked slots; an item without an id, a repeat and the tail past max-candidates stay put', () => {
  const items = [{ id: 'a' }, { title: 'no id' }, { id: 'b' }, { id: 'a', title: 'repeat' }, { id: 'c' }, { id: 'd' }] as RankItem[];
  const views = itemViews(items);
  const { nodes } = collectCandidates(views, 3);
  assert.deepEqual(
    nodes.map((n) => n.index),
    [0, 2, 4],
  );
  const out = reorderItems(items, nodes, ['c', 'a', 'b']);
  assert.deepEqual(out, [items[4], items[1], items[0], items[3], items[2], items[5]]);
});

test('an order that is not a permutation of the ranked items leaves the list as it was', () => {
  const items: RankItem[] = [{ id: 'a' }, { id: 'b' }];
  const { nodes } = collectCandidates(itemViews(items), 10);
  assert.deepEqual(reorderItems(items, nodes, ['a']), items);
  assert.deepEqual(reorderItems(items, nodes, ['a', 'zz']), items);
});

test('property: whatever the items, the result holds every input object exactly once', () => {
  const item = fc.record(
    { id: fc.oneof(fc.string(), fc.integer(), fc.constantFrom('a', 'b', ' a')), title: fc.string(), pinned: fc.boolean() },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(fc.array(item, { maxLength: 25 }), fc.integer({ min: 1, max: 30 }), fc.nat(), (items, max, seed) => {
      const { candidates, nodes } = collectCandidates(itemViews(items as RankItem[]), max);
      // Any permutation of the candidate ids (rotated by the seed).
      const ids = candidates.map((c) => c.id);
      const k = ids.length ? seed % ids.length : 0;
      const out = reorderItems(items, nodes, [...ids.slice(k), ...ids.slice(0, k)]);
      assert.equal(out.length, items.length);
      assert.deepEqual(new Set(out), new Set(items));
      for (const [i, value] of items.entries())
        if (!nodes.some((n) => n.index === i)) assert.equal(out[i], value, 'unranked items keep their index');
    }),
    { numRuns: 300 },
  );
});
