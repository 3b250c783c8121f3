// Garbage written straight into each IndexedDB store (events, vectors, meta)
// with the real database in Chromium: the widget skips the malformed rows,
// reports one storage error saying what was wrong, ranks with the good rows
// exactly as before, and loses nothing stored.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  assertNothingPrivateSent,
  awaitRerank,
  awaitTracked,
  exportedEvents,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Shop,
} from './shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED, VIEWED_TITLES } from './test-catalog.ts';

let shop: Shop;
let page: Page;
let searchUrl: string;

type StoreName = 'events' | 'vectors' | 'meta';

/** Runs `change` on one object store of the widget's database, inside the page; returns its result. */
function inStore<T>(store: StoreName, change: string): Promise<T> {
  return page.evaluate(
    ({ store, change }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open('edge-rerank');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          const run = new Function('store', `return (${change})(store);`) as (s: IDBObjectStore) => IDBRequest<T> | undefined;
          const request = run(tx.objectStore(store));
          tx.oncomplete = () => {
            open.result.close();
            resolve(request?.result as T);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, change },
  );
}

async function viewAll(): Promise<void> {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
}

/** The personalized order of the search page, with the history as it is now, and the errors it fired. */
async function search() {
  await page.goto(searchUrl);
  return awaitRerank(page);
}

before(async () => {
  shop = await startShop();
  searchUrl = shop.page('/garbage/search', searchPageHtml({ query: QUERY, products: RESULTS }));
});

beforeEach(async () => {
  await shop.freshContext();
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

test('malformed event rows are skipped: one storage error names the fault, the good events rank as before, nothing is lost', async () => {
  await viewAll();
  const clean = await search();
  assert.notDeepEqual(clean.dom, SERVER_ORDER);
  const time = Date.now();
  await inStore(
    'events',
    `(store) => {
      const base = { type: 'view', title: 'Planted row', time: ${time}, session: 's-planted' };
      store.add({ ...base, itemId: 'bad-category', category: 5 });
      store.add({ ...base, itemId: 'bad-type', type: 'wishlist' });
      store.add({ ...base, itemId: 42 });
      store.add({ ...base, itemId: 'bad-time', time: 'yesterday' });
      store.add({ itemId: 'bad-title', type: 'view', time: ${time}, session: 's-planted' });
    }`,
  );
  const snap = await search();
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.equal(snap.detail?.historySize, VIEWED.length, 'only the good events were used');
  assert.deepEqual(snap.dom, clean.dom, 'the good events rank exactly as before');
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['storage'],
  );
  assert.match(
    snap.errors[0]!.message,
    /^history storage: 5 stored events are malformed and skipped \(event \d+: category is 5, expected text;/,
  );
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => e.itemId),
    VIEWED.map((p) => p.id),
  );
  assert.equal(await inStore<number>('events', '(store) => store.count()'), VIEWED.length + 5, 'no stored row was deleted');
});

test('a new event after a malformed newest row starts a well-formed session and is used', async () => {
  await viewAll();
  await inStore('events', `(store) => store.add({ itemId: 'bad-session', type: 'view', title: 'x', time: ${Date.now()}, session: 5 })`);
  await page.goto(shop.page('/product/extra', productPageHtml({ id: 'kes-lamp', title: 'Kestrel rechargeable headlamp' })));
  assert.deepEqual(await awaitTracked(page), [true]);
  const snap = await search();
  assert.equal(snap.detail?.historySize, VIEWED.length + 1);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['storage'],
  );
  assert.match(snap.errors[0]!.message, /1 stored event is malformed and skipped \(event \d+: session is 5, expected text\)/);
});

test('malformed cached vectors are skipped: one storage error, those items are embedded again, the order stays', async () => {
  await viewAll();
  const first = await search();
  assert.ok((first.detail?.embedded ?? 0) > 0);
  const corrupted = await inStore<number>(
    'vectors',
    `(store) => {
      let n = 0;
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return;
        if (n === 0) c.update({ ...c.value, data: 'not a vector' });
        if (n === 1) c.update({ ...c.value, scale: NaN });
        n++;
        c.continue();
      };
      return { get result() { return Math.min(n, 2); } };
    }`,
  );
  assert.equal(corrupted, 2);
  const snap = await search();
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.equal(snap.detail?.embedded, 2, 'only the two malformed vectors were computed again');
  assert.deepEqual(snap.dom, first.dom);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['storage'],
  );
  const [message] = snap.errors.map((e) => e.message);
  assert.match(message!, /^history storage: 2 stored cached vectors are malformed and skipped \(vector of "/);
  assert.ok(message!.includes('data is "not a vector", expected int8 values'), message);
  assert.ok(message!.includes('scale is NaN, expected a finite scale ≥ 0'), message);
});

test('malformed learned weights are ignored: one storage error, the shipped weights rank, events stay', async () => {
  await viewAll();
  const clean = await search();
  await inStore('meta', `(store) => store.put({ key: 'rank-weight-offsets', value: { brand: 'a lot', query: 0.01 } })`);
  const snap = await search();
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.deepEqual(snap.dom, clean.dom, 'ranked with the shipped weights, as before any click');
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['storage'],
  );
  assert.match(
    snap.errors[0]!.message,
    /learned weights \("rank-weight-offsets"\) are malformed and ignored \(brand is "a lot", expected a number\)/,
  );
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => e.itemId),
    VIEWED.map((p) => p.id),
  );
});

test('no request carried history, viewed titles, reasons or vectors', async () => {
  shop.server.requests.length = 0;
  shop.pageRequests.length = 0;
  await viewAll();
  await inStore('events', `(store) => store.add({ itemId: 'bad', type: 'view', title: 5, time: ${Date.now()}, session: 's' })`);
  await search();
  assertNothingPrivateSent(shop, VIEWED_TITLES);
});
