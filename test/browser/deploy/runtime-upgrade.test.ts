// An upgrade over a stale cache: a returning shopper's Cache API still holds
// the runtime of an earlier release (before names carried a content hash, the
// same URL held another build's wasm, which fails to link on every load). The
// new release asks only for its own, content-named files, so the model loads,
// and the earlier release's entries are deleted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  DIST,
  awaitRerank,
  awaitTracked,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Shop,
} from '../element/shop-harness.ts';
import { QUERY, RESULTS, VIEWED } from '../element/test-catalog.ts';

const runtime = readdirSync(join(DIST, 'ort'));
const current = (pattern: RegExp) => `/dist/ort/${runtime.find((f) => pattern.test(f))}`;
const PLAIN_WASM = current(/^ort-wasm-simd-threaded\.[0-9a-f]{12}\.wasm$/);
const ASYNCIFY_WASM = current(/^ort-wasm-simd-threaded\.asyncify\.[0-9a-f]{12}\.wasm$/);
const ASYNCIFY_MJS = current(/^ort-wasm-simd-threaded\.asyncify\.[0-9a-f]{12}\.mjs$/);
/** Where earlier releases kept their runtime: the old plain names and another release's hashes. */
const STALE = [
  ['/dist/ort/ort-wasm-simd-threaded.wasm', ASYNCIFY_WASM],
  ['/dist/ort/ort-wasm-simd-threaded.mjs', ASYNCIFY_MJS],
  ['/dist/ort/ort-wasm-simd-threaded.0123456789ab.wasm', ASYNCIFY_WASM],
] as const;

let shop: Shop;
let page: Page;

before(async () => {
  shop = await startShop();
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(() => shop?.close());

const cachedUrls = () =>
  page.evaluate(async () => (await (await caches.open('transformers-cache')).keys()).map((r) => new URL(r.url).pathname));

test("another build's runtime cached by an earlier release neither breaks the model nor stays in the cache", async () => {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  // What an earlier release left in the Cache API, as transformers.js stores it (by URL).
  await page.evaluate(async (stale) => {
    const cache = await caches.open('transformers-cache');
    for (const [url, source] of stale) await cache.put(new URL(url, location.href).href, await fetch(source));
  }, STALE);
  assert.deepEqual((await cachedUrls()).sort(), STALE.map(([url]) => url).sort());

  await page.goto(shop.page('/search', searchPageHtml({ query: QUERY, products: RESULTS })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem ?? snap.errors));
  assert.deepEqual(snap.errors, []);
  assert.ok((snap.detail?.embedded ?? 0) > 0, 'the model embedded the items');
  assert.deepEqual(
    shop.consoleLines.filter((l) => /LinkError|Aborted/.test(l)),
    [],
  );

  const cached = await cachedUrls();
  assert.ok(cached.includes(PLAIN_WASM), `this release's runtime is cached: ${cached.join(', ')}`);
  for (const [url] of STALE) assert.ok(!cached.includes(url), `${url} (an earlier release's) was deleted`);
});
