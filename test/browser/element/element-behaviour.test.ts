// The element's contract beyond the main loop: consent, the budget after
// which a late order no longer jumps under the shopper, list and query
// changes, pins, el.track(), the ready event, attribute/property mirroring.
import { after, afterEach, before, beforeEach, test } from 'node:test';
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

async function viewAll(): Promise<void> {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
}

before(async () => {
  shop = await startShop();
});

beforeEach(async () => {
  await shop.freshContext();
  // Each test's requests and console lines are its own (checked after it, below).
  shop.server.requests.length = 0;
  shop.pageRequests.length = 0;
  shop.consoleLines.length = 0;
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

afterEach(() => {
  assertNothingPrivateSent(shop, VIEWED_TITLES);
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.startsWith('pageerror')),
    [],
  );
});

after(async () => {
  await shop?.close();
});

test('consent="denied": no rerank, clicks and el.track() store nothing', async () => {
  await page.goto(shop.page('/consent', searchPageHtml({ query: QUERY, products: RESULTS, element: { consent: 'denied' } })));
  const snap = await awaitRerank(page);
  assert.deepEqual(snap, { ...snap, status: 'skipped', dom: SERVER_ORDER, rerankedEvents: 0, errors: [] });
  await page.click('[data-item-id="kes-lamp"]');
  await page.evaluate(() =>
    document.querySelector('edge-rerank')!.track({ type: 'view', itemId: 'kes-lamp', title: 'Kestrel rechargeable headlamp' }),
  );
  // A granted page in the same profile shows an empty history.
  await page.goto(shop.page('/consent-check', searchPageHtml({ query: QUERY, products: RESULTS })));
  assert.deepEqual(await exportedEvents(page), []);
});

test('consent withdrawn after a rerank puts the server order back and removes the badges', async () => {
  await viewAll();
  await page.goto(shop.page('/consent-withdrawn', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '' } })));
  const personalized = await awaitRerank(page);
  assert.notDeepEqual(personalized.dom, SERVER_ORDER);
  assert.ok(Object.keys(personalized.badges).length > 0);
  await page.evaluate(() => document.querySelector('edge-rerank')!.setAttribute('consent', 'denied'));
  const withdrawn = await awaitRerank(page);
  assert.equal(withdrawn.status, 'skipped');
  assert.deepEqual(withdrawn.dom, SERVER_ORDER);
  assert.deepEqual(withdrawn.badges, {});
});

test('el.track() records events; ready fires once before the first reranked event', async () => {
  await page.goto(shop.page('/track', searchPageHtml({ query: QUERY, products: RESULTS })));
  await awaitRerank(page);
  await page.evaluate(async () => {
    const el = document.querySelector('edge-rerank')!;
    await el.track({ type: 'cart', itemId: 'mar-pot', title: 'Marlow titanium cook pot', brand: 'Marlow' });
    await el.track({ type: 'purchase', itemId: 'mar-pot', title: 'Marlow titanium cook pot', brand: 'Marlow' });
  });
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => [e.itemId, e.type]),
    [
      ['mar-pot', 'cart'],
      ['mar-pot', 'purchase'],
    ],
  );
  const counts = await page.evaluate(() => ({
    ready: (window as unknown as { __ready: number }).__ready,
    reranked: (window as unknown as { __reranked: number }).__reranked,
  }));
  assert.deepEqual(counts, { ready: 1, reranked: 1 });
});

test('a result that arrives after the budget while the shopper is using the list is not applied', async () => {
  await viewAll();
  // budget 0: any result is late; the pointerdown comes before the worker can answer.
  await page.goto(
    shop.page(
      '/late',
      searchPageHtml({ query: QUERY, products: RESULTS, element: { budget: '0' } }).replace(
        '</ol></edge-rerank>',
        `</ol></edge-rerank><script type="module">document.querySelector('li').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));</script>`,
      ),
    ),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.detail?.applied, false);
  assert.notDeepEqual(snap.detail?.order, SERVER_ORDER, 'the ranking itself did change');
  assert.deepEqual(snap.dom, SERVER_ORDER, 'but the list under the shopper did not move');
});

