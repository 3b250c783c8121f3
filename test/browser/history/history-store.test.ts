// HistoryStore in real Chromium with real IndexedDB: events, bounds, vectors,
// meta, forget/export, persistence across reloads, Web Worker use, failures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDbName, startHistoryHarness, type Edge, type HistoryHarness } from './history-page.ts';

const DAY = 86_400_000;
let harness: HistoryHarness;

before(async () => {
  harness = await startHistoryHarness();
});
after(async () => {
  await harness?.close();
});

test('events come back oldest first, cleaned, with sessions; limit keeps the newest', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(
    async ({ dbName, DAY }) => {
      const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
      let now = 100 * DAY;
      const store = await HistoryStore.open({ dbName, now: () => now });
      await store.addEvent({ itemId: 'b', type: 'view', title: '  Trail   shoe ', category: 'Shoes', time: now - 60_000 });
      await store.addEvent({ itemId: 'a', type: 'click', title: 'Tent', time: now - 120_000 });
      now += DAY; // a day later: a new session
      await store.addEvent({ itemId: 'c', type: 'purchase', title: 'Stove', brand: 'Jetboil' });
      const all = await store.recentEvents();
      const last2 = await store.recentEvents(2);
      store.close();
      return { all, last2 };
    },
    { dbName: freshDbName('events'), DAY },
  );

  assert.deepEqual(
    result.all.map((e) => [e.itemId, e.type, e.title]),
    [
      ['a', 'click', 'Tent'],
      ['b', 'view', 'Trail shoe'],
      ['c', 'purchase', 'Stove'],
    ],
  );
  assert.equal(result.all[1]?.category, 'Shoes');
  assert.equal(result.all[2]?.brand, 'Jetboil');
  assert.equal(result.all[2]?.time, 101 * DAY);
  // b opened a session; a, back-dated before b, got its own; c, a day later, a third.
  const sessions = new Set(result.all.map((e) => e.session));
  assert.equal(sessions.size, 3);
  assert.deepEqual(
    result.last2.map((e) => e.itemId),
    ['b', 'c'],
  );
});

test('events in one session share its id', async () => {
  const page = await harness.newPage();
  const sessions = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    let now = 1_000_000;
    const store = await HistoryStore.open({ dbName, now: () => now });
    await store.addEvent({ itemId: 'a', type: 'view', title: 'A' });
    now += 60_000;
    await store.addEvent({ itemId: 'b', type: 'view', title: 'B' });
    const events = await store.recentEvents();
    store.close();
    return events.map((e) => e.session);
  }, freshDbName('session'));
  assert.equal(sessions.length, 2);
  assert.equal(sessions[0], sessions[1]);
});

test('bad events are refused with an input error and nothing is stored', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    const codes: string[] = [];
    const bad: unknown[] = [
      { itemId: '', type: 'view', title: 'x' },
      { itemId: 'a', type: 'wishlist', title: 'x' },
      { itemId: 'a', type: 'view', title: 'x', time: Number.NaN },
    ];
    for (const event of bad) {
      try {
        await store.addEvent(event as Parameters<typeof store.addEvent>[0]);
        codes.push('stored');
      } catch (err) {
        codes.push((err as { code: string }).code);
      }
    }
    const events = await store.recentEvents();
    store.close();
    return { codes, count: events.length };
  }, freshDbName('bad'));
  assert.deepEqual(result.codes, ['input', 'input', 'input']);
  assert.equal(result.count, 0);
});

test('markup in titles is stored as plain text, never interpreted', async () => {
  const page = await harness.newPage();
  const title = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.addEvent({ itemId: 'x', type: 'view', title: '<img src=x onerror="window.pwned=1">' });
    const [event] = await store.recentEvents();
    store.close();
    return { title: event?.title, pwned: 'pwned' in window };
  }, freshDbName('markup'));
  assert.deepEqual(title, { title: '<img src=x onerror="window.pwned=1">', pwned: false });
});

