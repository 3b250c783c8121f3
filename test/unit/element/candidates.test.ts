import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectCandidates, type ItemSource } from '../../../src/element/candidates.ts';

function item(attrs: Record<string, string>): ItemSource & { attrs: Record<string, string> } {
  return { attrs, getAttribute: (name) => (name in attrs ? (attrs[name] as string) : null) };
}

test('reads id, fields, vector and pin in DOM order, with 0-based server ranks', () => {
  const items = [
    item({ 'data-item-id': 'a', 'data-title': ' Tent ', 'data-category': 'Camping', 'data-brand': 'Acme', 'data-pinned': '' }),
    item({ 'data-item-id': 'b', 'data-title': 'Stove', 'data-description': 'Gas', 'data-vector': 'AAEC', 'data-score': '0.7' }),
  ];
  const { candidates, nodes, problems } = collectCandidates(items, 10);
  assert.deepEqual(problems, []);
  assert.deepEqual(nodes, items);
  assert.deepEqual(candidates, [
    {
      id: 'a',
      serverRank: 0,
      title: 'Tent',
      category: 'Camping',
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

test('a repeated id keeps its place: only its first node is a candidate', () => {
  const items = [
    item({ 'data-item-id': 'a', 'data-title': 'A' }),
    item({ 'data-item-id': 'b', 'data-title': 'B' }),
    item({ 'data-item-id': 'a', 'data-title': 'A again' }),
  ];
  const { candidates, nodes, problems } = collectCandidates(items, 10);
  assert.deepEqual(
    candidates.map((c) => c.id),
    ['a', 'b'],
  );
  assert.equal(nodes.length, 2);
  assert.equal(nodes[0], items[0]);
  assert.deepEqual(problems, ['duplicate data-item-id "a": repeats keep their place']);
});

test('an item without an id is skipped and named by position; one without a title is kept and reported', () => {
  const items = [item({ 'data-title': 'No id' }), item({ 'data-item-id': 'x' }), item({ 'data-item-id': 'y', 'data-title': '   ' })];
  const { candidates, problems } = collectCandidates(items, 10);
  assert.deepEqual(
    candidates.map((c) => [c.id, c.serverRank, c.title]),
    [
      ['x', 0, ''],
      ['y', 1, ''],
    ],
  );
  assert.deepEqual(problems, [
    '1 item(s) without data-item-id (positions 0) keep their place',
    'item(s) "x", "y" have no data-title: ranked by server position only',
  ]);
});

test('beyond max-candidates the tail is left alone and that is said once', () => {
  const items = Array.from({ length: 2000 }, (_, i) => item({ 'data-item-id': `p${i}`, 'data-title': `P ${i}` }));
  const { candidates, nodes, problems } = collectCandidates(items, 200);
  assert.equal(candidates.length, 200);
  assert.equal(nodes.length, 200);
  assert.equal(candidates.at(-1)?.id, 'p199');
  assert.deepEqual(problems, ['2000 items: only the first 200 are reranked (max-candidates), the rest keep their place']);
});

test('exactly max-candidates items is not a problem', () => {
  const items = Array.from({ length: 3 }, (_, i) => item({ 'data-item-id': `p${i}`, 'data-title': 'x' }));
  assert.deepEqual(collectCandidates(items, 3).problems, []);
});

test('markup in a title is carried as plain text, untouched', () => {
  const title = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  const { candidates } = collectCandidates([item({ 'data-item-id': 'x', 'data-title': title })], 5);
  assert.equal(candidates[0]?.title, title);
});

test('data-pinned="false" is not a pin', () => {
  const { candidates } = collectCandidates([item({ 'data-item-id': 'x', 'data-title': 't', 'data-pinned': 'false' })], 5);
  assert.equal(candidates[0]?.pinned, false);
});
