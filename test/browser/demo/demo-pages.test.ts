// The demo shop's server and pages in real Chromium: the BM25 list is what
// <edge-rerank> wraps, product pages carry a view tracker, shopper input is
// shown as text, and the pages ask nothing of any other origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startDemoShop, type DemoShop } from '../../../demo/shop-server.ts';

let shop: DemoShop;
let browser: Browser;
const foreignRequests: string[] = [];

before(async () => {
  shop = await startDemoShop({ port: 0 });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await shop?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('request', (req) => {
    if (!req.url().startsWith(shop.url) && !req.url().startsWith('data:')) foreignRequests.push(req.url());
  });
  await page.goto(new URL(path, shop.url).href);
  return page;
}

test("the search page wraps the server's BM25 list in <edge-rerank>, with the server order beside it", async () => {
  const page = await open('/?q=rain+jacket');
  const expected = (await (await fetch(new URL('/api/search?q=rain+jacket', shop.url))).json()) as Array<{ id: string }>;
  const view = await page.evaluate(() => {
    const element = document.querySelector('edge-rerank');
    return {
      query: element?.getAttribute('query'),
      model: element?.getAttribute('model'),
      items: [...(element?.querySelectorAll<HTMLElement>('[data-item-id]') ?? [])].map((li) => ({ ...li.dataset })),
      server: [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId),
    };
  });
  assert.equal(view.query, 'rain jacket');
  assert.equal(view.model, '/models/default/');
  assert.equal(expected.length, 20);
  // The server's order, unchanged by the page (the widget may have moved nodes: compare the aside).
  assert.deepEqual(
    view.server,
    expected.map((hit) => hit.id),
  );
  assert.deepEqual(new Set(view.items.map((i) => i.itemId)), new Set(expected.map((hit) => hit.id)));
  for (const item of view.items) {
    const product = shop.catalog.find((p) => p.id === item.itemId);
    assert.ok(product, `item ${item.itemId} is in the catalogue`);
    assert.deepEqual(item, { itemId: product.id, title: product.title, category: product.category, brand: product.brand });
  }
  // BM25: every rain jacket in the catalogue comes before any other jacket.
  const rainJackets = shop.catalog.filter((p) => p.title.endsWith('Rain Jacket')).length;
  const titles = expected.map((hit) => shop.catalog.find((p) => p.id === hit.id)?.title ?? '');
  assert.ok(rainJackets > 5 && rainJackets < 20, String(rainJackets));
  assert.ok(
    titles.slice(0, rainJackets).every((t) => t.endsWith('Rain Jacket')),
    titles.join('\n'),
  );
  assert.ok(
    titles.slice(rainJackets).every((t) => /jacket/i.test(t) || /rain/i.test(t)),
    titles.join('\n'),
  );
});

test('markup in the query is shown as text, never run', async () => {
  const page = await open(`/?q=${encodeURIComponent('<img src=x onerror="window.pwned=1">tent')}`);
  const result = await page.evaluate(() => ({
    pwned: 'pwned' in window,
    value: document.querySelector<HTMLInputElement>('input[name=q]')?.value,
    query: document.querySelector('edge-rerank')?.getAttribute('query'),
    injected: document.querySelectorAll('main img').length,
  }));
  assert.deepEqual(result, {
    pwned: false,
    value: '<img src=x onerror="window.pwned=1">tent',
    query: '<img src=x onerror="window.pwned=1">tent',
    injected: 0,
  });
});

test('a search with no match says so; an empty search shows the start page', async () => {
  const none = await open('/?q=kayak');
  assert.match((await none.textContent('main')) ?? '', /No products match “kayak”/);
  assert.equal(await none.locator('edge-rerank').count(), 0);
  const start = await open('/');
  assert.match((await start.textContent('main')) ?? '', /Find your gear/);
});

test('a product page records a view of that product with <edge-rerank-track>', async () => {
  const product = shop.catalog[41]!;
  const page = await open(`/product?id=${product.id}&q=tent`);
  const track = await page.evaluate(() => {
    const el = document.querySelector('article edge-rerank-track');
    // (the element may add its own style attribute: compare only what the page wrote)
    const written = ['item-id', 'title', 'category', 'brand', 'event'];
    return el && Object.fromEntries(written.map((name) => [name, el.getAttribute(name)]));
  });
  assert.deepEqual(track, { 'item-id': product.id, title: product.title, category: product.category, brand: product.brand, event: 'view' });
  assert.equal(await page.textContent('h1'), product.title);
  assert.equal(await page.getAttribute('a.back', 'href'), '/?q=tent');
});

test('an unknown product id is a 404 page', async () => {
  const page = await browser.newPage();
  const response = await page.goto(new URL('/product?id=nope', shop.url).href);
  assert.equal(response?.status(), 404);
  assert.match((await page.textContent('main')) ?? '', /No product “nope”/);
});

test('the catalogue is generated the same way every time and has a few hundred products', async () => {
  const again = await startDemoShop({ port: 0 });
  try {
    assert.deepEqual(again.catalog, shop.catalog);
  } finally {
    await again.close();
  }
  assert.ok(shop.catalog.length >= 200 && shop.catalog.length <= 1000, String(shop.catalog.length));
  assert.equal(new Set(shop.catalog.map((p) => p.id)).size, shop.catalog.length, 'ids are unique');
  assert.equal(new Set(shop.catalog.map((p) => p.title)).size, shop.catalog.length, 'titles are unique');
});

test('no page asked for anything from another origin', () => {
  assert.deepEqual(foreignRequests, []);
});
