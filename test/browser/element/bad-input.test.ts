// Bad input never breaks the shop page: no WebGPU, model 404 or corrupt,
// IndexedDB blocked or over quota, no WASM SIMD, a worker that crashes, items
// without titles, duplicate ids, markup in titles, 2,000 candidates. Each
// keeps the page working, leaves the server order where nothing better is
// known, fires one clear edge-rerank-error and loses nothing stored.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import {
  MODELS,
  assertNothingPrivateSent,
  awaitRerank,
  awaitTracked,
  exportedEvents,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  serveDistVariant,
  startShop,
  type Product,
  type Shop,
  WORKER_FILE,
} from './shop-harness.ts';
import { QUERY, RESULTS, VIEWED, VIEWED_TITLES } from './test-catalog.ts';

let shop: Shop;
let page: Page;
const secrets = [...VIEWED_TITLES];

/** Results sharing no brand, category or title words with VIEWED: only the
 *  model could relate them. (Not the mug: its "camping" shares "-ping" grams
 *  with the viewed "sleeping bag", so the titles relate them.) */
const UNRELATED = RESULTS.filter((p) => p.brand !== 'Kestrel' && p.id !== 'ork-mug');
const UNRELATED_ORDER = UNRELATED.map((p) => p.id);

function js(source: string) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(source);
  };
}

/** A worker that first runs `patch` (e.g. breaking IndexedDB), then the real one. */
function patchedWorker(prefix: string, patch: string): void {
  shop.route(`${prefix}patch.js`, js(patch));
  serveDistVariant(shop, prefix, `import './patch.js';\nimport '/dist/${WORKER_FILE}';\n`);
}

async function view(products: Product[], distPath = '/dist/'): Promise<boolean[]> {
  const results: boolean[] = [];
  for (const product of products) {
    await page.goto(shop.page(`/product${distPath}${product.id}`, productPageHtml(product, distPath)));
    results.push(...(await awaitTracked(page)));
  }
  return results;
}

async function openSearch(path: string, html: string) {
  await page.goto(shop.page(path, html));
  return awaitRerank(page);
}

before(async () => {
  shop = await startShop();
  patchedWorker(
    '/dist-noidb/',
    `Object.defineProperty(globalThis, 'indexedDB', { configurable: true, get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });`,
  );
  patchedWorker(
    '/dist-full/',
    `for (const method of ['add', 'put']) IDBObjectStore.prototype[method] = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };`,
  );
  // No WebGPU whatever the machine has: the worker's navigator.gpu is gone.
  patchedWorker('/dist-nogpu/', `Object.defineProperty(WorkerNavigator.prototype, 'gpu', { configurable: true, get: () => undefined });`);
  patchedWorker(
    '/dist-nosimd/',
    `const validate = WebAssembly.validate; WebAssembly.validate = (bytes) => bytes.length < 64 ? false : validate(bytes);`,
  );
  patchedWorker(
    '/dist-crashy/',
    // Registered before comlink's listener: swallows the message, then dies with an uncaught error.
    `self.addEventListener('message', (e) => { if (JSON.stringify(e.data ?? '').includes('crash-now')) { e.stopImmediatePropagation(); throw new Error('worker crashed mid-session'); } });`,
  );
  // Freezes without crashing: no error event, no answer, no more progress reports.
  patchedWorker(
    '/dist-frozen/',
    `self.addEventListener('message', (e) => { if (JSON.stringify(e.data ?? '').includes('freeze-now')) for (;;) {} });`,
  );
  // A model server that accepts the request and never answers.
  shop.route('/stalled-model/config.json', () => undefined);
  serveDistVariant(shop, '/dist-dead/', `throw new Error('the worker script is broken');`);
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    const bytes = readFileSync(join(MODELS, 'default', file));
    shop.route(`/corrupt-model/${file}`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(bytes);
    });
  }
  // Both ONNX files: the widget runs model_int8.onnx on WASM (integer arithmetic), model_quantized.onnx on WebGPU.
  for (const file of ['onnx/model_quantized.onnx', 'onnx/model_int8.onnx']) {
    shop.route(`/corrupt-model/${file}`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(Buffer.alloc(4096, 7));
    });
  }
});

