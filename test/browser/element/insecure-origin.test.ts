// A shop on plain http under a real host name (a staging site, an intranet
// demo) is not a secure context: no crypto.subtle, no Cache API, no WebGPU.
// The model's sha256 and every index shard are still checked (in plain JS),
// and the whole loop works: views stored, results reranked with the model
// and the index, a damaged shard refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildIndex } from '../../../scripts/build-index/build.ts';
import {
  MODELS,
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

const HOST = 'staging-shop.test';
const tmp = fileURLToPath(new URL('../../.tmp/widget-insecure', import.meta.url));
let shop: Shop;
let page: Page;
let origin: string;
/** The shop's page at `path`, reached through the plain-http host name. */
const onHost = (url: string) => url.replace(new URL(url).origin, origin);

before(async () => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'catalog.jsonl'), [...VIEWED, ...RESULTS].map((p) => JSON.stringify(p)).join('\n'));
  // Built without a log: the list is then ranked with the encoder (the no-log
  // model reads content vectors), which is what this test needs to load.
  await buildIndex({
    catalog: join(tmp, 'catalog.jsonl'),
    out: join(tmp, 'index'),
    model: join(MODELS, 'default'),
    device: 'cpu',
    tokenizerWorkers: 0,
  });
  // The same index with one bit of its only shard flipped: the manifest's sha256 no longer matches.
  cpSync(join(tmp, 'index'), join(tmp, 'damaged-index'), { recursive: true });
  const [shard] = readdirSync(join(tmp, 'damaged-index', 'shards'));
  const path = join(tmp, 'damaged-index', 'shards', shard!);
  const bytes = readFileSync(path);
  bytes[bytes.length - 1]! ^= 1;
  writeFileSync(path, bytes);

  shop = await startShop({ hostAliases: [HOST], mounts: { '/idx/': tmp } });
  origin = `http://${HOST}:${new URL(shop.url).port}`;
  page = await shop.newPage();
  await listenForWidgetEvents(page);
  for (const product of VIEWED) {
    await page.goto(onHost(shop.page(`/product/${product.id}`, productPageHtml(product))));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
});

after(async () => {
  await shop?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('on plain http: the model is verified without crypto.subtle and the index is used', async () => {
  await page.goto(onHost(shop.page('/search', searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/index/' } }))));
  const context = await page.evaluate(() => ({ secure: isSecureContext, subtle: typeof crypto.subtle, caches: typeof caches }));
  assert.deepEqual(
    context,
    { secure: false, subtle: 'undefined', caches: 'undefined' },
    'the page must not be a secure context for this test to mean anything',
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem ?? snap.errors));
  assert.deepEqual(snap.errors, []);
  assert.equal(snap.detail?.historySize, 3);
  // The encoder ran (the viewed items, off screen, are embedded here), so its
  // hash check passed; every candidate's vector came from the index.
  assert.equal(snap.detail?.embedded, VIEWED.filter((v) => !RESULTS.some((r) => r.id === v.id)).length);
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
  assert.ok(
    shop.server.requests.some((r) => r.url.startsWith('/idx/index/shards/')),
    'no shard was fetched',
  );
});

test('on plain http: a damaged shard is still caught by its sha256; its items are embedded on the device', async () => {
  await page.goto(
    onHost(shop.page('/search-damaged', searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/damaged-index/' } }))),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['index'],
  );
  assert.match(snap.errors[0]!.message, /damaged-index\/shards\/.*is corrupt: sha256 [0-9a-f]{64}, manifest says [0-9a-f]{64}/);
  assert.ok((snap.detail?.embedded ?? 0) >= RESULTS.length, 'the candidates were not embedded on the device');
});

test('no request carried history, viewed titles, reasons or vectors', () => {
  assertNothingPrivateSent(shop, VIEWED_TITLES, [origin]);
});
