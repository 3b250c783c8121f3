// The demo shop as a stakeholder uses it, on the real widget, model, index
// and IndexedDB: a persona click leads to a personalized search with
// reasons; the privacy panel lists what is stored and Forget erases it; the
// request log lists every request and none carries the history; real
// browsing (views, cart, purchase) works the same way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { DemoShop } from '../../../demo/shop-server.ts';
import { eventsInIndexedDb, openContext, searchView, shopAs, startTestShop, storedEvents } from './demo-fixture.ts';

let shop: DemoShop;
let browser: Browser;

before(async () => {
  shop = await startTestShop();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await shop?.close();
});

test('a persona click replays its history through the widget and opens a personalized search with reasons', async () => {
  const { page, context, widgetLines } = await openContext(browser);
  const persona = shop.data.personas.find((p) => p.id === 'trail-runner')!;
  await shopAs(page, shop, persona.id);
  assert.equal(new URL(page.url()).searchParams.get('q'), persona.query);

  const stored = await storedEvents(page);
  assert.deepEqual(
    stored.map((e) => [e.itemId, e.type]),
    persona.events.map((e) => [e.itemId, e.type]),
  );
  assert.match((await page.textContent('[data-simulated-banner]')) ?? '', /Simulated shopper: Trail runner/);

  const view = await searchView(page);
  assert.deepEqual(view.dom, view.detail.order, 'the page shows the personalized order');
  assert.notDeepEqual(view.detail.order, view.server, 'the history changed the order');
  const withReason = Object.keys(view.detail.reasons);
  assert.ok(withReason.length > 0, 'some products moved up because of the history');
  const titles = persona.events.map((e) => e.title);
  for (const id of withReason) {
    const reason = view.detail.reasons[id]!;
    assert.ok(
      titles.some((t) => reason.includes(t)),
      `"${reason}" names one of the persona's products`,
    );
    const item = view.marks.find((m) => m.id === id)!;
    const places = view.server.indexOf(id) - view.detail.order.indexOf(id);
    assert.equal(item.mark, `↑${places}`, `${id} is marked with how far it moved up`);
    assert.equal(item.reason, reason, `${id} shows its reason`);
  }
  // The count is the items moved up with a reason, not every shifted position.
  const shifted = view.detail.order.filter((id, i) => view.server[i] !== id).length;
  assert.equal(view.lifted, String(withReason.length));
  assert.ok(
    view.status.includes(`${withReason.length} product${withReason.length === 1 ? '' : 's'} moved up because of your history`),
    view.status,
  );
  assert.ok(shifted > withReason.length, 'other items shifted too, and were not counted as moved by history');
  for (const item of view.marks.filter((m) => !withReason.includes(m.id) && m.mark)) assert.match(item.mark!, /^[↓↑]\d+$/);
  // The demo's index carries co-purchase data: the fitted model for that reads
  // no content vectors, and the live panel says so instead of naming a backend.
  assert.equal(view.detail.usedEncoder, false);
  assert.equal(await page.textContent('[data-live="backend"]'), 'No model needed for this list');
  assert.match((await page.textContent('[data-live="why"]')) ?? '', /co-purchase data/);
  assert.deepEqual(widgetLines, []);
  await context.close();
});