beforeEach(async () => {
  await shop.freshContext();
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

test('no WebGPU adapter with device="webgpu": one backend error, the rerank runs on WASM', async () => {
  await view(VIEWED);
  const snap = await openSearch(
    '/bad/no-webgpu',
    searchPageHtml({ query: QUERY, products: RESULTS, element: { device: 'webgpu' }, distPath: '/dist-nogpu/' }),
  );
  assert.equal(snap.detail?.backend, 'wasm');
  assert.equal(snap.detail?.historySize, 3);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['backend'],
  );
  assert.match(snap.errors[0]!.message, /no WebGPU adapter/);
});

test('model 404: one model-load error naming the folder, the server order stays', async () => {
  await view(VIEWED);
  const linesBefore = shop.consoleLines.length;
  const snap = await openSearch(
    '/bad/model-404',
    searchPageHtml({ query: QUERY, products: UNRELATED, element: { model: '/missing-model/' } }),
  );
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(snap.dom, UNRELATED_ORDER);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['model-load'],
  );
  assert.match(snap.errors[0]!.message, /missing-model/);
  // The next rerank (new query) reports nothing new: one error per problem.
  await page.evaluate(() => document.querySelector('edge-rerank')!.setAttribute('query', 'stove'));
  const again = await awaitRerank(page);
  assert.equal(again.errors.length, 1);
  const lines = shop.consoleLines.slice(linesBefore).filter((l) => l.includes('[edge-rerank]'));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^warning: \[edge-rerank\] model-load: /);
});

test('corrupt model file: one model-load error naming the file, the server order stays', async () => {
  await view(VIEWED);
  const snap = await openSearch(
    '/bad/model-corrupt',
    searchPageHtml({ query: QUERY, products: UNRELATED, element: { model: '/corrupt-model/' } }),
  );
  assert.deepEqual(snap.dom, UNRELATED_ORDER);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['model-load'],
  );
  assert.match(snap.errors[0]!.message, /corrupt-model\/onnx\/model_int8\.onnx: sha256 [0-9a-f]{64} does not match/);
});

test('IndexedDB blocked: tracking and reranking report one storage error each, the server order stays, stored data survives', async () => {
  await view(VIEWED.slice(0, 2));
  const refused = await view(VIEWED.slice(2), '/dist-noidb/');
  assert.deepEqual(refused, [false]);
  const snap = await openSearch('/bad/no-idb', searchPageHtml({ query: QUERY, products: RESULTS, distPath: '/dist-noidb/' }));
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.detail?.historySize, 0);
  assert.deepEqual(
    snap.dom,
    RESULTS.map((p) => p.id),
  );
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['storage'],
  );
  assert.match(snap.errors[0]!.message, /denied permission|IndexedDB/i);
  // Back on a normal page: what was stored before is all still there.
  await page.goto(shop.page('/bad/after-idb', searchPageHtml({ query: QUERY, products: RESULTS })));
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => e.itemId),
    VIEWED.slice(0, 2).map((p) => p.id),
  );
});

test('IndexedDB over quota: the new event is refused with a storage error, the old ones and the ranking stay', async () => {
  await view(VIEWED);
  assert.deepEqual(await view([{ id: 'extra', title: 'Extra item' }], '/dist-full/'), [false]);
  const snap = await openSearch('/bad/quota', searchPageHtml({ query: QUERY, products: RESULTS, distPath: '/dist-full/' }));
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.detail?.historySize, 3, 'reading still works');
  assert.ok(
    snap.errors.every((e) => e.code === 'storage'),
    JSON.stringify(snap.errors),
  );
  assert.deepEqual(
    (await exportedEvents(page)).map((e) => e.itemId),
    VIEWED.map((p) => p.id),
  );
});