test('the shop replacing its list (new results) triggers a rerank from the new server order', async () => {
  await viewAll();
  await page.goto(shop.page('/mutate', searchPageHtml({ query: QUERY, products: RESULTS.slice(0, 5) })));
  const first = await awaitRerank(page);
  assert.deepEqual(first.detail?.order.length, 5);
  const next = [...RESULTS].reverse();
  await page.evaluate((products) => {
    const list = document.querySelector('edge-rerank ol')!;
    list.replaceChildren(
      ...products.map((p) => {
        const li = document.createElement('li');
        li.dataset.itemId = p.id;
        li.dataset.title = p.title;
        if (p.brand) li.dataset.brand = p.brand;
        if (p.category) li.dataset.category = p.category;
        li.textContent = p.title;
        return li;
      }),
    );
  }, next);
  const second = await awaitRerank(page);
  assert.equal(second.status, 'reranked');
  assert.deepEqual([...second.dom].sort(), next.map((p) => p.id).sort());
  assert.equal(second.detail?.order.length, 10);
  assert.deepEqual(second.dom, second.detail?.order);
});

test('a new query and its new list, set in one task, ask the worker for one rerank, not two', async () => {
  await viewAll();
  await page.goto(shop.page('/new-search', searchPageHtml({ query: QUERY, products: RESULTS.slice(0, 5) })));
  assert.equal((await awaitRerank(page)).status, 'reranked');
  const next = [...RESULTS].reverse();
  const calls = await page.evaluate(async (products) => {
    // Count the worker calls the page makes (comlink posts {type, path, …}).
    const paths: string[] = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      paths.push(String((message as { path?: string[] })?.path?.[0]));
      return (post as (...args: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
    const el = document.querySelector('edge-rerank') as HTMLElement & { rerankComplete: Promise<unknown> };
    el.setAttribute('query', 'another search'); // as a single-page shop does: the query, then its results
    el.querySelector('ol')!.replaceChildren(
      ...products.map((p) => {
        const li = document.createElement('li');
        li.dataset.itemId = p.id;
        li.dataset.title = p.title;
        li.textContent = p.title;
        return li;
      }),
    );
    await el.rerankComplete;
    await new Promise((resolve) => setTimeout(resolve, 50)); // a second rerank, if one were started, would have been posted
    Worker.prototype.postMessage = post;
    return paths.filter((path) => path === 'rerank').length;
  }, next);
  assert.equal(calls, 1);
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.detail?.order.length, 10, 'the one rerank read the new list');
  assert.deepEqual(snap.dom, snap.detail?.order);
});

test("the page decorating its items (a mark, new text) is not a list change; editing an item's data-title is", async () => {
  await page.goto(shop.page('/decorate', searchPageHtml({ query: QUERY, products: RESULTS })));
  const first = await awaitRerank(page);
  assert.equal(first.rerankedEvents, 1);
  const afterDecorating = await page.evaluate(async () => {
    const el = document.querySelector('edge-rerank') as HTMLElement & { rerankComplete: Promise<unknown> };
    for (const item of el.querySelectorAll('[data-item-id]')) {
      const mark = document.createElement('span');
      mark.textContent = ' ↑1';
      item.append(mark);
      item.firstChild!.textContent = `${item.firstChild!.textContent} (on sale)`;
    }
    await new Promise((resolve) => setTimeout(resolve)); // the observer's records are delivered
    await el.rerankComplete;
    return (window as unknown as { __reranked: number }).__reranked;
  });
  assert.equal(afterDecorating, 1, 'decorating inside items started no rerank');
  await page.evaluate(() => document.querySelector('[data-item-id]')!.setAttribute('data-title', 'A renamed product'));
  const renamed = await awaitRerank(page);
  assert.equal(renamed.rerankedEvents, 2, "an item's own data attribute is part of the list");
});

test('pinned items keep their slot; max-displacement bounds every move; the query property mirrors the attribute', async () => {
  await viewAll();
  const itemAttrs = { 'ork-mug': { 'data-pinned': '' } };
  await page.goto(shop.page('/pins', searchPageHtml({ query: QUERY, products: RESULTS, itemAttrs, element: { 'max-displacement': '1' } })));
  const snap = await awaitRerank(page);
  assert.equal(snap.dom[5], 'ork-mug');
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
  for (const [slot, id] of snap.dom.entries()) assert.ok(Math.abs(SERVER_ORDER.indexOf(id) - slot) <= 1, `${id} moved more than 1 place`);
  const mirrored = await page.evaluate(async () => {
    const el = document.querySelector('edge-rerank')!;
    el.query = 'tents';
    await el.updateComplete;
    return { attribute: el.getAttribute('query'), options: el.options.query, maxDisplacement: el.options.maxDisplacement };
  });
  assert.deepEqual(mirrored, { attribute: 'tents', options: 'tents', maxDisplacement: 1 });
  const requery = await awaitRerank(page);
  assert.equal(requery.status, 'reranked');
  assert.equal(requery.dom[5], 'ork-mug');
});

test('items spread over several parents (a grid of rows) are reordered across them, in place', async () => {
  await viewAll();
  const rows = [RESULTS.slice(0, 5), RESULTS.slice(5)]
    .map(
      (row) =>
        `<ul class="row">${row.map((p) => `<li data-item-id="${p.id}" data-title="${p.title}" data-brand="${p.brand}" data-category="${p.category}">${p.title}</li>`).join('')}</ul>`,
    )
    .join('<hr>');
  const html = searchPageHtml({ query: QUERY, products: [] }).replace('<ol>\n\n</ol>', `<div class="grid">${rows}</div>`);
  await page.goto(shop.page('/grid', html));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
  assert.deepEqual(snap.dom, snap.detail?.order);
  const layout = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('ul.row')].map((ul) => ul.children.length),
    separators: document.querySelectorAll('.grid > hr').length,
    comments: [...document.querySelectorAll('.grid *')].flatMap((n) => [...n.childNodes]).filter((n) => n.nodeType === Node.COMMENT_NODE)
      .length,
  }));
  assert.deepEqual(layout, { rows: [5, 5], separators: 1, comments: 0 }, 'every row keeps its size, nothing left behind');
});