test('the privacy panel lists the stored events; Forget everything empties IndexedDB and restores the server order', async () => {
  const { page, context } = await openContext(browser);
  const persona = shop.data.personas.find((p) => p.id === 'home-barista')!;
  await shopAs(page, shop, persona.id);
  await searchView(page);
  assert.equal(await eventsInIndexedDb(page), persona.events.length);

  await page.click('[data-open-tab="privacy"]');
  const panel = page.locator('[data-panel="privacy"]');
  await page.waitForSelector(`[data-panel="privacy"][data-events="${persona.events.length}"]`);
  assert.equal(await panel.isVisible(), true);
  const rows = await panel
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(
    rows.map((r) => [r[1], r[2]]),
    [...persona.events].reverse().map((e) => [e.type, e.title]),
    'every event, newest first, with its title',
  );
  assert.match(
    (await panel.locator('[data-privacy="summary"]').textContent()) ?? '',
    new RegExp(`^${persona.events.length} events stored on this device \\(`),
  );

  const download = page.waitForEvent('download');
  await panel.locator('[data-action="export"]').click();
  const exported = JSON.parse(await streamText(await (await download).createReadStream())) as { events: Array<{ itemId: string }> };
  assert.deepEqual(
    exported.events.map((e) => e.itemId),
    persona.events.map((e) => e.itemId),
  );

  await panel.locator('[data-action="forget"]').click();
  await page.waitForSelector('[data-panel="privacy"][data-events="0"]');
  assert.equal(await eventsInIndexedDb(page), 0, 'IndexedDB holds no event');
  assert.deepEqual(await storedEvents(page), []);
  const view = await searchView(page);
  assert.deepEqual(view.dom, view.server, 'the list is back in server order');
  assert.equal(await page.isHidden('[data-simulated-banner]'), true);
  await context.close();
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

test('the request log lists the requests of the page and the worker, and none carries a stored title or id', async () => {
  const { page, context } = await openContext(browser);
  const persona = shop.data.personas.find((p) => p.id === 'new-parent')!;
  await page.goto(shop.url);
  const before = shop.requests.length;
  await shopAs(page, shop, persona.id);
  const seq = Number(await page.getAttribute('body', 'data-request-seq'));
  await searchView(page);
  // Everything the server has answered since it served this page, as the panel must list it.
  const served = shop.requests.slice(seq).filter((r) => r.status !== undefined && !r.url.startsWith('/__demo/'));
  await page.click('#tab-requests');
  await page.waitForFunction((n) => document.querySelectorAll('[data-requests="table"] tbody tr').length >= n, served.length);
  await page.waitForSelector('[data-requests="summary"][data-carrying="0"]');
  const rows = await page.locator('[data-requests="table"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      from: (tr as HTMLElement).dataset.from,
      carries: (tr as HTMLElement).dataset.carries,
      url: tr.querySelector('code')?.textContent ?? '',
    })),
  );
  assert.deepEqual(
    rows.slice(0, served.length).map((r) => r.url),
    served.map((r) => r.url),
    'the panel lists what the server answered, in order',
  );
  // The page's own navigation, its scripts, and the worker's index files. The
  // demo's index has co-purchase neighbours, so the list is ranked by the
  // `full` model, which reads no content vectors: no model or runtime file.
  assert.equal(rows[0]?.from, 'navigation');
  assert.equal(rows[0]?.url, `/search?q=${persona.query}`);
  assert.ok(rows.some((r) => r.from === 'page' && r.url === '/dist/edge-rerank.js'));
  assert.ok(
    rows.some((r) => r.from === 'worker' && r.url.startsWith('/index/')),
    'the worker fetched index files',
  );
  assert.ok(
    !rows.some((r) => r.url.startsWith('/models/') || r.url.includes('/ort/')),
    'the encoder was fetched for a list whose model does not use it',
  );
  assert.deepEqual(
    rows.filter((r) => r.carries !== 'false' && r.from !== 'navigation'),
    [],
  );

  // Checked here independently of the panel: no request since the replay began carries the history.
  const everything = shop.requests.slice(before).map((r) => {
    const { referer: _referer, ...headers } = r.headers;
    return JSON.stringify([r.url, decodeURIComponent(r.url), r.body, headers]);
  });
  for (const e of persona.events) {
    for (const needle of [e.itemId, e.title, encodeURIComponent(e.title)]) {
      assert.ok(!everything.some((text) => text.includes(needle)), `no request carries ${needle}`);
    }
  }
  await context.close();
});

test('real browsing works the same way: views, the cart and an order are recorded and personalize the next search', async () => {
  const { page, context, widgetLines } = await openContext(browser);
  const jackets = shop.catalog.filter((p) => p.brand === 'Fjellvik' && p.type === 'Down Jacket').slice(0, 2);
  for (const product of jackets) {
    await page.goto(new URL(`/product?id=${product.id}&q=jacket`, shop.url).href);
    assert.equal(await page.evaluate(() => document.querySelector('edge-rerank-track')!.recorded), true);
  }
  await page.click('[data-action="add-to-cart"]');
  await page.waitForSelector('[data-cart-status]:has-text("recorded")');
  assert.equal(await page.textContent('[data-cart-count]'), '1');
  await page.goto(new URL('/cart', shop.url).href);
  await page.click('[data-action="checkout"]');
  await page.waitForSelector('[data-checkout-status]:has-text("1 purchase recorded")');
  const last = jackets.at(-1)!;
  assert.deepEqual(
    (await storedEvents(page)).map((e) => [e.type, e.itemId]),
    [...jackets.map((p) => ['view', p.id]), ['cart', last.id], ['purchase', last.id]],
  );
  await page.goto(new URL('/search?q=jacket', shop.url).href);
  const view = await searchView(page);
  const reasons = Object.values(view.detail.reasons);
  assert.ok(reasons.length > 0, view.status);
  for (const reason of reasons)
    assert.ok(
      jackets.some((p) => reason.includes(p.title)),
      reason,
    );
  assert.deepEqual(widgetLines, []);
  await context.close();
});
