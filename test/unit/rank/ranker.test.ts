import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rank } from '../../../src/rank/ranker.ts';
import { reasonText } from '../../../src/rank/reasons.ts';
import { FEATURE_NAMES } from '../../../src/rank/features.ts';
import type { HistoryItem, RankCandidate, RankInput } from '../../../src/rank/types.ts';

const NOW = Date.UTC(2026, 0, 1);
const ZERO = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0]));

function candidates(ids: string[], extra: Record<string, Partial<RankCandidate>> = {}): RankCandidate[] {
  return ids.map((id, serverRank) => ({ id, serverRank, title: `Product ${id}`, ...extra[id] }));
}

function bought(itemId: string, title = `Bought ${itemId}`): HistoryItem {
  return { itemId, title, type: 'purchase', time: NOW };
}

function input(partial: Partial<RankInput> & { weights?: Record<string, number>; maxDisplacement?: number }): RankInput {
  return {
    candidates: partial.candidates ?? candidates(['a', 'b', 'c', 'd', 'e']),
    history: partial.history ?? [],
    queryVector: partial.queryVector,
    options: {
      strength: 1,
      maxDisplacement: partial.maxDisplacement ?? 10,
      weights: { ...ZERO, ...partial.weights },
      now: NOW,
    },
  };
}

test('empty history keeps the server order exactly, even with strong weights and a query', () => {
  const shuffled = candidates(['a', 'b', 'c', 'd', 'e'], {
    e: { vector: new Float32Array([1, 0]), neighbours: [{ id: 'x', weight: 1 }] },
  }).reverse();
  const result = rank({
    ...input({ candidates: shuffled, weights: { query: 100, behaviour: 100, brand: 100 } }),
    queryVector: new Float32Array([1, 0]),
  });
  assert.deepEqual(result.order, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(result.reasons, {});
});

test('strength 0 keeps the server order even with history', () => {
  const base = input({
    candidates: candidates(['a', 'b', 'c', 'd', 'e'], { e: { neighbours: [{ id: 'h', weight: 1 }] } }),
    history: [bought('h')],
    weights: { behaviour: 100 },
  });
  const result = rank({ ...base, options: { ...base.options, strength: 0 } });
  assert.deepEqual(result.order, ['a', 'b', 'c', 'd', 'e']);
});

test('a co-purchase neighbour of a history item moves up by the blended score', () => {
  // One history item: gate = 1/3. d: prior 1/log2(5) = 0.431 + 1/3 = 0.764,
  // between a (1.0) and b (1/log2(3) = 0.631).
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], { d: { neighbours: [{ id: 'h', weight: 1 }] } }),
      history: [bought('h', 'Nitrile glove box')],
      weights: { behaviour: 1 },
    }),
  );
  assert.deepEqual(result.order, ['a', 'd', 'b', 'c', 'e']);
  assert.ok(Math.abs((result.scores.d as number) - (1 / Math.log2(5) + 1 / 3)) < 1e-12);
  assert.equal(result.features.d?.behaviour, 1);
  assert.equal(reasonText(result.reasons.d!), 'Because you bought “Nitrile glove box”');
  assert.deepEqual(result.reasons, {
    d: { itemId: 'd', historyItemId: 'h', historyTitle: 'Nitrile glove box', historyType: 'purchase', kind: 'bought-together' },
  });
});

test('no item moves up more than maxDisplacement places', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], { d: { neighbours: [{ id: 'h', weight: 1 }] } }),
      history: [bought('h')],
      weights: { behaviour: 10 },
      maxDisplacement: 2,
    }),
  );
  assert.deepEqual(result.order, ['a', 'd', 'b', 'c', 'e']);
});

test('no item moves down more than maxDisplacement places', () => {
  // a was bought before and repeat is strongly negative: it sinks, but at most 2 slots.
  const result = rank(input({ history: [bought('a')], weights: { repeat: -10 }, maxDisplacement: 2 }));
  assert.deepEqual(result.order, ['b', 'c', 'a', 'd', 'e']);
});

test('pinned items keep their slot', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], {
        b: { pinned: true },
        d: { neighbours: [{ id: 'h', weight: 1 }] },
      }),
      history: [bought('h')],
      weights: { behaviour: 10 },
    }),
  );
  assert.deepEqual(result.order, ['d', 'b', 'a', 'c', 'e']);
});

test('near-duplicates moved up are not stacked next to each other', () => {
  const boost = { neighbours: [{ id: 'h', weight: 1 }] };
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], {
        c: { ...boost, title: 'Nitrile gloves, size M' },
        d: { ...boost, title: 'nitrile gloves size m' },
      }),
      history: [bought('h')],
      weights: { behaviour: 10 },
    }),
  );
  // Without spacing this would be c, d, a, b, e.
  assert.deepEqual(result.order, ['c', 'a', 'd', 'b', 'e']);
});

