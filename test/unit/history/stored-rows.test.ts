// Stored rows are checked when read: a malformed row is skipped and counted,
// with one storage error naming what was wrong, and the good rows still rank.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eventFault, eventName, MalformedRowsError, SkippedRows, vectorFault, vectorName } from '../../../src/history/stored-rows.ts';
import type { StoredEvent } from '../../../src/history/schema.ts';
import { historyItem, rankCandidate } from '../../../src/worker/rank-inputs.ts';
import { rank } from '../../../src/rank/ranker.ts';
import { itemText } from '../../../src/model/item-text.ts';

const good: StoredEvent = {
  id: 1,
  itemId: 'tent',
  type: 'view',
  title: 'Ridge tent',
  time: 1_700_000_000_000,
  session: 's1',
  brand: 'Kestrel',
};

test('an event row is usable only with every field of the right type', () => {
  assert.equal(eventFault(good), null);
  assert.equal(eventFault({ ...good, category: undefined }), null);
  assert.equal(eventFault({ ...good, category: 5 }), 'category is 5, expected text');
  assert.equal(eventFault({ ...good, itemId: '  ' }), 'itemId is "  ", expected a non-empty text');
  assert.equal(eventFault({ ...good, type: 'wishlist' }), 'type is "wishlist", expected view|click|cart|purchase');
  assert.equal(eventFault({ ...good, title: undefined }), 'title is undefined, expected text');
  assert.equal(eventFault({ ...good, time: 'yesterday' }), 'time is "yesterday", expected a time in ms');
  assert.equal(eventFault({ ...good, time: new Date(0) }), 'time is date, expected a time in ms');
  assert.equal(eventFault({ ...good, session: null }), 'session is null, expected text');
  assert.equal(eventFault(5), 'it is 5, not an event');
  assert.equal(eventFault([good]), 'it is a list, not an event');
});

test('a cached vector row is usable only with int8 data and a finite scale', () => {
  const row = { modelId: 'm', itemId: 'tent', data: new Int8Array([1, -2]), scale: 0.01, usedAt: 0 };
  assert.equal(vectorFault(row), null);
  assert.equal(vectorFault({ ...row, data: [1, 2] }), 'data is a list, expected int8 values');
  assert.equal(vectorFault({ ...row, data: new Float32Array(2) }), 'data is float32array, expected int8 values');
  assert.equal(vectorFault({ ...row, data: new Int8Array(0) }), 'data is int8array, expected int8 values');
  assert.equal(vectorFault({ ...row, scale: Number.NaN }), 'scale is NaN, expected a finite scale ≥ 0');
  assert.equal(vectorName(row), 'vector of "tent"');
});

test('skipped rows make one storage error that names the store, the count and what was wrong', () => {
  const skipped = new SkippedRows('events');
  const rows = [good, { ...good, id: 7, category: 5 }, { ...good, id: 8, type: 'wishlist' }, { ...good, id: 9, title: 3 }];
  const kept = skipped.keep<StoredEvent>(rows, eventFault, eventName);
  assert.deepEqual(kept, [good]);
  const heard: MalformedRowsError[] = [];
  skipped.report((e) => heard.push(e));
  assert.equal(heard.length, 1);
  assert.ok(heard[0] instanceof MalformedRowsError);
  assert.deepEqual(heard[0]!.toJSON(), {
    code: 'storage',
    message:
      'history storage: 3 stored events are malformed and skipped (event 7: category is 5, expected text; event 8: type is "wishlist", expected view|click|cart|purchase; …); the rest of the history is used and nothing stored was changed',
  });
  assert.equal(heard[0]!.store, 'events');
  assert.equal(heard[0]!.skipped, 3);

  const clean = new SkippedRows('vectors');
  clean.keep([], vectorFault, vectorName);
  clean.report(() => assert.fail('nothing was skipped, nothing is reported'));
});

/** Anything a row could be, weighted toward almost-right events (one field off). */
const anyRow = fc.oneof(
  fc.anything(),
  fc.record({
    id: fc.nat(),
    itemId: fc.oneof(fc.string(), fc.anything()),
    type: fc.oneof(fc.constantFrom('view', 'click', 'cart', 'purchase'), fc.anything()),
    title: fc.oneof(fc.string(), fc.anything()),
    time: fc.oneof(fc.double(), fc.integer(), fc.anything()),
    category: fc.oneof(fc.constant(undefined), fc.string(), fc.anything()),
    brand: fc.oneof(fc.constant(undefined), fc.string(), fc.anything()),
    session: fc.oneof(fc.string(), fc.anything()),
  }),
);

const goodRow = fc.record({
  id: fc.nat(),
  itemId: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
  type: fc.constantFrom('view' as const, 'click' as const, 'cart' as const, 'purchase' as const),
  title: fc.string(),
  time: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  category: fc.option(fc.string(), { nil: undefined }),
  brand: fc.option(fc.string(), { nil: undefined }),
  session: fc.string(),
});

test('property: whatever the stored rows, reading never throws, good rows are all kept, and they rank', () => {
  fc.assert(
    fc.property(fc.array(goodRow, { maxLength: 8 }), fc.array(anyRow, { maxLength: 8 }), fc.integer(), (goods, others, seed) => {
      // Interleave good rows and arbitrary ones.
      const rows: unknown[] = [...others];
      goods.forEach((row, i) => rows.splice(Math.abs(seed + i) % (rows.length + 1), 0, row));
      const skipped = new SkippedRows('events');
      const kept = skipped.keep<StoredEvent>(rows, eventFault, eventName);
      let reported = 0;
      skipped.report(() => reported++);
      for (const row of goods) assert.ok(kept.includes(row), 'a good row was skipped');
      assert.equal(reported, kept.length === rows.length ? 0 : 1);
      // What the worker does with history: embed each item's text, then rank
      // candidates that share brands and categories with it.
      const history = kept.map(historyItem);
      for (const h of history)
        assert.equal(typeof itemText({ id: h.itemId, title: h.title, category: h.category, brand: h.brand }), 'string');
      const candidates = ['tent', 'stove', 'lamp'].map((id, serverRank) =>
        rankCandidate({
          id,
          serverRank,
          title: id,
          brand: history[serverRank]?.brand ?? 'b',
          category: history[serverRank]?.category ?? 'c',
        }),
      );
      const result = rank({
        candidates,
        history,
        options: { strength: 1, maxDisplacement: 2, now: 2_000_000_000_000 },
      });
      assert.deepEqual([...result.order].sort(), ['lamp', 'stove', 'tent']);
    }),
    { numRuns: 500 },
  );
});
