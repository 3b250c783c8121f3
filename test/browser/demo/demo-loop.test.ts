// The demo shop end to end on the real widget, model and IndexedDB (WASM):
// search → server order (no history) → view products → search again → the
// order changes with reasons naming what was viewed → reload keeps it →
// forget() → server order again. The shop's request log proves that nothing
// but the shopper's own navigations and static files was ever requested.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startDemoShop, type DemoShop } from '../../../demo/shop-server.ts';
import type { RerankOutcome } from '../../../src/element/index.ts';

let shop: DemoShop;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const widgetLines: string[] = [];
/** Every URL the test itself asked for; anything else must be a static file. */
const navigations = new Set<string>();

const QUERY = 'jacket';
/** The folder holding dist/ and public/models/ (a build elsewhere can be tested with DEMO_ROOT). */
const ROOT = process.env.DEMO_ROOT ?? '.';

before(async () => {
  assert.ok(existsSync(`${ROOT}/dist/edge-rerank.worker.js`), 'dist/ is not built: run `npm run build` first');
  shop = await startDemoShop({ port: 0, root: ROOT });
  browser = await launchChromium();
  context = await browser.newContext();
  // tsx compiles this file with keepNames: named functions inside page.evaluate call __name.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.text().startsWith('[edge-rerank]')) widgetLines.push(msg.text());
  });
});
after(async () => {
  await browser?.close();
  await shop?.close();
});

async function go(path: string): Promise<void> {
  navigations.add(path);
  await page.goto(new URL(path, shop.url).href);
}

/** Waits for the search page's rerank and reads what the shopper sees. */
async function searchResult(): Promise<{ outcome: RerankOutcome; dom: string[]; server: string[]; status: string }> {
  return page.evaluate(async () => {
    await customElements.whenDefined('edge-rerank');
    const element = document.querySelector('edge-rerank')!;
    const outcome = await element.rerankComplete;
    return {
      outcome,
      dom: [...element.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => li.dataset.itemId ?? ''),
      server: [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId ?? ''),
      status: document.getElementById('rerank-status')?.textContent ?? '',
    };
  });
}

function reranked(outcome: RerankOutcome) {
  assert.equal(outcome.status, 'reranked', JSON.stringify(outcome));
  return (outcome as Extract<RerankOutcome, { status: 'reranked' }>).detail;
}

const viewed: Array<{ id: string; title: string }> = [];

test('with no history the server order stays exactly', async () => {
  await go(`/?q=${QUERY}`);
  const { outcome, dom, server } = await searchResult();
  const detail = reranked(outcome);
  assert.equal(server.length, 20);
  assert.deepEqual(detail.order, server);
  assert.deepEqual(dom, server);
  assert.deepEqual(detail.reasons, {});
});

test('viewing products records them on this device', async () => {
  // Down jackets of one brand that the server ranks low for "jacket".
  navigations.add(`/api/search?q=${QUERY}`); // the test's own request for the server order
  const hits = (await (await fetch(new URL(`/api/search?q=${QUERY}`, shop.url))).json()) as Array<{ id: string }>;
  const low = hits.slice(10).map((h) => shop.catalog.find((p) => p.id === h.id)!);
  const target = low.find((p) => p.title.endsWith('Down Jacket')) ?? low[0]!;
  const picks = shop.catalog
    .filter((p) => p.brand === target.brand && p.category === target.category && !hits.slice(0, 10).some((h) => h.id === p.id))
    .slice(0, 3);
  assert.ok(picks.length >= 2, 'the catalogue has jackets to view');
  for (const product of picks) {
    await go(`/product?id=${product.id}&q=${QUERY}`);
    const recorded = await page.evaluate(async () => {
      await customElements.whenDefined('edge-rerank-track');
      return document.querySelector('edge-rerank-track')!.recorded;
    });
    assert.equal(recorded, true, `view of ${product.id} recorded`);
    viewed.push({ id: product.id, title: product.title });
  }
});

