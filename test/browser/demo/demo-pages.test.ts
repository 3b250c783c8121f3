// The demo shop's server and pages in real Chromium: the search server's
// list is what <edge-rerank> wraps (with the server order beside it),
// product pages carry a view tracker, shopper input is shown as text, every
// page has the privacy panel and the request log, and no page asks anything
// of another origin. (No index here: these pages need no model.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { DemoShop } from '../../../demo/shop-server.ts';
import { startTestShop } from './demo-fixture.ts';

let shop: DemoShop;
let browser: Browser;
const foreignRequests: string[] = [];

before(async () => {
  shop = await startTestShop({ index: false });
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

test("the search page wraps the search server's list in <edge-rerank>, with the server order beside it", async () => {
  const page = await open('/search?q=rain+jacket');
  const expected = (await (await fetch(new URL('/api/search?q=rain+jacket', shop.url))).json()) as Array<{ id: string }>;
  const view = await page.evaluate(() => {
    const element = document.querySelector('edge-rerank');
    return {
      query: element?.getAttribute('query'),
      model: element?.getAttribute('model'),
      explain: element?.hasAttribute('explain'),
      items: [...(element?.querySelectorAll<HTMLElement>('[data-item-id]') ?? [])].map((li) => ({ ...li.dataset })),
      server: [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId),
    };
  });
  assert.equal(view.query, 'rain jacket');
  assert.equal(view.model, '/models/default/');
  assert.equal(view.explain, true);
  assert.equal(expected.length, 20);
  assert.deepEqual(
    view.server,
    expected.map((hit) => hit.id),
  );
  assert.deepEqual(
    view.items.map((i) => i.itemId),
    view.server,
    'with no history the personalized column is the server order',
  );
  for (const item of view.items) {
    const product = shop.catalog.find((p) => p.id === item.itemId)!;
    assert.deepEqual(item, { itemId: product.id, title: product.title, category: product.category, brand: product.brand });
  }
});

test('markup in the query is shown as text, never run', async () => {
  const page = await open(`/search?q=${encodeURIComponent('<img src=x onerror="window.pwned=1">kettle')}`);
  const result = await page.evaluate(() => ({
    pwned: 'pwned' in window,
    value: document.querySelector<HTMLInputElement>('input[name=q]')?.value,
    query: document.querySelector('edge-rerank')?.getAttribute('query'),
    injected: document.querySelectorAll('main img').length,
  }));
  assert.deepEqual(result, {
    pwned: false,
    value: '<img src=x onerror="window.pwned=1">kettle',
    query: '<img src=x onerror="window.pwned=1">kettle',
    injected: 0,
  });
});

test('a search with no match says so; the home page offers the personas', async () => {
  const none = await open('/search?q=kayak');
  assert.match((await none.textContent('main h1')) ?? '', /No products match “kayak”/);
  assert.equal(await none.locator('edge-rerank').count(), 0);
  const home = await open('/');
  const personas = await home.locator('[data-persona]').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.persona));
  assert.deepEqual(
    personas,
    shop.data.personas.map((p) => p.id),
  );
  assert.match((await home.textContent('main')) ?? '', /simulated/);
});

test('a product page records a view of that product with <edge-rerank-track>', async () => {
  const product = shop.catalog[41]!;
  const page = await open(`/product?id=${product.id}&q=tent`);
  const track = await page.evaluate(() => {
    const el = document.querySelector('article edge-rerank-track');
    const written = ['item-id', 'title', 'category', 'brand', 'event'];
    return el && Object.fromEntries(written.map((name) => [name, el.getAttribute(name)]));
  });
  assert.deepEqual(track, { 'item-id': product.id, title: product.title, category: product.category, brand: product.brand, event: 'view' });
  assert.equal(await page.textContent('h1'), product.title);
  assert.equal(await page.getAttribute('a.back', 'href'), '/search?q=tent');
  assert.equal(await page.evaluate(() => document.querySelector('edge-rerank-track')!.recorded), true);
});

test('an unknown product id is a 404 page', async () => {
  const page = await browser.newPage();
  const response = await page.goto(new URL('/product?id=nope', shop.url).href);
  assert.equal(response?.status(), 404);
  assert.match((await page.textContent('main')) ?? '', /No product “nope”/);
});

test('every page has the privacy panel and the request log, reachable from the header', async () => {
  for (const path of ['/', '/search?q=kettle', `/product?id=${shop.catalog[0]!.id}`, '/cart', '/privacy']) {
    const page = await open(path);
    assert.equal(await page.locator('[data-panel="privacy"] [data-action="forget"]').count(), 1, path);
    assert.equal(await page.locator('[data-panel="requests"]').count(), 1, path);
    await page.click('header [data-open-tab="privacy"]');
    assert.equal(await page.isVisible('[data-panel="privacy"]'), true, path);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isVisible('[data-panel="requests"]'), true, `${path}: arrow keys move between tabs`);
    await page.close();
  }
});

test('no page asked for anything from another origin', () => {
  assert.deepEqual(foreignRequests, []);
});
