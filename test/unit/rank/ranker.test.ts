import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rank } from '../../../src/rank/ranker.ts';
import { reasonText } from '../../../src/rank/reasons.ts';
import { zeroFeatures } from '../../../src/rank/features.ts';
import { neighbourKey } from '../../../src/rank/neighbour-key.ts';
import type { TopicalitySource } from '../../../src/rank/topicality.ts';
import type { HistoryItem, Neighbour, RankCandidate, RankInput } from '../../../src/rank/types.ts';

const NOW = Date.UTC(2026, 0, 1);

function candidates(ids: string[], extra: Record<string, Partial<RankCandidate>> = {}): RankCandidate[] {
  return ids.map((id, serverRank) => ({ id, serverRank, title: `Product ${id}`, ...extra[id] }));
}

function bought(itemId: string, title = `Bought ${itemId}`): HistoryItem {
  return { itemId, title, type: 'purchase', time: NOW };
}

const boughtWith = (...pairs: Array<[string, number]>): Neighbour[] =>
  pairs.map(([id, count]) => ({ key: neighbourKey(id), count })).sort((a, b) => a.key - b.key);

/** A whole model (weights not given are 0), so the arithmetic below does not depend on the fitted defaults. */
function input(
  partial: Partial<RankInput> & { weights?: Record<string, number>; maxDisplacement?: number; topicality?: TopicalitySource },
): RankInput {
  return {
    candidates: partial.candidates ?? candidates(['a', 'b', 'c', 'd', 'e']),
    history: partial.history ?? [],
    options: {
      strength: 1,
      maxDisplacement: partial.maxDisplacement ?? 10,
      model: {
        weights: { ...zeroFeatures(), ...partial.weights },
        maxDisplacement: 1000,
        topicality: partial.topicality ?? 'none',
        lexicalFloor: 0,
      },
      now: NOW,
    },
  };
}

test('empty history keeps the server order exactly, even with strong weights', () => {
  const shuffled = candidates(['a', 'b', 'c', 'd', 'e'], {
    e: { vector: new Float32Array([1, 0]), neighbours: boughtWith(['x', 5]) },
  }).reverse();
  const result = rank(input({ candidates: shuffled, weights: { behaviour: 100, brand: 100, lexical: 100 } }));
  assert.deepEqual(result.order, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(result.reasons, {});
});

test('strength 0 keeps the server order even with history', () => {
  const base = input({
    candidates: candidates(['a', 'b', 'c', 'd', 'e'], { e: { neighbours: boughtWith(['h', 3]) } }),
    history: [bought('h')],
    weights: { behaviour: 100 },
  });
  const result = rank({ ...base, options: { ...base.options, strength: 0 } });
  assert.deepEqual(result.order, ['a', 'b', 'c', 'd', 'e']);
});

test('a co-purchase neighbour of a history item moves up by ln(1 + count), gated', () => {
  // One history item: gate = 1/3. d: prior 1/log2(5) = 0.431 + ln(2)/3 = 0.662,
  // between a (1.0) and b (1/log2(3) = 0.631).
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], { d: { neighbours: boughtWith(['h', 1], ['other', 40]) } }),
      history: [bought('h', 'Nitrile glove box')],
      weights: { behaviour: 1 },
    }),
  );
  assert.deepEqual(result.order, ['a', 'd', 'b', 'c', 'e']);
  assert.ok(Math.abs((result.scores.d as number) - (1 / Math.log2(5) + Math.log(2) / 3)) < 1e-12);
  assert.equal(result.features.d?.behaviour, Math.log(2));
  assert.equal(reasonText(result.reasons.d!), 'Often bought with “Nitrile glove box”');
  assert.deepEqual(result.reasons, {
    d: { itemId: 'd', historyItemId: 'h', historyTitle: 'Nitrile glove box', historyType: 'purchase', kind: 'bought-together' },
  });
});

test('no item moves up more than maxDisplacement places', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], { d: { neighbours: boughtWith(['h', 1]) } }),
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