test('searching again reorders the list, with reasons that name viewed products', async () => {
  await go(`/?q=${QUERY}`);
  const { outcome, dom, server, status } = await searchResult();
  const detail = reranked(outcome);
  assert.notDeepEqual(detail.order, server, 'history changed the order');
  assert.deepEqual(dom, detail.order, 'the DOM shows the new order');
  assert.deepEqual([...detail.order].sort(), [...server].sort(), 'same items, only moved');
  const reasons = Object.entries(detail.reasons);
  assert.ok(reasons.length > 0, 'at least one item moved up because of history');
  for (const [id, reason] of reasons) {
    assert.ok(detail.order.indexOf(id) < server.indexOf(id), `${id} has a reason and moved up`);
    assert.ok(
      viewed.some((v) => reason.includes(v.title)),
      `reason "${reason}" names a viewed product`,
    );
  }
  assert.match(status, /Personalized on this device/);
});

test('history survives a reload', async () => {
  await page.reload();
  const { outcome, server } = await searchResult();
  assert.notDeepEqual(reranked(outcome).order, server);
});

/** The rows of the demo's history page (read on the device), newest first. */
async function historyRows(): Promise<{ rows: string[][]; emptyShown: boolean }> {
  return page.evaluate(async () => {
    const table = document.getElementById('history-table')!;
    const empty = document.getElementById('history-empty')!;
    // shop.js fills the table once the widget answers; wait for either outcome.
    await new Promise<void>((resolve) => {
      const done = () => !table.hidden || !empty.hidden;
      if (done()) return resolve();
      const observer = new MutationObserver(() => done() && (observer.disconnect(), resolve()));
      observer.observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    return {
      rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      emptyShown: !empty.hidden,
    };
  });
}

test('the history page lists what was viewed, newest first', async () => {
  await go('/history');
  const { rows, emptyShown } = await historyRows();
  assert.equal(emptyShown, false);
  assert.deepEqual(
    rows.map((r) => [r[1], r[2]]),
    [...viewed].reverse().map((v) => ['view', v.title]),
  );
});

test('forget() puts the server order back and erases the history', async () => {
  await go(`/?q=${QUERY}`);
  await searchResult();
  const after = await page.evaluate(async () => {
    const EdgeRerank = customElements.get('edge-rerank') as unknown as {
      forget(): Promise<void>;
      exportHistory(): Promise<{ events: unknown[] }>;
    };
    await EdgeRerank.forget();
    const element = document.querySelector('edge-rerank')!;
    await element.rerankComplete;
    return {
      dom: [...element.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => li.dataset.itemId ?? ''),
      server: [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId ?? ''),
      events: (await EdgeRerank.exportHistory()).events.length,
    };
  });
  assert.deepEqual(after.dom, after.server);
  assert.equal(after.events, 0);
});

test('"Add to cart" records a cart event; "Forget my history" erases what the history page shows', async () => {
  const product = shop.catalog[0]!;
  await go(`/product?id=${product.id}&q=${QUERY}`);
  await page.click('#add-to-cart');
  const recorded = await page.evaluate(async () => {
    await customElements.whenDefined('edge-rerank-track');
    const trackers = [...document.querySelectorAll('edge-rerank-track')];
    return Promise.all(trackers.map((t) => t.recorded));
  });
  assert.deepEqual(recorded, [true, true], 'the view and the cart were both recorded');
  await go('/history');
  assert.deepEqual(
    (await historyRows()).rows.map((r) => [r[1], r[2]]),
    [
      ['cart', product.title],
      ['view', product.title],
    ],
  );
  await page.click('#forget-history');
  await page.waitForFunction(() => document.getElementById('history-status')?.textContent?.includes('erased'));
  assert.deepEqual(await historyRows(), { rows: [], emptyShown: true });
});

test("the shop was asked only for the shopper's own pages and static files; no widget errors", () => {
  const unexpected = shop.requests.filter((r) => {
    if (r.method !== 'GET' || r.body) return true;
    if (navigations.has(r.url)) return false;
    const url = new URL(r.url, shop.url);
    return url.search !== '' || !/^\/(dist|models|static|index)\//.test(url.pathname);
  });
  assert.deepEqual(
    unexpected.map((r) => `${r.method} ${r.url}`),
    [],
  );
  const everything = JSON.stringify(shop.requests.map((r) => [r.url, r.headers, r.body]));
  // The search page asked for /?q=jacket; no request may carry what was viewed.
  for (const v of viewed) assert.ok(!everything.includes(encodeURIComponent(v.title)) && !everything.includes(v.title), v.title);
  // With a demo index built (demo/README.md), the widget reads vectors from it.
  if (shop.hasIndex)
    assert.ok(
      shop.requests.some((r) => r.url.startsWith('/index/')),
      'the demo index was used',
    );
  assert.deepEqual(widgetLines, []);
});
