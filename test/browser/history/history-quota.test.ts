// A full storage quota (set through Chromium's DevTools protocol, on real
// IndexedDB): the vector cache is emptied to make room for new writes, the shopper's
// events are never the ones dropped, and a write that cannot fit fails with
// one storage error that leaves what was stored intact.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { freshDbName, startHistoryHarness, type Edge, type HistoryHarness } from './history-page.ts';

let harness: HistoryHarness;
let page: Page;

before(async () => {
  harness = await startHistoryHarness();
  page = await harness.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(harness.server.url).origin, quotaSize: 200_000 });
});
after(async () => {
  await harness?.close();
});

test('when the quota is full, the vector cache makes room and events stay', async () => {
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    let now = 1;
    const store = await HistoryStore.open({ dbName, now: () => now });
    await store.addEvent({ itemId: 'kept', type: 'purchase', title: 'Kept event' });
    const batch = (i: number) => new Map(Array.from({ length: 100 }, (_, j) => [`b${i}-${j}`, new Float32Array(384).fill(0.1 + i / 100)]));
    // 20 batches of 100 × 384-d vectors is far more than 200 kB.
    for (let i = 0; i < 20; i++) {
      now += 1;
      await store.putVectors('m', batch(i));
    }
    const last = await store.getVectors('m', [...batch(19).keys()]);
    const first = await store.getVectors('m', [...batch(0).keys()]);
    const events = (await store.recentEvents()).map((e) => e.itemId);
    store.close();
    return { last: last.size, first: first.size, events };
  }, freshDbName('quota-room'));
  assert.equal(result.last, 100, 'the newest batch was cached');
  assert.equal(result.first, 0, 'the cache was emptied to make room');
  assert.deepEqual(result.events, ['kept']);
});

test('a write that cannot fit fails with a storage error and stored data is intact', async () => {
  const result = await page.evaluate(async (dbName) => {
    const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
    const store = await HistoryStore.open({ dbName });
    await store.addEvent({ itemId: 'kept', type: 'view', title: 'Kept event' });
    let error = { code: 'none', message: '' };
    try {
      // ~1 MB of vectors in one write: more than the whole quota.
      await store.putVectors('m', new Map(Array.from({ length: 2500 }, (_, j) => [`x${j}`, new Float32Array(384).fill(0.5)])));
    } catch (err) {
      error = { code: (err as { code: string }).code, message: (err as Error).message };
    }
    const events = (await store.recentEvents()).map((e) => e.itemId);
    store.close();
    return { error, events };
  }, freshDbName('quota-full'));
  assert.equal(result.error.code, 'storage');
  assert.match(result.error.message, /quota is full/);
  assert.deepEqual(result.events, ['kept']);
});