test('the event cap drops the oldest events first', async () => {
  const page = await harness.newPage();
  const ids = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    let now = 1_000_000;
    const store = await HistoryStore.open({ dbName, maxEvents: 3, now: () => now });
    for (const id of ['1', '2', '3', '4', '5']) {
      now += 1000;
      await store.addEvent({ itemId: id, type: 'view', title: `item ${id}` });
    }
    const events = await store.recentEvents();
    store.close();
    return events.map((e) => e.itemId);
  }, freshDbName('cap'));
  assert.deepEqual(ids, ['3', '4', '5']);
});

test('events older than the retention window are hidden, then deleted on the next open', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(
    async ({ dbName, DAY }) => {
      const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
      let now = 100 * DAY;
      const store = await HistoryStore.open({ dbName, retentionDays: 7, now: () => now });
      await store.addEvent({ itemId: 'old', type: 'view', title: 'Old', time: now - 8 * DAY });
      await store.addEvent({ itemId: 'new', type: 'view', title: 'New', time: now - 6 * DAY });
      const visible = (await store.recentEvents()).map((e) => e.itemId);
      store.close();
      // Count raw rows before and after a reopen purges.
      const rawCount = () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open(dbName);
          req.onsuccess = () => {
            const db = req.result;
            const count = db.transaction('events').objectStore('events').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error);
          };
          req.onerror = () => reject(req.error);
        });
      const before = await rawCount();
      now += DAY;
      const reopened = await HistoryStore.open({ dbName, retentionDays: 7, now: () => now });
      reopened.close();
      const afterPurge = await rawCount();
      return { visible, before, afterPurge };
    },
    { dbName: freshDbName('retention'), DAY },
  );
  assert.deepEqual(result.visible, ['new']);
  assert.equal(result.before, 2, 'the expired event is still on disk until the next open');
  assert.equal(result.afterPurge, 1);
});

test('vectors round-trip through int8 and the least recently used go first', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const MINUTE = 60_000; // reads record a use at most once a minute
    let now = 1000;
    const store = await HistoryStore.open({ dbName, maxVectors: 2, now: () => now });
    await store.putVectors(
      'model-a',
      new Map([
        ['a', new Float32Array([0.6, 0.8, 0])],
        ['b', new Float32Array([0, 1, 0])],
      ]),
    );
    now += 2 * MINUTE;
    const got = await store.getVectors('model-a', ['a', 'missing', 'a']); // bumps a
    const otherModel = await store.getVectors('model-b', ['a']);
    now += MINUTE;
    await store.putVectors('model-a', new Map([['c', new Float32Array([1, 0, 0])]]));
    const left = await store.getVectors('model-a', ['a', 'b', 'c']);
    store.close();
    return {
      a: [...(got.get('a') ?? [])],
      gotKeys: [...got.keys()],
      otherModel: otherModel.size,
      left: [...left.keys()].sort(),
    };
  }, freshDbName('vectors'));
  assert.deepEqual(result.gotKeys, ['a']);
  assert.equal(result.otherModel, 0, 'vectors are per model');
  assert.ok(Math.abs((result.a[0] as number) - 0.6) < 0.005 && Math.abs((result.a[1] as number) - 0.8) < 0.005, String(result.a));
  assert.deepEqual(result.left, ['a', 'c'], 'b was least recently used');
});

test('meta stores structured values; unstorable values are an input error', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.setMeta('weights', { affinity: 0.3, list: [1, 2] });
    const weights = await store.getMeta<{ affinity: number; list: number[] }>('weights');
    const missing = await store.getMeta('nope');
    let code = 'none';
    try {
      await store.setMeta('fn', () => 1);
    } catch (err) {
      code = (err as { code: string }).code;
    }
    store.close();
    return { weights, missing: missing === undefined, code };
  }, freshDbName('meta'));
  assert.deepEqual(result, { weights: { affinity: 0.3, list: [1, 2] }, missing: true, code: 'input' });
});