test('no WASM SIMD: one backend error, the server order stays where the model was needed', async () => {
  await view(VIEWED);
  const snap = await openSearch('/bad/no-simd', searchPageHtml({ query: QUERY, products: UNRELATED, distPath: '/dist-nosimd/' }));
  assert.deepEqual(snap.dom, UNRELATED_ORDER);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['backend'],
  );
  assert.match(snap.errors[0]!.message, /SIMD/);
});

test('a worker that cannot start: one worker error, the server order stays', async () => {
  const snap = await openSearch('/bad/dead-worker', searchPageHtml({ query: QUERY, products: RESULTS, distPath: '/dist-dead/' }));
  assert.equal(snap.status, 'failed');
  assert.equal(snap.problem?.code, 'worker');
  assert.deepEqual(
    snap.dom,
    RESULTS.map((p) => p.id),
  );
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['worker'],
  );
});

test('a worker that crashes mid-session: one worker error, then the next rerank starts a fresh worker', async () => {
  await view(VIEWED, '/dist-crashy/');
  const snap = await openSearch('/bad/crash', searchPageHtml({ query: 'crash-now', products: RESULTS, distPath: '/dist-crashy/' }));
  assert.equal(snap.status, 'failed');
  assert.deepEqual(
    snap.dom,
    RESULTS.map((p) => p.id),
  );
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['worker'],
  );
  await page.evaluate((q) => document.querySelector('edge-rerank')!.setAttribute('query', q), QUERY);
  const recovered = await awaitRerank(page);
  assert.equal(recovered.status, 'reranked');
  assert.equal(recovered.detail?.historySize, 3, 'the history was not lost in the crash');
});

// A timeout of its own: without the watchdog this test would wait forever instead of failing.
test(
  'a worker that freezes: after stall-timeout one worker error, the server order stays, the next rerank starts a fresh worker',
  { timeout: 60_000 },
  async () => {
    await view(VIEWED, '/dist-frozen/');
    const started = Date.now();
    const snap = await openSearch(
      '/bad/frozen',
      searchPageHtml({ query: 'freeze-now', products: RESULTS, distPath: '/dist-frozen/', element: { 'stall-timeout': '2000' } }),
    );
    assert.equal(snap.status, 'failed');
    assert.deepEqual(
      snap.dom,
      RESULTS.map((p) => p.id),
    );
    assert.deepEqual(
      snap.errors.map((e) => e.code),
      ['worker'],
    );
    assert.match(snap.errors[0]!.message, /no progress for 2 s/);
    assert.ok(Date.now() - started >= 2000, 'gave up before the stall timeout');
    // The recovery loads the model in a fresh worker: give it the default stall timeout, not the 2 s that provoked the stall.
    await page.evaluate((q) => {
      const element = document.querySelector('edge-rerank')!;
      element.removeAttribute('stall-timeout');
      element.setAttribute('query', q);
    }, QUERY);
    const recovered = await awaitRerank(page);
    assert.equal(recovered.status, 'reranked');
    assert.equal(recovered.detail?.historySize, 3, 'the history was not lost with the frozen worker');
  },
);

test(
  'a model download the server never answers is a stall, not a wait forever; the default model works again after',
  { timeout: 60_000 },
  async () => {
    await view(VIEWED);
    const snap = await openSearch(
      '/bad/stalled',
      searchPageHtml({ query: QUERY, products: UNRELATED, element: { model: '/stalled-model/', 'stall-timeout': '2000' } }),
    );
    assert.equal(snap.status, 'failed');
    assert.deepEqual(snap.dom, UNRELATED_ORDER);
    assert.deepEqual(
      snap.errors.map((e) => e.code),
      ['worker'],
    );
    assert.match(snap.errors[0]!.message, /a download that never finishes/);
    await page.evaluate(() => {
      const element = document.querySelector('edge-rerank')!;
      element.removeAttribute('stall-timeout'); // as above: the recovery is not a second stall test
      element.setAttribute('model', '/models/default/');
    });
    const recovered = await awaitRerank(page);
    assert.equal(recovered.status, 'reranked', JSON.stringify(recovered.problem));
    assert.ok((recovered.detail?.embedded ?? 0) > 0, 'the model was not used after the stall');
  },
);