test("the fitted model's own displacement limit applies when it is smaller than the page's", () => {
  const base = input({
    candidates: candidates(['a', 'b', 'c', 'd', 'e'], { e: { neighbours: boughtWith(['h', 1]) } }),
    history: [bought('h')],
    weights: { behaviour: 10 },
    maxDisplacement: 10,
  });
  const result = rank({ ...base, options: { ...base.options, model: { ...base.options.model!, maxDisplacement: 1 } } });
  assert.deepEqual(result.order, ['a', 'b', 'c', 'e', 'd']);
});

test('pinned items keep their slot', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], {
        b: { pinned: true },
        d: { neighbours: boughtWith(['h', 1]) },
      }),
      history: [bought('h')],
      weights: { behaviour: 10 },
    }),
  );
  assert.deepEqual(result.order, ['d', 'b', 'a', 'c', 'e']);
});

test('near-duplicates moved up are not stacked next to each other', () => {
  const boost = { neighbours: boughtWith(['h', 1]) };
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

test('the reason names the history item that pushed most, summed over its events', () => {
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd', 'e'], { d: { neighbours: boughtWith(['old', 9], ['new', 2]) } }),
      // Weights: z 1, new 0.85, old 0.85² = 0.7225 → old pushes 0.7225 × 9 = 6.5, new 0.85 × 2 = 1.7.
      history: [bought('old', 'Old caliper'), bought('new', 'New scale'), bought('z')],
      weights: { behaviour: 2 },
    }),
  );
  assert.equal(result.order.indexOf('d') < 3, true, 'd rises on behaviour');
  assert.deepEqual(Object.keys(result.reasons), ['d']);
  assert.equal(result.reasons.d?.historyItemId, 'old');
  assert.equal(result.reasons.d?.kind, 'bought-together');
});

test('a candidate the shopper already viewed is named after its own view, not after another viewed product', () => {
  // d was viewed, and its title is close to another viewed product's: the
  // lexical push comes from "Racing wheel pro", yet the reason is d's own view.
  const viewed = (itemId: string, title: string): HistoryItem => ({ itemId, title, type: 'view', time: NOW });
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd'], {
        a: { title: 'USB cable' },
        b: { title: 'Mouse pad' },
        c: { title: 'Headset stand' },
        d: { title: 'Racing wheel stand' },
      }),
      history: [viewed('w', 'Racing wheel pro'), viewed('d', 'Racing wheel stand')],
      weights: { lexical: 10, seen: 0.1 },
    }),
  );
  assert.ok(result.order.indexOf('d') < 3, `d moved up: ${result.order.join(',')}`);
  assert.deepEqual(result.reasons.d, {
    itemId: 'd',
    historyItemId: 'd',
    historyTitle: 'Racing wheel stand',
    historyType: 'view',
    kind: 'seen-before',
  });
});

test('an item viewed three times counts as one history item for its reason', () => {
  // Brand pushes: "rep" viewed three times (weights 0.4 × 0.85^k each) outweighs "one" bought once… only summed.
  const view = (itemId: string): HistoryItem => ({ itemId, title: `Viewed ${itemId}`, type: 'view', time: NOW, brand: 'Acme' });
  const result = rank(
    input({
      candidates: candidates(['a', 'b', 'c', 'd'], { d: { brand: 'Acme' } }),
      history: [view('rep'), view('rep'), view('rep'), { ...bought('one'), brand: 'Acme', time: NOW - 40 * 86_400_000 }],
      weights: { brand: 5 },
    }),
  );
  // rep: 0.4 × (0.85³ + 0.85² + 0.85) = 0.866; one: 1 × 0.5^(40/60) = 0.63.
  assert.equal(result.reasons.d?.historyItemId, 'rep');
  assert.equal(result.reasons.d?.kind, 'same-brand');
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

test("with 'category' topicality, pushes are scaled by the share of the top server results in the candidate's category", () => {
  // Top results: 3 × Gloves, 1 × Tape. x (Tape) gets 1/4 of the push, y (Gloves) 3/4.
  const boost = { neighbours: boughtWith(['h', 1]) };
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
      topicality: 'category',
    }),
  );
  assert.equal(result.features.x?.behaviour, 0.25 * Math.log(2));
  assert.equal(result.features.y?.behaviour, 0.75 * Math.log(2));
});