test('an item moved up by the query alone gets no reason; the reason names the history item that pushed most', () => {
  const result = rank({
    ...input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], {
        a: { vector: new Float32Array([0, 1]) },
        b: { vector: new Float32Array([0, 1]) },
        c: { vector: new Float32Array([1, 0]) },
        d: {
          vector: new Float32Array([0, 1]),
          neighbours: [
            { id: 'old', weight: 0.9 },
            { id: 'new', weight: 0.2 },
          ],
        },
        e: { vector: new Float32Array([0, 1]) },
      }),
      // 'old' is one step back: 0.85 × 0.9 = 0.765 beats 'new': 1 × 0.2.
      history: [bought('old', 'Old caliper'), bought('new', 'New scale'), bought('z')],
      weights: { query: 2, behaviour: 2 },
    }),
    queryVector: new Float32Array([1, 0]),
  });
  assert.equal(result.order.indexOf('c') < 2, true, 'c rises on query relevance');
  assert.equal(result.order.indexOf('d') < 3, true, 'd rises on behaviour');
  assert.deepEqual(Object.keys(result.reasons), ['d']);
  assert.equal(result.reasons.d?.historyItemId, 'old');
  assert.equal(result.reasons.d?.kind, 'bought-together');
});

test('brand and category affinity are recency-weighted shares of the history', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b'], { a: { category: 'Tools' }, b: { brand: 'Acme', category: 'Tools' } }),
      history: [
        { ...bought('h1'), brand: 'acme ', category: 'Other' },
        { ...bought('h2'), brand: 'Zed', category: 'Tools' },
      ],
      weights: { brand: 1 },
    }),
  );
  // weights: h1 = 0.85, h2 = 1 → brand share 0.85 / 1.85, category share 1 / 1.85.
  assert.ok(Math.abs((result.features.b?.brand as number) - 0.85 / 1.85) < 1e-12);
  assert.ok(Math.abs((result.features.b?.category as number) - 1 / 1.85) < 1e-12);
  assert.equal(result.features.a?.brand, 0);
});

test("pushes are scaled by topicality: the share of the top server results in the candidate's category", () => {
  // Top results: 3 × Gloves, 1 × Tape. x (Tape) gets 1/4 of the push y (Gloves) gets 3/4 of.
  const boost = { neighbours: [{ id: 'h', weight: 1 }] };
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'x', 'y'], {
        a: { category: 'Gloves' },
        b: { category: 'Gloves' },
        x: { ...boost, category: 'Tape' },
        y: { ...boost, category: 'gloves ' },
      }),
      history: [bought('h')],
      weights: { behaviour: 1 },
    }),
  );
  assert.equal(result.features.x?.behaviour, 0.25);
  assert.equal(result.features.y?.behaviour, 0.75);
  // Without any categories on the page there is nothing to scale by.
  const plain = rank(
    input({
      candidates: candidates(['a', 'x'], { x: boost }),
      history: [bought('h')],
      weights: { behaviour: 1 },
    }),
  );
  assert.equal(plain.features.x?.behaviour, 1);
});

test('unknown or non-finite weights fall back to the defaults instead of breaking the order', () => {
  const result = rank(input({ history: [bought('h')], weights: { behaviour: Number.NaN, bogus: 5 } }));
  assert.deepEqual([...result.order].sort(), ['a', 'b', 'c', 'd', 'e']);
  assert.ok(Object.values(result.scores).every(Number.isFinite));
});

test('random inputs: the order is a permutation, pins hold, displacement holds', () => {
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(random() * 30);
    const ids = Array.from({ length: n }, (_, i) => `i${i}`);
    const history = Array.from({ length: Math.floor(random() * 6) }, (_, k) => bought(`h${k}`));
    const list = candidates(ids).map((c) => ({
      ...c,
      pinned: random() < 0.15,
      brand: random() < 0.3 ? 'Acme' : 'Zed',
      neighbours: history.filter(() => random() < 0.3).map((h) => ({ id: h.itemId, weight: random() })),
    }));
    history.forEach((h) => (h.brand = random() < 0.5 ? 'Acme' : 'Zed'));
    const maxDisplacement = random() < 0.2 ? Infinity : Math.floor(random() * 5);
    const result = rank(input({ candidates: list, history, weights: { behaviour: 3, brand: -2 }, maxDisplacement }));
    assert.deepEqual([...result.order].sort(), [...ids].sort());
    result.order.forEach((id, slot) => {
      const server = ids.indexOf(id);
      assert.ok(Math.abs(slot - server) <= maxDisplacement, `${id} moved ${slot - server}`);
      if (list[server]?.pinned) assert.equal(slot, server);
    });
    if (history.length === 0) assert.deepEqual(result.order, ids);
    for (const [id, reason] of Object.entries(result.reasons)) {
      assert.ok(result.order.indexOf(id) < ids.indexOf(id), 'reasons only for items moved up');
      assert.ok(
        history.some((h) => h.itemId === reason.historyItemId && h.title === reason.historyTitle && h.type === reason.historyType),
        'reason names a real history item',
      );
    }
  }
});
