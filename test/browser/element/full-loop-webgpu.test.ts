// The loop on WebGPU. Here WebGPU is SwiftShader (real, but ~0.5 s a text),
// so the device embeds only the query, 3 viewed items and 3 results; the
// other results carry data-vector computed in Node by the same model.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { itemText } from '../../../src/model/item-text.ts';
import { encodeInlineVectorInt8 } from '../../../src/vector/inline.ts';
import {
  MODELS,
  serveDistVariant,
  assertNothingPrivateSent,
  awaitRerank,
  awaitTracked,
  exportedEvents,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Shop,
  WORKER_FILE,
} from './shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED, VIEWED_TITLES } from './test-catalog.ts';

let shop: Shop;
let page: Page;
let itemAttrs: Record<string, Record<string, string>>;

before(async () => {
  const encoder = await loadEncoder({ model: join(MODELS, 'default'), device: 'cpu', dtype: 'q8' });
  const inline = RESULTS.filter((p) => p.brand !== 'Kestrel');
  const vectors = await encoder.embed(inline.map((p) => itemText(p)));
  itemAttrs = Object.fromEntries(
    inline.map((p, i) => [p.id, { 'data-vector': encodeInlineVectorInt8(vectors.subarray(i * encoder.dim, (i + 1) * encoder.dim)) }]),
  );
  await encoder.dispose();
  shop = await startShop({ webgpu: true });
  VIEWED.forEach((product) => shop.page(`/product/${product.id}`, productPageHtml(product)));
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

test('WebGPU: views → reordered results with reasons → forget() → server order', async () => {
  for (const product of VIEWED) {
    await page.goto(new URL(`/product/${product.id}`, shop.url).href);
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(
    shop.page('/search-webgpu', searchPageHtml({ query: QUERY, products: RESULTS, itemAttrs, element: { device: 'webgpu' } })),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.deepEqual(snap.errors, []);
  assert.equal(snap.detail?.backend, 'webgpu');
  assert.equal(snap.detail?.historySize, 3);
  assert.equal(snap.detail?.embedded, 6, 'only the 3 Kestrel results and 3 viewed items are embedded on the device');
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
  assert.ok(snap.dom.indexOf('kes-tent-3') < SERVER_ORDER.indexOf('kes-tent-3'));
  for (const reason of Object.values(snap.detail!.reasons))
    assert.ok(
      VIEWED_TITLES.some((t) => reason.includes(t)),
      reason,
    );

  await page.reload();
  const reloaded = await awaitRerank(page);
  assert.equal(reloaded.detail?.backend, 'webgpu');
  assert.deepEqual(reloaded.dom, snap.dom, 'history persisted across the reload');
  assert.equal(reloaded.detail?.embedded, 0, 'vectors came from the IndexedDB cache');

  await page.evaluate(() => (customElements.get('edge-rerank') as unknown as { forget(): Promise<void> }).forget());
  const forgotten = await awaitRerank(page);
  assert.deepEqual(forgotten.dom, SERVER_ORDER);
  assert.deepEqual(await exportedEvents(page), []);
});

test('auto on a software (fallback) WebGPU adapter picks WASM; device="webgpu" set later takes effect on the next rerank', async () => {
  for (const product of VIEWED.slice(0, 1)) {
    await page.goto(new URL(`/product/${product.id}`, shop.url).href);
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(shop.page('/search-auto', searchPageHtml({ query: QUERY, products: RESULTS, itemAttrs, element: { device: 'auto' } })));
  const auto = await awaitRerank(page);
  assert.equal(auto.detail?.backend, 'wasm');
  // This worker started on the WASM-only runtime: WebGPU needs a fresh one, which the element starts itself.
  await page.evaluate(() => document.querySelector('edge-rerank')!.setAttribute('device', 'webgpu'));
  const switched = await awaitRerank(page);
  assert.equal(switched.status, 'reranked', JSON.stringify(switched.problem));
  assert.equal(switched.detail?.backend, 'webgpu');
  assert.deepEqual(switched.errors, []);
});

test('WebGPU failing mid-session: one backend error, this page continues on WASM', async () => {
  // The real worker, with GPUQueue.submit made to fail once a query asks for it.
  shop.route('/dist-gpufail/patch.js', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    res.end(`
      let broken = false;
      self.addEventListener('message', (e) => { if (JSON.stringify(e.data ?? '').includes('gpu-fail')) broken = true; });
      const submit = GPUQueue.prototype.submit;
      GPUQueue.prototype.submit = function (...args) {
        if (broken) throw new Error('GPU device lost (simulated)');
        return submit.apply(this, args);
      };`);
  });
  serveDistVariant(shop, '/dist-gpufail/', `import './patch.js';\nimport '/dist/${WORKER_FILE}';\n`);
  await page.goto(new URL(`/product/${VIEWED[0]!.id}`, shop.url).href);
  assert.deepEqual(await awaitTracked(page), [true]);
  await page.goto(
    shop.page(
      '/search-gpufail',
      searchPageHtml({ query: QUERY, products: RESULTS, itemAttrs, element: { device: 'webgpu' }, distPath: '/dist-gpufail/' }),
    ),
  );
  const healthy = await awaitRerank(page);
  assert.equal(healthy.detail?.backend, 'webgpu');
  // A new search whose results include a product never embedded: the GPU is used (and fails) for it.
  const failed = await rerankWithQuery(page, 'gpu-fail gear', { id: 'new-lantern', title: 'Kestrel storm lantern', category: 'Lamps' });
  assert.equal(failed.status, 'reranked', JSON.stringify(failed.problem));
  assert.equal(failed.detail?.backend, 'wasm');
  assert.deepEqual(
    failed.errors.map((e) => e.code),
    ['backend'],
  );
  assert.match(failed.errors[0]!.message, /WebGPU failed .*GPU device lost/);
  const after = await rerankWithQuery(page, 'tents');
  assert.equal(after.detail?.backend, 'wasm', 'the page stays on WASM');
  assert.equal(after.errors.length, 1, 'one error, not one per rerank');
});

/** A new query, and with it one more result when `added` is given (set in one task, as a shop does). */
async function rerankWithQuery(p: Page, query: string, added?: { id: string; title: string; category: string }) {
  await p.evaluate(
    ([q, item]) => {
      const el = document.querySelector('edge-rerank')!;
      el.setAttribute('query', q);
      if (!item) return;
      const li = document.createElement('li');
      Object.assign(li.dataset, { itemId: item.id, title: item.title, category: item.category });
      li.textContent = item.title;
      el.querySelector('ol')!.append(li);
    },
    [query, added] as const,
  );
  return awaitRerank(p);
}

test('no request carried history, viewed titles, reasons or vectors', () => {
  assertNothingPrivateSent(shop, VIEWED_TITLES);
  // One line for the simulated GPU failure; nothing else (the library's own console output stays quiet).
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.startsWith('error') || l.startsWith('warning') || l.startsWith('pageerror')),
    ['warning: [edge-rerank] backend: WebGPU failed (GPU device lost (simulated)); this page now uses WASM'],
  );
});
