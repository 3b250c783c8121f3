// The element's shop-facing features beyond the main loop: the late-order
// guard sees interactions anywhere on the page, load progress events, the
// experiment's control group, the shop's own reason texts, and the
// data-level rank(items) for lists a framework renders.
import { after, before, beforeEach, test } from 'node:test';
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
let page: Page;

async function viewAll(): Promise<void> {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
}

/** A search page whose inline module (run right after the widget defines the element) does `script`. */
function searchWith(path: string, script: string, element: Record<string, string> = {}): string {
  return shop.page(
    path,
    searchPageHtml({ query: QUERY, products: RESULTS, element }).replace(
      '</ol></edge-rerank>',
      `</ol></edge-rerank><p id="outside">Shipping information</p><script type="module">${script}</script>`,
    ),
  );
}

before(async () => {
  shop = await startShop();
});

beforeEach(async () => {
  await shop.freshContext();
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

test('a late order is not applied after a key, wheel or scroll anywhere on the page (not only in the list)', async () => {
  await viewAll();
  const interactions = {
    pagedown: `document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }));`,
    wheel: `document.getElementById('outside').dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }));`,
    scroll: `document.dispatchEvent(new Event('scroll'));`,
    pointer: `document.getElementById('outside').dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));`,
  };
  for (const [name, script] of Object.entries(interactions)) {
    // budget 0: any result is late; the interaction comes before the worker can answer.
    await page.goto(searchWith(`/late-${name}`, script, { budget: '0' }));
    const snap = await awaitRerank(page);
    assert.equal(snap.status, 'reranked', name);
    assert.notDeepEqual(snap.detail?.order, SERVER_ORDER, `${name}: the ranking itself did change`);
    assert.equal(snap.detail?.applied, false, `${name} on the page counts as using the list`);
    assert.deepEqual(snap.dom, SERVER_ORDER, `${name}: the list did not move`);
  }
  // Without any interaction the same late order is applied.
  await page.goto(searchWith('/late-untouched', '', { budget: '0' }));
  const untouched = await awaitRerank(page);
  assert.equal(untouched.detail?.applied, true);
  assert.deepEqual(untouched.dom, untouched.detail?.order);
});

test('edge-rerank-progress reports the model files loading, {file, loaded, total}', async () => {
  await viewAll();
  await page.addInitScript(() => {
    const w = window as unknown as { __progress: unknown[] };
    w.__progress = [];
    document.addEventListener('edge-rerank-progress', (e) => w.__progress.push((e as CustomEvent).detail));
  });
  await page.goto(shop.page('/progress', searchPageHtml({ query: QUERY, products: RESULTS })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  const progress = await page.evaluate(
    () => (window as unknown as { __progress: { file: string; loaded: number; total: number }[] }).__progress,
  );
  assert.ok(progress.length > 0, 'progress was reported while the model loaded');
  for (const p of progress) {
    assert.deepEqual(Object.keys(p).sort(), ['file', 'loaded', 'total']);
    assert.ok(Number.isFinite(p.loaded) && p.loaded >= 0 && (p.total === 0 || p.loaded <= p.total), JSON.stringify(p));
  }
  const model = progress.filter((p) => p.file.includes('/models/default/') && p.file.endsWith('.onnx'));
  assert.ok(model.length > 0, `the model file is among them: ${JSON.stringify(progress.map((p) => p.file))}`);
});

test('experiment: the control share sees the server order (variant "control"), the draw is stored and stable, forget() drops it', async () => {
  await viewAll();
  // This browser's draw: 30 of 100.
  await page.evaluate(() => localStorage.setItem('edge-rerank-experiment', '30'));
  await page.goto(
    shop.page('/exp-control', searchPageHtml({ query: QUERY, products: RESULTS, element: { experiment: '40', explain: '' } })),
  );
  const control = await awaitRerank(page);
  assert.equal(control.detail?.variant, 'control');
  assert.deepEqual(control.dom, SERVER_ORDER);
  assert.deepEqual(control.detail?.order, SERVER_ORDER);
  assert.deepEqual(control.badges, {});
  assert.equal(control.detail?.historySize, VIEWED.length, 'the control arm still knows the history size, for segmenting');

  await page.goto(shop.page('/exp-treated', searchPageHtml({ query: QUERY, products: RESULTS, element: { experiment: '20' } })));
  const treated = await awaitRerank(page);
  assert.equal(treated.detail?.variant, 'personalized');
  assert.notDeepEqual(treated.dom, SERVER_ORDER);

  // No draw yet: one is made, stored, and the same on the next page.
  await page.evaluate(() => localStorage.removeItem('edge-rerank-experiment'));
  await page.goto(shop.page('/exp-draw', searchPageHtml({ query: QUERY, products: RESULTS, element: { experiment: '50' } })));
  const first = await awaitRerank(page);
  const draw = await page.evaluate(() => Number(localStorage.getItem('edge-rerank-experiment')));
  assert.ok(draw >= 0 && draw < 100);
  assert.equal(first.detail?.variant, draw < 50 ? 'control' : 'personalized');
  await page.reload();
  assert.equal((await awaitRerank(page)).detail?.variant, first.detail?.variant);
  // A page without an experiment neither draws nor drops the draw; forget() drops it.
  await page.goto(shop.page('/exp-none', searchPageHtml({ query: QUERY, products: RESULTS })));
  assert.equal((await awaitRerank(page)).detail?.variant, 'personalized');
  assert.equal(await page.evaluate(() => Number(localStorage.getItem('edge-rerank-experiment'))), draw);
  await page.evaluate(async () => {
    await (customElements.get('edge-rerank') as unknown as { forget(): Promise<void> }).forget();
  });
  assert.equal(await page.evaluate(() => localStorage.getItem('edge-rerank-experiment')), null);
  await page.reload();
  assert.equal((await awaitRerank(page)).detail?.variant, 'personalized');
  assert.equal(await page.evaluate(() => localStorage.getItem('edge-rerank-experiment')), null, 'no experiment: nothing drawn');
});

test("the shop's reason texts (strings attribute or property) are used for badges and the event; the reason data is in the event", async () => {
  await viewAll();
  const strings = JSON.stringify({ view: 'Weil du „{title}“ angesehen hast' });
  await page.goto(shop.page('/strings', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '', strings } })));
  const snap = await awaitRerank(page);
  const texts = Object.values(snap.badges);
  assert.ok(texts.length > 0);
  for (const text of texts) assert.match(text, /^Weil du „Kestrel .+“ angesehen hast$/);
  assert.deepEqual(snap.detail?.reasons, snap.badges);
  const details = await page.evaluate(
    () =>
      new Promise<{ itemId: string; historyTitle: string; historyType: string; kind: string }[]>((resolve) => {
        const el = document.querySelector('edge-rerank')!;
        el.addEventListener('edge-rerank-reranked', (e) => resolve(e.detail.reasonDetails), { once: true });
        el.strings = { view: 'Seen: {title}' };
      }),
  );
  assert.ok(details.length > 0);
  for (const d of details) assert.ok(VIEWED_TITLES.includes(d.historyTitle) && d.historyType === 'view', JSON.stringify(d));
  const changed = await awaitRerank(page);
  assert.ok(Object.keys(changed.badges).length > 0);
  for (const text of Object.values(changed.badges)) assert.match(text, /^Seen: Kestrel /);
  assert.deepEqual(changed.errors, []);
});

test('rank(items) ranks a framework-rendered list as data: nothing in the page moves', async () => {
  await page.goto(
    shop.page(
      '/framework',
      `<!doctype html><meta charset="utf-8"><script type="module" src="/dist/edge-rerank.js"></script>
<edge-rerank query="${QUERY}" model="/models/default/" device="wasm"></edge-rerank>
<ul id="app">${RESULTS.map((p) => `<li data-item-id="${p.id}">${p.title}</li>`).join('')}</ul>`,
    ),
  );
  const rankIt = () =>
    page.evaluate(async (products) => {
      await customElements.whenDefined('edge-rerank');
      const el = document.querySelector('edge-rerank')!;
      const items = products.map((p) => ({ ...p }));
      const result = await el.rank(items);
      return {
        order: result.order,
        itemIds: result.items.map((item) => item.id),
        sameObjects: result.items.every((item) => items.includes(item)),
        reasons: result.reasons,
        reasonDetails: result.reasonDetails.length,
        variant: result.variant,
        dom: [...document.querySelectorAll('#app li')].map((li) => li.getAttribute('data-item-id')),
      };
    }, RESULTS);
  const before = await rankIt();
  assert.deepEqual(before.order, SERVER_ORDER, 'no history: the server order');
  assert.deepEqual(before.reasons, {});

  await viewAll();
  await page.goto(new URL('/framework', shop.url).href);
  const ranked = await rankIt();
  assert.notDeepEqual(ranked.order, SERVER_ORDER, 'with history the order changes');
  assert.deepEqual(ranked.itemIds, ranked.order);
  assert.ok(ranked.sameObjects, 'the same item objects come back, reordered');
  assert.deepEqual([...ranked.order].sort(), [...SERVER_ORDER].sort());
  assert.ok(Object.keys(ranked.reasons).length > 0);
  assert.equal(ranked.reasonDetails, Object.keys(ranked.reasons).length);
  assert.equal(ranked.variant, 'personalized');
  assert.deepEqual(ranked.dom, SERVER_ORDER, 'the framework list was not touched');
  assertNothingPrivateSent(shop, VIEWED_TITLES);
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.startsWith('pageerror')),
    [],
  );
});
