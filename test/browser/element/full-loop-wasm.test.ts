// The whole product loop on WASM, in real Chromium with the real model, real
// worker and real IndexedDB: empty history keeps the server order → product
// pages record views → the search page reorders with reasons → a reload keeps
// the history → forget() brings the server order back. Every request checked.
// Each test starts from an empty profile and builds the history it needs.
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
  type RerankSnapshot,
  type Shop,
} from './shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED, VIEWED_TITLES } from './test-catalog.ts';

let shop: Shop;
let page: Page;
let searchUrl: string;

before(async () => {
  shop = await startShop();
  searchUrl = shop.page('/search', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '', 'max-displacement': '4' } }));
  VIEWED.forEach((product) => shop.page(`/product/${product.id}`, productPageHtml(product)));
});

beforeEach(async () => {
  await shop.freshContext();
  shop.server.requests.length = 0;
  shop.pageRequests.length = 0;
  shop.consoleLines.length = 0;
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

async function viewAll(): Promise<void> {
  for (const product of VIEWED) {
    await page.goto(new URL(`/product/${product.id}`, shop.url).href);
    assert.deepEqual(await awaitTracked(page), [true]);
  }
}

/** Views every VIEWED product, then opens the search page: the personalized list. */
async function personalize(): Promise<RerankSnapshot> {
  await viewAll();
  await page.goto(searchUrl);
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.notDeepEqual(snap.dom, SERVER_ORDER, 'history changed nothing');
  return snap;
}

/** The click-learning record, read straight from IndexedDB as the browser stores it. */
function learnedOffsets(page: Page): Promise<Record<string, number> | undefined> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number> | undefined>((resolve, reject) => {
        const open = indexedDB.open('edge-rerank');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('rank-weight-offsets');
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { value?: Record<string, number> } | undefined)?.value);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('with no history the DOM keeps the exact server order and the reranked event still fires', async () => {
  await page.goto(searchUrl);
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(snap.dom, SERVER_ORDER);
  assert.deepEqual(snap.detail?.order, SERVER_ORDER);
  assert.deepEqual(snap.detail?.reasons, {});
  assert.equal(snap.detail?.historySize, 0);
  assert.equal(snap.detail?.backend, 'wasm');
  assert.equal(snap.rerankedEvents, 1);
  assert.deepEqual(snap.errors, []);
  // No history → no model needed: nothing of it was downloaded.
  assert.ok(!shop.server.requests.some((r) => r.url.includes('/models/')), 'the model was fetched for an empty history');
});

test('product pages record views in IndexedDB', async () => {
  await viewAll();
  const events = await exportedEvents(page);
  assert.deepEqual(
    events.map((e) => [e.itemId, e.type, e.title]),
    VIEWED.map((p) => [p.id, 'view', p.title]),
  );
  // Recording views needs the worker and IndexedDB, not the model or its runtime.
  const heavy = shop.server.requests.filter(
    (r) => r.url.startsWith('/models/') || r.url.startsWith('/dist/ort/') || r.url.includes('transformers'),
  );
  assert.deepEqual(
    heavy.map((r) => r.url),
    [],
  );
});

test('the search page moves the viewed brand up, within max-displacement, with reasons naming viewed items', async () => {
  const snap = await personalize();
  const detail = snap.detail!;
  assert.equal(detail.historySize, 3);
  assert.equal(detail.backend, 'wasm');
  assert.equal(detail.situation, 'no-log', 'the page gives brands and categories, no index');
  assert.equal(detail.usedEncoder, true);
  assert.equal(detail.applied, true);
  assert.deepEqual(snap.dom, detail.order, 'the DOM shows the order the event reports');
  assert.deepEqual([...snap.dom].sort(), [...SERVER_ORDER].sort(), 'every item is still there exactly once');
  for (const [slot, id] of snap.dom.entries()) {
    assert.ok(Math.abs(SERVER_ORDER.indexOf(id) - slot) <= 4, `${id} moved more than max-displacement="4"`);
  }
  // The Kestrel tent of the viewed tent's line: same brand, same category, a similar title.
  assert.ok(snap.dom.indexOf('kes-tent-3') < SERVER_ORDER.indexOf('kes-tent-3'), 'the Kestrel tent did not move up');
  const reasonIds = Object.keys(detail.reasons);
  assert.ok(reasonIds.length > 0, 'no reasons');
  for (const id of reasonIds) {
    assert.ok(snap.dom.indexOf(id) < SERVER_ORDER.indexOf(id), `${id} has a reason but did not move up`);
    const reason = detail.reasons[id]!;
    assert.ok(
      VIEWED_TITLES.some((title) => reason.includes(title)),
      `reason "${reason}" names no viewed item`,
    );
  }
  assert.deepEqual(snap.badges, detail.reasons, 'explain shows one badge per reason, as text');
  assert.ok(detail.timings.endToEnd! > 0);
  assert.deepEqual(snap.errors, []);
  const runtime = shop.server.requests.filter((r) => r.url.startsWith('/dist/ort/')).map((r) => r.url);
  const wasm = runtime.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `the WASM-only runtime, downloaded once (prefetched, then handed over): ${wasm.join(', ')}`);
  assert.match(wasm[0]!, /^\/dist\/ort\/ort-wasm-simd-threaded\.[0-9a-f]{12}\.wasm$/, 'the plain SIMD build, named by its content');
});

test('a reload keeps the history: same personalized order, no model or runtime download the second time', async () => {
  const personalized = await personalize();
  const heavy = () => shop.server.requests.filter((r) => r.url.includes('/models/') || r.url.includes('/ort/')).length;
  const modelRequestsBefore = heavy();
  assert.ok(modelRequestsBefore > 0, 'the first visit downloaded the model');
  await page.reload();
  const snap = await awaitRerank(page);
  assert.equal(snap.detail?.historySize, 3);
  assert.deepEqual(snap.dom, personalized.dom);
  assert.equal(heavy(), modelRequestsBefore, 'model or runtime files were fetched again instead of coming from the Cache API');
});

test('a click on a result is recorded as a click', async () => {
  await personalize();
  await page.click('[data-item-id="tun-jacket"]');
  await page.waitForFunction(async () => {
    const ctor = customElements.get('edge-rerank') as unknown as { exportHistory(): Promise<{ events: { type: string }[] }> };
    return (await ctor.exportHistory()).events.length > 3;
  });
  const events = await exportedEvents(page);
  assert.deepEqual(events.at(-1) && [events.at(-1)!.itemId, events.at(-1)!.type], ['tun-jacket', 'click']);
});

test('a click on a low result teaches the blend weights a bounded step, stored on the device as offsets', async () => {
  const personalized = await personalize();
  assert.equal(await learnedOffsets(page), undefined, 'nothing learned before the click');
  await page.evaluate(async (itemId) => {
    const el = document.querySelector('edge-rerank') as unknown as { track(e: object): Promise<void> };
    await el.track({ type: 'click', itemId, title: 'clicked' });
  }, personalized.dom.at(-1)!);
  const offsets = await learnedOffsets(page);
  assert.ok(offsets, 'nothing was learned from the click');
  const steps = Object.values(offsets);
  assert.ok(
    steps.some((v) => v !== 0),
    'the click changed no weight',
  );
  for (const v of steps) assert.ok(Math.abs(v) <= 0.05 + 1e-9, `one click moved a weight by ${v}`);
});

test('exportHistory() returns everything stored: events, learned weights, and the vector cache with last use', async () => {
  const personalized = await personalize();
  await page.evaluate(async (itemId) => {
    const el = document.querySelector('edge-rerank') as unknown as { track(e: object): Promise<void> };
    await el.track({ type: 'click', itemId, title: 'clicked' });
  }, personalized.dom.at(-1)!);
  const exported = await page.evaluate(async () => {
    const ctor = customElements.get('edge-rerank') as unknown as { exportHistory(): Promise<unknown> };
    return JSON.parse(JSON.stringify(await ctor.exportHistory())) as {
      version: number;
      events: { itemId: string; type: string }[];
      meta: Record<string, unknown>;
      vectors: { modelId: string; itemId: string; dim: number; usedAt: number }[];
    };
  });
  assert.equal(exported.version, 2);
  assert.deepEqual(
    exported.events.map((e) => [e.itemId, e.type]),
    [...VIEWED.map((p) => [p.id, 'view']), [personalized.dom.at(-1), 'click']],
  );
  assert.deepEqual(exported.meta['rank-weight-offsets'], await learnedOffsets(page));
  assert.ok(exported.meta['rank-weight-offsets'], 'the learned weights are in the export');
  const cached = new Set(exported.vectors.map((v) => v.itemId));
  for (const id of [...SERVER_ORDER, ...VIEWED.map((p) => p.id)]) assert.ok(cached.has(id), `no cache entry for ${id}`);
  for (const v of exported.vectors) {
    assert.ok(v.dim > 0 && v.usedAt > 0, JSON.stringify(v));
    assert.ok(!('data' in v), 'the export names cached vectors, it does not carry them');
  }
});

test('forget() erases the history and puts the server order back, also after a reload', async () => {
  await personalize();
  await page.evaluate(async () => {
    const el = document.querySelector('edge-rerank') as unknown as { track(e: object): Promise<void> };
    await el.track({ type: 'click', itemId: 'kes-lamp', title: 'clicked' });
  });
  assert.ok(await learnedOffsets(page), 'something was learned to forget');
  await page.evaluate(async () => {
    const ctor = customElements.get('edge-rerank') as unknown as { forget(): Promise<void> };
    await ctor.forget();
  });
  const snap = await awaitRerank(page);
  assert.deepEqual(snap.dom, SERVER_ORDER);
  assert.deepEqual(snap.badges, {}, 'reason badges stayed after forget()');
  assert.deepEqual(await exportedEvents(page), []);
  assert.equal(await learnedOffsets(page), undefined, 'learned weights survived forget()');
  await page.reload();
  const reloaded = await awaitRerank(page);
  assert.deepEqual(reloaded.dom, SERVER_ORDER);
  assert.equal(reloaded.detail?.historySize, 0);
});

test('no request carried history, viewed titles, reasons or vectors, and nothing was logged', async () => {
  const personalized = await personalize();
  assert.ok(Object.keys(personalized.badges).length > 0, 'there were reasons that could have leaked');
  await page.click(`[data-item-id="${personalized.dom.at(-1)}"]`);
  await page.reload();
  await awaitRerank(page);
  await page.evaluate(async () => {
    const ctor = customElements.get('edge-rerank') as unknown as { forget(): Promise<void> };
    await ctor.forget();
  });
  assertNothingPrivateSent(shop, VIEWED_TITLES);
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.includes('[edge-rerank]') || l.startsWith('pageerror')),
    [],
  );
});
