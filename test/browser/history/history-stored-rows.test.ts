// HistoryStore reading rows it did not write (another build, an extension, a
// disk fault), in real Chromium with real IndexedDB: malformed rows are
// skipped and counted with one storage error, good rows still come back, and
// nothing stored is deleted. Rows are written straight into the stores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { freshDbName, startHistoryHarness, type Edge, type HistoryHarness } from './history-page.ts';

let harness: HistoryHarness;

before(async () => {
  harness = await startHistoryHarness();
});
after(async () => {
  await harness?.close();
});

interface ReadBack {
  events: Array<Record<string, unknown>>;
  errors: Array<{ code: string; message: string; store: string; skipped: number }>;
  vectors: string[];
  weights: unknown;
  rowsAfter: number;
  threw?: string;
}

/** Creates the database through HistoryStore, writes `rows` straight into
 *  `events` (and `vectorRows` into `vectors`), then reads everything back. */
async function plantAndRead(page: Page, dbName: string, rows: unknown[], vectorRows: unknown[] = []): Promise<ReadBack> {
  return page.evaluate(
    async ({ dbName, rows, vectorRows }) => {
      const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
      const setup = await HistoryStore.open({ dbName });
      setup.close();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(['events', 'vectors', 'meta'], 'readwrite');
      for (const row of rows) tx.objectStore('events').add(row);
      for (const row of vectorRows) tx.objectStore('vectors').put(row);
      tx.objectStore('meta').put({ key: 'kept', value: 'untouched' });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      const store = await HistoryStore.open({ dbName });
      const errors: ReadBack['errors'] = [];
      const heard = (e: { code: string; message: string; store: string; skipped: number }) =>
        errors.push({ code: e.code, message: e.message, store: e.store, skipped: e.skipped });
      try {
        const events = await store.recentEvents(undefined, heard);
        const vectors = await store.getVectors('m', ['v-good', 'v-bad-data', 'v-bad-scale'], heard);
        const weights = await store.getMeta('kept');
        const rowsAfter = (await store.recentEvents()).length;
        return {
          events: events as unknown as Array<Record<string, unknown>>,
          errors,
          vectors: [...vectors.keys()],
          weights,
          rowsAfter,
        };
      } catch (err) {
        return { events: [], errors, vectors: [], weights: undefined, rowsAfter: 0, threw: String(err) };
      } finally {
        store.close();
      }
    },
    { dbName, rows, vectorRows },
  );
}

test('garbage in events and vectors: good rows come back, one storage error per store names the fault, nothing is deleted', async () => {
  const now = Date.now();
  const good = { itemId: 'tent', type: 'view', title: 'Ridge tent', time: now - 1000, session: 's1' };
  const result = await plantAndRead(
    await harness.newPage(),
    freshDbName('garbage'),
    [good, { ...good, itemId: 'bad', category: 5, time: now - 500 }, { ...good, itemId: 'bad2', time: 'today' }],
    [
      { modelId: 'm', itemId: 'v-good', data: new Int8Array([127, 0]), scale: 0.01, usedAt: now },
      { modelId: 'm', itemId: 'v-bad-data', data: [1, 2], scale: 0.01, usedAt: now },
      { modelId: 'm', itemId: 'v-bad-scale', data: new Int8Array([1, 2]), scale: null, usedAt: now },
    ],
  );
  assert.equal(result.threw, undefined);
  assert.deepEqual(result.events, [good]);
  assert.deepEqual(result.vectors, ['v-good']);
  assert.equal(result.weights, 'untouched');
  assert.deepEqual(
    result.errors.map((e) => [e.code, e.store, e.skipped]),
    [
      ['storage', 'events', 2],
      ['storage', 'vectors', 2],
    ],
  );
  assert.match(result.errors[0]!.message, /event \d+: category is 5, expected text; event \d+: time is "today", expected a time in ms/);
  assert.match(result.errors[1]!.message, /data is a list, expected int8 values/);
  assert.equal(result.rowsAfter, 1, 'a second read skips the same rows: none was rewritten');
});

const eventTypes = ['view', 'click', 'cart', 'purchase'] as const;

/** What the ranking may rely on for every event it gets. */
function wellFormed(e: Record<string, unknown>): boolean {
  const text = (v: unknown) => typeof v === 'string';
  return (
    text(e.itemId) &&
    (eventTypes as readonly unknown[]).includes(e.type) &&
    text(e.title) &&
    typeof e.time === 'number' &&
    Number.isFinite(e.time) &&
    text(e.session) &&
    (e.category === undefined || text(e.category)) &&
    (e.brand === undefined || text(e.brand))
  );
}

/** A well-formed event inside the retention window. */
const goodEvent = (now: number) =>
  fc.record(
    {
      itemId: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
      type: fc.constantFrom(...eventTypes),
      title: fc.string({ maxLength: 20 }),
      time: fc.integer({ min: now - 80 * 86_400_000, max: now }),
      session: fc.string({ maxLength: 8 }),
      category: fc.string({ maxLength: 8 }),
      brand: fc.string({ maxLength: 8 }),
    },
    { requiredKeys: ['itemId', 'type', 'title', 'time', 'session'] },
  );

/** An event with any field replaced by anything (structured-cloneable), or any object at all. */
const anyEvent = (now: number) =>
  fc.oneof(
    fc.record({
      itemId: fc.oneof(fc.string(), fc.jsonValue(), fc.date()),
      type: fc.oneof(fc.constantFrom(...eventTypes), fc.jsonValue()),
      title: fc.oneof(fc.string(), fc.jsonValue()),
      time: fc.oneof(fc.integer({ min: now - 80 * 86_400_000, max: now }), fc.double(), fc.string(), fc.date()),
      session: fc.oneof(fc.string(), fc.jsonValue()),
      category: fc.oneof(fc.string(), fc.jsonValue()),
      brand: fc.oneof(fc.string(), fc.jsonValue()),
    }),
    fc.dictionary(fc.string(), fc.jsonValue()).filter((o) => !('id' in o)),
  );

test('property: whatever rows are stored, reading never throws, every good row comes back, and at most one error per store', async () => {
  const now = Date.now();
  const page = await harness.newPage();
  await fc.assert(
    fc.asyncProperty(fc.array(goodEvent(now), { maxLength: 6 }), fc.array(anyEvent(now), { maxLength: 6 }), async (goods, others) => {
      const result = await plantAndRead(page, freshDbName('property'), [...others, ...goods]);
      assert.equal(result.threw, undefined, result.threw);
      for (const g of goods) {
        assert.ok(
          result.events.some((e) => e.itemId === g.itemId && e.time === g.time),
          `good event ${JSON.stringify(g)} was not read back`,
        );
      }
      for (const e of result.events) assert.ok(wellFormed(e), `a malformed event was read back: ${JSON.stringify(e)}`);
      assert.ok(result.errors.length <= 1);
      assert.equal(result.weights, 'untouched');
    }),
    { numRuns: 100 },
  );
});
