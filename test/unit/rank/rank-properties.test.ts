// Property-based: rank() over generated candidates, histories and options
// (hostile titles, shared brands and categories, vectors, pins, any
// displacement limit) keeps the shop's promises every time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rank } from '../../../src/rank/ranker.ts';
import { neighbourKey } from '../../../src/rank/neighbour-key.ts';
import type { HistoryEventType, HistoryItem, RankCandidate, RankInput } from '../../../src/rank/types.ts';

const NOW = Date.UTC(2026, 0, 1);
const DIM = 8;
const RUNS = 300;

/** An L2-normalised vector, or none. */
const vector = fc.option(
  fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: DIM, maxLength: DIM }).map((values) => {
    const norm = Math.hypot(...values);
    return norm > 1e-6 ? Float32Array.from(values, (v) => v / norm) : undefined;
  }),
  { nil: undefined },
);
/** Few brands and categories, so history signals actually fire. */
const label = fc.option(fc.constantFrom('Kestrel', 'Marlow', 'Orka', 'Tents', ''), { nil: undefined });
const title = fc.oneof(fc.string(), fc.constantFrom('<img src=x onerror=alert(1)>', '$& {title} $1', '   ', 'Kestrel tent'));
const historyType = fc.constantFrom<HistoryEventType>('view', 'click', 'cart', 'purchase');

const world = fc
  .uniqueArray(fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'toString')), {
    minLength: 0,
    maxLength: 30,
  })
  .chain((ids) =>
    fc.record({
      candidates: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            title,
            brand: label,
            category: label,
            vector,
            pinned: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
            neighbours: fc.option(
              fc.array(
                fc.record({
                  key: fc.constantFrom(...ids, 'elsewhere').map(neighbourKey),
                  count: fc.integer({ min: 1, max: 65535 }),
                }),
                { maxLength: 4 },
              ),
              { nil: undefined },
            ),
          }),
        ),
      ),
      history: fc.array(
        fc.record({
          itemId: ids.length ? fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 4 })) : fc.string({ maxLength: 4 }),
          title,
          type: historyType,
          time: fc.integer({ min: NOW - 200 * 86_400_000, max: NOW }),
          brand: label,
          category: label,
          vector,
        }),
        { maxLength: 12 },
      ),
      queryVector: vector,
      strength: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1)),
      maxDisplacement: fc.integer({ min: 0, max: 35 }),
      shuffle: fc.array(fc.nat(), { minLength: ids.length, maxLength: ids.length }),
    }),
  );

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

function inputOf(w: World): { input: RankInput; serverOrder: string[] } {
  const candidates: RankCandidate[] = w.candidates.map((c, serverRank) => ({ ...c, serverRank }));
  const serverOrder = candidates.map((c) => c.id);
  // The ranker must not depend on the order the candidates are handed over in.
  const handedOver = candidates
    .map((c, i) => ({ c, key: w.shuffle[i] ?? 0 }))
    .sort((a, b) => a.key - b.key)
    .map((e) => e.c);
  const history: HistoryItem[] = [...w.history].sort((a, b) => a.time - b.time);
  return {
    input: {
      candidates: handedOver,
      history,
      queryVector: w.queryVector,
      options: { strength: w.strength, maxDisplacement: w.maxDisplacement, now: NOW },
    },
    serverOrder,
  };
}

test('the order is always a permutation of the candidates, with finite scores', () => {
  fc.assert(
    fc.property(world, (w) => {
      const { input, serverOrder } = inputOf(w);
      const result = rank(input);
      assert.deepEqual([...result.order].sort(), [...serverOrder].sort());
      assert.equal(new Set(result.order).size, serverOrder.length);
      for (const id of serverOrder) assert.ok(Number.isFinite(result.scores[id]), `score of ${JSON.stringify(id)}`);
    }),
    { numRuns: RUNS },
  );
});

test('pinned items keep their slot and no item moves more than max-displacement places', () => {
  fc.assert(
    fc.property(world, (w) => {
      const { input, serverOrder } = inputOf(w);
      const { order } = rank(input);
      for (const [slot, id] of order.entries()) {
        const server = serverOrder.indexOf(id);
        assert.ok(Math.abs(slot - server) <= w.maxDisplacement, `${JSON.stringify(id)} moved ${server} → ${slot}`);
        if (w.candidates[server]!.pinned) assert.equal(slot, server, `pinned ${JSON.stringify(id)} moved`);
      }
    }),
    { numRuns: RUNS },
  );
});

test('with no history, or strength 0, the order is the server order and there are no reasons', () => {
  fc.assert(
    fc.property(world, fc.boolean(), (w, emptyHistory) => {
      const { input, serverOrder } = inputOf(w);
      const nothingKnown = emptyHistory ? { ...input, history: [] } : { ...input, options: { ...input.options, strength: 0 } };
      const result = rank(nothingKnown);
      assert.deepEqual(result.order, serverOrder);
      assert.deepEqual(result.reasons, {});
    }),
    { numRuns: RUNS },
  );
});

test('every reason is for an item that moved up and names a real history item', () => {
  fc.assert(
    fc.property(world, (w) => {
      const { input, serverOrder } = inputOf(w);
      const { order, reasons } = rank(input);
      for (const [id, reason] of Object.entries(reasons)) {
        assert.equal(reason.itemId, id);
        assert.ok(order.indexOf(id) < serverOrder.indexOf(id), `${JSON.stringify(id)} has a reason but did not move up`);
        assert.ok(
          input.history.some((h) => h.itemId === reason.historyItemId && h.title === reason.historyTitle && h.type === reason.historyType),
          `the reason for ${JSON.stringify(id)} names a history item`,
        );
      }
    }),
    { numRuns: RUNS },
  );
});
