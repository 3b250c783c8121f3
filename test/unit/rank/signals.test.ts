import { test } from 'node:test';
import assert from 'node:assert/strict';
import { behaviourPush } from '../../../src/rank/behaviour-signal.ts';
import { centeredCosine, centeredVectors } from '../../../src/rank/content-affinity.ts';
import { categoryTopicality, similarityTopicality } from '../../../src/rank/topicality.ts';
import { availabilityOf, situationOf } from '../../../src/rank/situation.ts';
import { computeSignals } from '../../../src/rank/features.ts';

test('behaviour: ln(1 + Σ weight · count), shared out over the history items in proportion', () => {
  const byKey = new Map([
    [11, [0]],
    [22, [1, 2]],
  ]);
  const push = behaviourPush(
    [
      { key: 11, count: 3 },
      { key: 22, count: 1 },
      { key: 99, count: 50 },
    ],
    byKey,
    [1, 0.5, 0.5],
  );
  assert.ok(Math.abs(push.value - Math.log1p(3 + 0.5 + 0.5)) < 1e-12);
  assert.deepEqual(
    push.perHistory.map(([i]) => i),
    [0, 1, 2],
  );
  assert.ok(Math.abs(push.perHistory.reduce((s, [, a]) => s + a, 0) - push.value) < 1e-12);
  assert.deepEqual(behaviourPush(undefined, byKey, [1]), { value: 0, perHistory: [] });
  assert.deepEqual(behaviourPush([{ key: 11, count: Number.NaN }], byKey, [1]), { value: 0, perHistory: [] });
});

test('content: vectors centred on the list mean tell apart items that all resemble the query', () => {
  // Three candidates share a big common direction; they differ in a small one.
  const v = (x: number, y: number) => {
    const n = Math.hypot(1, x, y);
    return new Float32Array([1 / n, x / n, y / n]);
  };
  const { candidates, extra } = centeredVectors([v(0.2, 0), v(0, 0.2), v(-0.2, -0.2)], [v(0.25, 0.01)]);
  const raw = [0, 1].map((i) => [v(0.2, 0), v(0, 0.2)][i]!.reduce((s, x, k) => s + x * v(0.25, 0.01)[k]!, 0));
  assert.ok(raw[0]! > 0.95 && raw[1]! > 0.95, 'raw cosines are all high');
  assert.ok(centeredCosine(candidates[0], extra[0]) > 0.9);
  assert.ok(centeredCosine(candidates[1], extra[0]) < 0.1);
  assert.equal(centeredCosine(undefined, extra[0]), 0);
  assert.deepEqual(centeredVectors([undefined], [undefined]), { candidates: [undefined], extra: [undefined] });
});

test('topicality by category is the share of the top 10 in it; by similarity, min-max over the list', () => {
  assert.deepEqual(categoryTopicality(['A', 'a ', 'B', undefined]), [0.5, 0.5, 0.25, 0]);
  assert.equal(categoryTopicality([undefined, '']), undefined);
  // 3 candidates × 2 top results: mean similarity 0.5, 0.25, 1 → 1/3, 0, 1.
  const t = similarityTopicality(Float64Array.from([0.5, 0.5, 0, 0.5, 1, 1]), 3, 2);
  assert.deepEqual(
    t.map((x) => Number(x.toFixed(6))),
    [0.333333, 0, 1],
  );
  assert.deepEqual(similarityTopicality(Float64Array.from([0.3, 0.3]), 2, 1), [1, 1], 'no spread: nothing to tell apart');
});

test('availability: neighbours, fields and vectors as the candidates carry them', () => {
  const base = { serverRank: 0, title: 't' };
  assert.deepEqual(availabilityOf([{ ...base, id: 'a' }]), { behaviour: false, fields: false, vectors: false });
  const all = availabilityOf([
    { ...base, id: 'a', brand: ' ' },
    { ...base, id: 'b', category: 'Tools', neighbours: [{ key: 1, count: 1 }], vector: new Float32Array(2) },
  ]);
  assert.deepEqual(all, { behaviour: true, fields: true, vectors: true });
  assert.equal(situationOf({ behaviour: false, fields: false }), 'titles-only');
  assert.equal(availabilityOf([{ ...base, id: 'a', neighbours: [] }]).behaviour, false);
});

test('lexical floor: a title sharing only "with" counts below the floor, one sharing the kind of product above it', () => {
  const now = Date.UTC(2026, 0, 1);
  const candidates = ['Gaming headset with microphone', 'Pro racing pedals with clutch', 'Wireless keyboard'].map((title, serverRank) => ({
    id: `c${serverRank}`,
    serverRank,
    title,
  }));
  const history = [{ itemId: 'h', title: 'Apex racing pedals with load cell brake', type: 'view' as const, time: now }];
  const lexical = (lexicalFloor: number) =>
    computeSignals(candidates, history, { now, topicality: 'none', lexicalFloor }).map((s) => s.features.lexical);
  const all = lexical(0);
  assert.ok(all[0]! > 0, 'without a floor the shared "with" counts');
  const floored = lexical(0.1);
  assert.deepEqual([floored[0], floored[2]], [0, 0], 'with the floor it does not, nor a stray shared gram');
  assert.equal(floored[1], all[1], 'the racing pedals keep their full similarity');
});
