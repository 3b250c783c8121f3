// Schema migrations keep data; several tabs stay consistent; an upgrade in
// one tab never leaves another hanging. Real Chromium, real IndexedDB.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { HistoryStore } from '../../../src/history/history-store.ts';
import { freshDbName, startHistoryHarness, type Edge, type HistoryHarness } from './history-page.ts';

let harness: HistoryHarness;

before(async () => {
  harness = await startHistoryHarness();
});
after(async () => {
  await harness?.close();
});

test('a v1 database made by hand is migrated to the current schema with its data', async () => {
  const page = await harness.newPage();
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore, SCHEMA_VERSION } = (globalThis as unknown as { edge: Edge }).edge;
    // The v1 shape, written without any project code: no sessions, no indexes, no usedAt.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        const events = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
        const vectors = db.createObjectStore('vectors', { keyPath: ['modelId', 'itemId'] });
        const meta = db.createObjectStore('meta', { keyPath: 'key' });
        const t0 = Date.now() - 3 * 3_600_000;
        events.add({ itemId: 'tent', type: 'view', title: 'Two-person tent', time: t0 });
        events.add({ itemId: 'stove', type: 'purchase', title: 'Gas stove', time: t0 + 60_000 });
        events.add({ itemId: 'lamp', type: 'click', title: 'Headlamp', time: t0 + 2 * 3_600_000 });
        vectors.put({ modelId: 'm1', itemId: 'tent', data: new Int8Array([127, 0, -64]), scale: 0.01 });
        vectors.put({ modelId: 'm1', itemId: 'stove', data: new Int8Array([0, 127, 0]), scale: 0.02 });
        meta.put({ key: 'weights', value: { affinity: 0.25 } });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    const store = await HistoryStore.open({ dbName, maxVectors: 2 });
    const events = await store.recentEvents();
    const vectors = await store.getVectors('m1', ['tent']); // bumps tent: stove is now the LRU one
    const weights = await store.getMeta('weights');
    const schemaVersion = await store.getMeta('schemaVersion');
    await store.putVectors('m1', new Map([['lamp', new Float32Array([1, 1, 1])]]));
    const afterLru = [...(await store.getVectors('m1', ['tent', 'stove', 'lamp'])).keys()].sort();
    store.close();
    const version = await new Promise<number>((resolve) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => {
        const v = req.result.version;
        req.result.close();
        resolve(v);
      };
    });
    return { events, tent: [...(vectors.get('tent') ?? [])], weights, schemaVersion, afterLru, version, SCHEMA_VERSION };
  }, freshDbName('migrate'));

  assert.equal(result.version, result.SCHEMA_VERSION);
  assert.equal(result.schemaVersion, result.SCHEMA_VERSION);
  assert.deepEqual(
    result.events.map((e) => [e.itemId, e.type, e.title]),
    [
      ['tent', 'view', 'Two-person tent'],
      ['stove', 'purchase', 'Gas stove'],
      ['lamp', 'click', 'Headlamp'],
    ],
  );
  // tent and stove are a minute apart (one session); lamp two hours later (another).
  const [tent, stove, lamp] = result.events;
  assert.ok(tent?.session && tent.session === stove?.session, 'sessions back-filled');
  assert.notEqual(lamp?.session, tent?.session);
  // The v1 row held codes [127, 0, -64] × 0.01, i.e. (1.27, 0, -0.64); the cache hands back unit vectors (src/vector/int8.ts).
  const norm = Math.hypot(1.27, 0, -0.64);
  assert.deepEqual(
    result.tent.map((x) => Math.round(x * 1000) / 1000),
    [1.27 / norm, 0, -0.64 / norm].map((x) => Math.round(x * 1000) / 1000),
  );
  assert.deepEqual(result.weights, { affinity: 0.25 });
  assert.deepEqual(result.afterLru, ['lamp', 'tent'], 'migrated vectors take part in the LRU');
});

