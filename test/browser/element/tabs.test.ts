// Two tabs of one shop: views recorded in one tab reach the next rerank of a
// search page already open in another, and forget() in one tab empties the
// other's ranking too. The worker keeps a history read in memory, so this
// proves its invalidation (HistoryStore change broadcasts) works.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  assertNothingPrivateSent,
  awaitRerank,
  awaitTracked,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Shop,
} from './shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED, VIEWED_TITLES } from './test-catalog.ts';

let shop: Shop;
let search: Page;
let product: Page;

/** In the search tab: resolves after `count` history broadcasts of kind `change`. */
async function expectBroadcasts(page: Page, change: string, count: number): Promise<void> {
  await page.evaluate(
    ([kind, n]) => {
      const w = window as unknown as { __broadcasts: Promise<void> };
      w.__broadcasts = new Promise<void>((resolve) => {
        let seen = 0;
        const channel = new BroadcastChannel('edge-rerank');
        channel.onmessage = (e) => {
          if ((e.data as { change?: string }).change === kind && ++seen === n) {
            channel.close();
            resolve();
          }
        };
      });
    },
    [change, count] as const,
  );
}

async function awaitBroadcasts(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __broadcasts: Promise<void> }).__broadcasts);
}

async function rerankWithQuery(page: Page, query: string) {
  await page.evaluate((q) => document.querySelector('edge-rerank')!.setAttribute('query', q), query);
  return awaitRerank(page);
}

before(async () => {
  shop = await startShop();
  shop.page('/tabs/search', searchPageHtml({ query: QUERY, products: RESULTS }));
  VIEWED.forEach((p) => shop.page(`/tabs/product/${p.id}`, productPageHtml(p)));
  search = await shop.newPage();
  product = await shop.newPage();
  await listenForWidgetEvents(search);
});

after(async () => {
  await shop?.close();
});

test('views in another tab reach the open search page; forget() there empties it here', async () => {
  await search.goto(new URL('/tabs/search', shop.url).href);
  assert.deepEqual((await awaitRerank(search)).dom, SERVER_ORDER);

  await expectBroadcasts(search, 'events', VIEWED.length);
  for (const p of VIEWED) {
    await product.goto(new URL(`/tabs/product/${p.id}`, shop.url).href);
    assert.deepEqual(await awaitTracked(product), [true]);
  }
  await awaitBroadcasts(search);
  const personalized = await rerankWithQuery(search, `${QUERY} kit`);
  assert.equal(personalized.detail?.historySize, VIEWED.length);
  assert.notDeepEqual(personalized.dom, SERVER_ORDER);

  await expectBroadcasts(search, 'forgotten', 1);
  await product.evaluate(async () => {
    await customElements.whenDefined('edge-rerank');
    await (customElements.get('edge-rerank') as unknown as { forget(): Promise<void> }).forget();
  });
  await awaitBroadcasts(search);
  const emptied = await rerankWithQuery(search, QUERY);
  assert.equal(emptied.detail?.historySize, 0);
  assert.deepEqual(emptied.dom, SERVER_ORDER);
});

test('forget() in one tab puts every other open tab back in server order and drops its badges at once, with no rerank asked for', async () => {
  await shop.freshContext();
  const [searchTab, otherTab] = [await shop.newPage(), await shop.newPage()];
  await listenForWidgetEvents(searchTab);
  for (const p of VIEWED) {
    await otherTab.goto(new URL(`/tabs/product/${p.id}`, shop.url).href);
    assert.deepEqual(await awaitTracked(otherTab), [true]);
  }
  await searchTab.goto(shop.page('/tabs/search-explain', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '' } })));
  const personalized = await awaitRerank(searchTab);
  assert.notDeepEqual(personalized.dom, SERVER_ORDER);
  assert.ok(Object.keys(personalized.badges).length > 0, 'badges to drop');

  await otherTab.evaluate(async () => {
    await customElements.whenDefined('edge-rerank');
    await (customElements.get('edge-rerank') as unknown as { forget(): Promise<void> }).forget();
  });
  // Nothing touches the search tab: it hears the forget and restores on its own.
  await searchTab.waitForFunction(
    (serverOrder) => {
      const el = document.querySelector('edge-rerank')!;
      const dom = [...el.querySelectorAll('[data-item-id]')].map((n) => n.getAttribute('data-item-id'));
      return JSON.stringify(dom) === JSON.stringify(serverOrder) && el.querySelectorAll('edge-rerank-reason').length === 0;
    },
    SERVER_ORDER,
    { timeout: 10_000 },
  );
  const after = await awaitRerank(searchTab);
  assert.deepEqual(after.dom, SERVER_ORDER);
  assert.deepEqual(after.badges, {});
  assert.equal(after.detail?.historySize, 0, 'the rerank that followed used the emptied history');
});

test('no request carried history, viewed titles, reasons or vectors', () => {
  assertNothingPrivateSent(shop, VIEWED_TITLES);
});