test('without categories, topicality comes from the titles: an off-topic title gets no push', () => {
  const titles = {
    a: { title: 'Nitrile exam gloves, box of 100' },
    b: { title: 'Latex exam gloves large' },
    c: { title: 'Vinyl exam gloves medium' },
    d: { title: 'Stainless steel caliper' },
    e: { title: 'Nitrile gloves blue' },
  };
  const history = [bought('h', 'Steel caliper'), bought('g', 'Blue gloves')];
  const result = rank(
    input({ candidates: candidates(['a', 'b', 'c', 'd', 'e'], titles), history, weights: { lexical: 5 }, topicality: 'category' }),
  );
  assert.equal(result.features.d?.lexical, 0, 'the caliper is the least on-topic candidate');
  assert.ok((result.features.e?.lexical as number) > 0);
  assert.ok(result.order.indexOf('e') < 4, 'the blue gloves move up');
  assert.ok(result.order.indexOf('d') >= 3, 'the caliper does not');
  assert.equal(result.reasons.e?.historyItemId, 'g');
  assert.equal(result.reasons.e?.kind, 'similar');
});

test('the situation follows the signals the list has', () => {
  const plain = rank({
    candidates: candidates(['a', 'b']),
    history: [bought('h')],
    options: { strength: 1, maxDisplacement: 5, now: NOW },
  });
  assert.equal(plain.situation, 'titles-only');
  const fields = rank({
    candidates: candidates(['a', 'b'], { a: { brand: 'Acme' } }),
    history: [bought('h')],
    options: { strength: 1, maxDisplacement: 5, now: NOW },
  });
  assert.equal(fields.situation, 'no-log');
  const log = rank({
    candidates: candidates(['a', 'b'], { b: { neighbours: boughtWith(['h', 2]) } }),
    history: [bought('h')],
    options: { strength: 1, maxDisplacement: 5, now: NOW },
  });
  assert.equal(log.situation, 'full');
});

test('unknown or non-finite weights fall back to the model instead of breaking the order', () => {
  const base = input({ history: [bought('h')] });
  const result = rank({ ...base, options: { ...base.options, weights: { behaviour: Number.NaN, bogus: 5 } } });
  assert.deepEqual([...result.order].sort(), ['a', 'b', 'c', 'd', 'e']);
  assert.ok(Object.values(result.scores).every(Number.isFinite));
});

test('random inputs: the order is a permutation, pins hold, displacement holds', () => {
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 200; round++) {
    const n = 1 + Math.floor(random() * 30);
    const ids = Array.from({ length: n }, (_, i) => `i${i}`);
    const history = Array.from({ length: Math.floor(random() * 6) }, (_, k) => bought(`h${k}`, `Title ${Math.floor(random() * 4)}`));
    const list = candidates(ids).map((c) => ({
      ...c,
      title: `Title ${Math.floor(random() * 4)}`,
      pinned: random() < 0.15,
      brand: random() < 0.3 ? 'Acme' : 'Zed',
      neighbours: boughtWith(
        ...history.filter(() => random() < 0.3).map((h): [string, number] => [h.itemId, 1 + Math.floor(random() * 9)]),
      ),
    }));
    history.forEach((h) => (h.brand = random() < 0.5 ? 'Acme' : 'Zed'));
    const maxDisplacement = random() < 0.2 ? Infinity : Math.floor(random() * 5);
    const result = rank(
      input({ candidates: list, history, weights: { behaviour: 3, brand: -2, lexical: 2 }, maxDisplacement, topicality: 'lexical' }),
    );
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
