// Two <edge-rerank> lists share one worker. A click teaches the on-device
// weights against the list that was clicked, whichever list ranked last:
// each ranking has an id, and the click sends back its own list's id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { awaitRerank, awaitTracked, listenForWidgetEvents, productPageHtml, searchPageHtml, startShop, type Shop } from './shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED } from './test-catalog.ts';

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.close();
});

/** The click-learning record, read straight from IndexedDB; waits until one is stored. */
async function storedOffsets(page: Page): Promise<Record<string, number>> {
  const handle = await page.waitForFunction(
    () =>
      new Promise<Record<string, number> | null>((resolve, reject) => {
        const open = indexedDB.open('edge-rerank');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('rank-weight-offsets');
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { value?: Record<string, number> } | undefined)?.value ?? null);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    undefined,
    { polling: 100, timeout: 20_000 },
  );
  return (await handle.jsonValue()) as Record<string, number>;
}

test('a click teaches against the list it was clicked in, not the list that ranked last', async () => {
  await shop.freshContext();
  const page = await shop.newPage();
  await listenForWidgetEvents(page);
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(shop.page('/two-lists-learning', searchPageHtml({ query: QUERY, products: RESULTS, element: { id: 'first' } })));
  const first = await awaitRerank(page, '#first');
  assert.equal(first.status, 'reranked');
  assert.notDeepEqual(first.dom, SERVER_ORDER, 'the first list was personalized');
  const clicked = first.dom.at(-1)!;

  // A second list ranks after the first. It shows the same item pinned on
  // top, where a click teaches nothing (no item above it was passed over).
  await page.evaluate((id) => {
    const second = document.createElement('edge-rerank');
    second.id = 'second';
    second.setAttribute('query', 'tents');
    second.setAttribute('device', 'wasm');
    second.innerHTML = `<ol><li data-item-id="${id}" data-title="pinned" data-pinned>x</li><li data-item-id="other" data-title="Other tent">y</li></ol>`;
    document.body.append(second);
  }, clicked);
  const second = await awaitRerank(page, '#second');
  assert.equal(second.status, 'reranked');
  assert.equal(second.dom[0], clicked);

  // The shopper clicks that item in the first list, where it is last.
  await page.click(`#first [data-item-id="${clicked}"]`);
  const offsets = await storedOffsets(page);
  const steps = Object.values(offsets);
  assert.ok(
    steps.some((v) => v !== 0),
    `the click taught nothing (${JSON.stringify(offsets)}): it was compared with the second list`,
  );
  for (const v of steps) assert.ok(Math.abs(v) <= 0.05 + 1e-9, `one click moved a weight by ${v}`);
});