test('duplicate ids and items without a title: reported once each, repeats stay in place, the rest is ranked', async () => {
  await view(VIEWED);
  const products: Product[] = [...RESULTS.slice(0, 4), { id: 'no-title', title: '' }, RESULTS[1]!, ...RESULTS.slice(4)];
  const snap = await openSearch('/bad/dupes', searchPageHtml({ query: QUERY, products }));
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.dom[5], RESULTS[1]!.id, 'the repeated node keeps its slot');
  assert.equal(snap.dom.length, products.length);
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['input', 'input'],
  );
  assert.match(snap.errors[0]!.message, /duplicate data-item-id "tun-jacket"/);
  assert.match(snap.errors[1]!.message, /"no-title" have no data-title/);
  assert.ok(!Object.hasOwn(snap.detail!.reasons, 'no-title'));
  const sibling = products.findIndex((p) => p.id === 'kes-tent-3');
  assert.ok(snap.dom.indexOf('kes-tent-3') < sibling, "the ranking still worked: the viewed tent's sibling moved up");
});

test('titles with markup or script stay text: nothing runs, reasons show the literal title', async () => {
  const evil: Product = {
    id: 'evil-1',
    title: '<img src=x onerror="window.__pwned=1">Kestrel <b>bold</b> tent',
    brand: 'Kestrel',
    category: 'Tents',
  };
  await view([evil, evil, evil]);
  const products: Product[] = [
    ...UNRELATED,
    { id: 'evil-2', title: '</li><script>window.__pwned=2</script>Kestrel pole', brand: 'Kestrel', category: 'Tents' },
  ];
  const snap = await openSearch('/bad/markup', searchPageHtml({ query: QUERY, products, element: { explain: '' } }));
  assert.equal(snap.status, 'reranked');
  assert.ok(snap.dom.indexOf('evil-2') < products.length - 1, 'the markup item was not ranked');
  assert.equal(snap.badges['evil-2'], `Because you viewed “${evil.title}”`);
  const page_ = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned,
    images: document.querySelectorAll('img').length,
    badgeImages: [...document.querySelectorAll('edge-rerank-reason')].reduce(
      (n, b) => n + (b.shadowRoot?.querySelectorAll('img, script').length ?? 0),
      0,
    ),
  }));
  assert.deepEqual(page_, { pwned: undefined, images: 0, badgeImages: 0 });
});

test('2,000 candidates: the first 200 are ranked, the other 1,800 keep their place, one input error', async () => {
  await view(VIEWED);
  const products: Product[] = Array.from({ length: 2000 }, (_, i) => {
    const base = RESULTS[i % RESULTS.length]!;
    return { ...base, id: `${base.id}-${i}`, title: `${base.title} ${i}` };
  });
  const snap = await openSearch('/bad/2000', searchPageHtml({ query: QUERY, products }));
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.detail?.order.length, 200);
  assert.deepEqual(
    snap.dom.slice(200),
    products.slice(200).map((p) => p.id),
  );
  assert.deepEqual(
    [...snap.dom.slice(0, 200)].sort(),
    products
      .slice(0, 200)
      .map((p) => p.id)
      .sort(),
  );
  assert.notDeepEqual(
    snap.dom.slice(0, 200),
    products.slice(0, 200).map((p) => p.id),
  );
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['input'],
  );
  assert.match(snap.errors[0]!.message, /2000 items: only the first 200/);
});

test('no request carried history, viewed titles, reasons or vectors; no uncaught page errors', () => {
  assertNothingPrivateSent(shop, secrets);
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.startsWith('pageerror')),
    [],
  );
});