test('another tab sees new events and a forget() through the change channel', async () => {
  const dbName = freshDbName('tabs');
  const [tabA, tabB] = await Promise.all([harness.newPage(), harness.newPage()]);
  // Tab B listens and reports the changes it hears, with what it then reads.
  await tabB.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    const heard: Array<{ change: string; events: number }> = [];
    const waiters: Array<() => void> = [];
    store.onChange(async (change) => {
      heard.push({ change, events: (await store.recentEvents()).length });
      waiters.splice(0).forEach((w) => w());
    });
    Object.assign(globalThis, {
      heard,
      heardAtLeast: (n: number) =>
        new Promise<typeof heard>((resolve) => {
          const check = () => (heard.length >= n ? resolve(heard) : waiters.push(check));
          check();
        }),
    });
  }, dbName);
  await tabA.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.addEvent({ itemId: 'p1', type: 'view', title: 'Rain jacket' });
    await store.forget();
    store.close();
  }, dbName);
  type Heard = Array<{ change: string; events: number }>;
  const heard = await tabB.evaluate(() => (globalThis as unknown as { heardAtLeast(n: number): Promise<Heard> }).heardAtLeast(2));
  assert.deepEqual(
    heard.map((h) => h.change),
    ['events', 'forgotten'],
  );
  assert.equal(heard[1]?.events, 0, 'after forgotten, tab B reads an empty history');
});

test('an upgrade in another tab is not blocked by an open store, which then fails clearly', async () => {
  const dbName = freshDbName('upgrade');
  const [tabA, tabB] = await Promise.all([harness.newPage(), harness.newPage()]);
  await tabA.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.addEvent({ itemId: 'p1', type: 'view', title: 'Kept through the upgrade' });
    Object.assign(globalThis, { store });
  }, dbName);
  // A newer version of the code opens a higher schema version in tab B.
  const upgraded = await tabB.evaluate(
    async (dbName) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open(dbName, 99);
        req.onblocked = () => reject(new Error('blocked by tab A'));
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction('events').objectStore('events').getAll();
          get.onsuccess = () => {
            db.close();
            resolve((get.result as Array<{ itemId: string }>).map((e) => e.itemId));
          };
        };
        req.onerror = () => reject(req.error);
      }),
    dbName,
  );
  assert.deepEqual(upgraded, ['p1']);
  const error = await tabA.evaluate(async () => {
    const { store } = globalThis as unknown as { store: HistoryStore };
    try {
      await store.recentEvents();
      return { code: 'read', message: '' };
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
  });
  assert.equal(error.code, 'storage');
  assert.match(error.message, /newer edge-rerank storage version/);
});

test('an upgrade held up by a tab that never lets go fails with a storage error instead of hanging', async () => {
  const dbName = freshDbName('blocked');
  const [oldTab, newTab] = await Promise.all([harness.newPage(), harness.newPage()]);
  // An old page holds version 1 open and ignores versionchange.
  await oldTab.evaluate(
    async (dbName) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(dbName, 1);
        req.onupgradeneeded = () => {
          req.result
            .createObjectStore('events', { keyPath: 'id', autoIncrement: true })
            .add({ itemId: 'x', type: 'view', title: 'X', time: Date.now() });
          req.result.createObjectStore('vectors', { keyPath: ['modelId', 'itemId'] });
          req.result.createObjectStore('meta', { keyPath: 'key' });
        };
        req.onsuccess = () => {
          Object.assign(globalThis, { oldDb: req.result });
          resolve();
        };
        req.onerror = () => reject(req.error);
      }),
    dbName,
  );
  const error = await newTab.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    try {
      await HistoryStore.open({ dbName, blockedTimeoutMs: 200 });
      return { code: 'opened', message: '' };
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
  }, dbName);
  assert.equal(error.code, 'storage');
  assert.match(error.message, /blocked by another tab/);
  // Once the old tab lets go, the pending upgrade completes and the data is still there.
  await oldTab.evaluate(() => (globalThis as unknown as { oldDb: IDBDatabase }).oldDb.close());
  const events = await newTab.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    const ids = (await store.recentEvents()).map((e) => e.itemId);
    store.close();
    return ids;
  }, dbName);
  assert.deepEqual(events, ['x']);
});