test('two lists on one page share one worker and are reranked independently', async () => {
  await viewAll();
  const one = searchPageHtml({ query: QUERY, products: RESULTS });
  const second = `<edge-rerank id="second" query="tents" model="/models/default/" device="wasm"><ol>${[...RESULTS]
    .reverse()
    .map((p) => `<li data-item-id="${p.id}" data-title="${p.title}" data-brand="${p.brand}" data-category="${p.category}">x</li>`)
    .join('')}</ol></edge-rerank>`;
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(shop.page('/two-lists', `${one}\n${second}`));
  const first = await awaitRerank(page);
  const other = await awaitRerank(page, '#second');
  assert.equal(first.status, 'reranked');
  assert.equal(other.status, 'reranked');
  assert.deepEqual([...other.dom].sort(), [...SERVER_ORDER].sort(), 'the second list keeps its own items');
  assert.deepEqual(other.dom, other.detail?.order, 'each element shows its own ranking');
  assert.notDeepEqual(first.dom, SERVER_ORDER, 'the first list was personalized');
  assert.deepEqual(
    other.dom.slice(0, 3),
    ['kes-lamp', 'kes-tent-3', 'kes-poles'],
    'the second list already had the Kestrel items on top: they stay',
  );
  assert.deepEqual(workers.filter((u) => u.includes('edge-rerank.worker')).length, 1);
});

test('<edge-rerank-track> without item-id records nothing; without a title it records and says so', async () => {
  await page.goto(
    shop.page(
      '/bad-track',
      `<!doctype html><script type="module" src="/dist/edge-rerank.js"></script>
<edge-rerank-track title="No id here"></edge-rerank-track>
<edge-rerank-track item-id="no-title-item"></edge-rerank-track>
<edge-rerank-track item-id="x" title="X" event="wishlist"></edge-rerank-track>`,
    ),
  );
  assert.deepEqual(await awaitTracked(page), [false, true, false]);
  const errors = await page.evaluate(() => (window as unknown as { __errors: { code: string; message: string }[] }).__errors);
  assert.deepEqual(
    errors.map((e) => e.code),
    ['input', 'input', 'input'],
  );
  assert.deepEqual(errors.map((e) => e.message).sort(), [
    'edge-rerank-track event="wishlist" must be one of view|click|cart|purchase',
    'edge-rerank-track item-id="no-title-item" has no title: it cannot be named in reasons',
    'edge-rerank-track needs an item-id attribute',
  ]);
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => e.itemId),
    ['no-title-item'],
  );
});

test('a bad attribute is reported once by name and the default is used', async () => {
  await page.goto(shop.page('/bad-attr', searchPageHtml({ query: QUERY, products: RESULTS, element: { strength: 'lots' } })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(snap.errors, [{ code: 'input', message: 'attribute strength="lots" is not a number; using 1' }]);
});

test('no request carried history, viewed titles, reasons or vectors: views, a personalized list with badges, a click', async () => {
  await viewAll();
  await page.goto(shop.page('/privacy', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '' } })));
  const snap = await awaitRerank(page);
  assert.ok(Object.keys(snap.badges).length > 0, 'there were reasons that could have leaked');
  await page.click(`[data-item-id="${snap.dom.at(-1)}"]`);
  await page.waitForFunction(async () => {
    const ctor = customElements.get('edge-rerank') as unknown as { exportHistory(): Promise<{ events: { type: string }[] }> };
    return (await ctor.exportHistory()).events.some((e) => e.type === 'click');
  });
  assertNothingPrivateSent(shop, VIEWED_TITLES);
});