test('history persists across a reload; forget() erases events, vectors and meta; export is plain JSON of all of it', async () => {
  const page = await harness.newPage();
  const dbName = freshDbName('persist');
  await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.addEvent({ itemId: 'kept', type: 'cart', title: 'Headlamp' });
    await store.putVectors('m', new Map([['kept', new Float32Array([1, 0])]]));
    await store.setMeta('weights', [1, 2, 3]);
    store.close();
  }, dbName);
  await page.reload();
  await page.waitForFunction(() => 'edge' in globalThis);
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore, SCHEMA_VERSION } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    const exported = JSON.parse(JSON.stringify(await store.exportHistory())) as Record<string, unknown>;
    const beforeVectors = (await store.getVectors('m', ['kept'])).size;
    await store.forget();
    const after = {
      events: (await store.recentEvents()).length,
      vectors: (await store.getVectors('m', ['kept'])).size,
      weights: await store.getMeta('weights'),
      schemaVersion: await store.getMeta('schemaVersion'),
    };
    store.close();
    return { exported, beforeVectors, after, SCHEMA_VERSION };
  }, dbName);
  assert.equal(result.exported.format, 'edge-rerank-history');
  const events = result.exported.events as Array<Record<string, unknown>>;
  assert.deepEqual(
    events.map((e) => [e.itemId, e.type, e.title]),
    [['kept', 'cart', 'Headlamp']],
  );
  assert.ok(!('id' in (events[0] ?? {})), 'no internal keys in the export');
  assert.deepEqual(result.exported.meta, { weights: [1, 2, 3] }, 'every meta value but the schema version');
  const vectors = result.exported.vectors as Array<Record<string, unknown>>;
  assert.deepEqual(
    vectors.map((v) => [v.modelId, v.itemId, v.dim]),
    [['m', 'kept', 2]],
    'the vector cache, by model and item, without the vectors',
  );
  assert.equal(typeof vectors[0]?.usedAt, 'number');
  assert.equal(result.exported.version, 2);
  assert.equal(result.beforeVectors, 1);
  assert.deepEqual(result.after, { events: 0, vectors: 0, weights: undefined, schemaVersion: result.SCHEMA_VERSION });
});

test('works inside a Web Worker, and the main thread sees what the worker wrote', async () => {
  const page = await harness.newPage();
  const dbName = freshDbName('worker');
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const mainStore = await HistoryStore.open({ dbName });
    const changed = new Promise<string>((resolve) => mainStore.onChange(resolve));
    const worker = new Worker('/history-worker.js', { type: 'module' });
    const reply = await new Promise<Record<string, unknown>>((resolve) => {
      worker.onmessage = (e) => resolve(e.data as Record<string, unknown>);
      worker.postMessage({ dbName, event: { itemId: 'w1', type: 'view', title: 'From the worker' } });
    });
    worker.terminate();
    const change = await changed;
    const seen = (await mainStore.recentEvents()).map((e) => e.itemId);
    mainStore.close();
    return { reply, change, seen };
  }, dbName);
  assert.equal(result.reply.error, undefined, JSON.stringify(result.reply.error));
  assert.deepEqual(
    (result.reply.events as Array<{ itemId: string }>).map((e) => e.itemId),
    ['w1'],
  );
  const vector = result.reply.vector as number[];
  assert.ok(Math.abs((vector[0] ?? 0) - 0.6) < 0.005 && Math.abs((vector[1] ?? 0) - 0.8) < 0.005);
  assert.equal(result.change, 'events');
  assert.deepEqual(result.seen, ['w1']);
});

test('without IndexedDB, open fails with one clear storage error', async () => {
  const page = await harness.newPage();
  const error = await page.evaluate(async () => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      await HistoryStore.open({ dbName: 'never' });
      return { code: 'opened', message: '' };
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
  });
  assert.equal(error.code, 'storage');
  assert.match(error.message, /IndexedDB is not available/);
});

test('a closed store refuses work with a storage error', async () => {
  const page = await harness.newPage();
  const code = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    store.close();
    try {
      await store.recentEvents();
      return 'read';
    } catch (err) {
      return (err as { code: string }).code;
    }
  }, freshDbName('closed'));
  assert.equal(code, 'storage');
});
