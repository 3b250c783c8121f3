// <edge-rerank index="…"> with indexes built by the project's own batch
// builder. With an interaction log the index holds behavioural neighbours:
// the list is then in the `full` situation, whose fitted model reads no
// content vectors, so no model or runtime is fetched at all and what shoppers
// bought together with what this shopper viewed moves up. Without a log the
// index gives the candidates' vectors (only viewed items off screen are
// embedded on the device); one built for another model is ignored with one
// warning.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildIndex } from '../../../scripts/build-index/build.ts';
import { shardOf } from '../../../src/index/shard-of.ts';
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

const tmp = fileURLToPath(new URL('../../.tmp/widget-index', import.meta.url));
let shop: Shop;
let page: Page;

before(async () => {
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'catalog.jsonl'), [...VIEWED, ...RESULTS].map((p) => JSON.stringify(p)).join('\n'));
  // Other shoppers often bought the tent together with the mug: the mug's neighbour list names the tent.
  const baskets = [
    ...Array.from({ length: 6 }, (_, i) => ({ user: `u${i}`, items: ['kes-tent', 'ork-mug'] })),
    { user: 'u9', items: ['mar-stove', 'tun-hat'] },
  ];
  writeFileSync(join(tmp, 'purchases.jsonl'), baskets.map((b) => JSON.stringify(b)).join('\n'));
  const build = (out: string, interactions?: string) =>
    buildIndex({
      catalog: join(tmp, 'catalog.jsonl'),
      interactions,
      out: join(tmp, out),
      model: join(MODELS, 'default'),
      device: 'cpu',
      tokenizerWorkers: 0,
      itemsPerShard: 1,
    });
  await build('index', join(tmp, 'purchases.jsonl'));
  await build('vectors-index'); // no log: vectors only
  // The vectors-only index, claiming another model.
  cpSync(join(tmp, 'vectors-index'), join(tmp, 'other-model-index'), { recursive: true });
  const manifestPath = join(tmp, 'other-model-index', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { model: { sha256: string } };
  manifest.model.sha256 = '0'.repeat(64);
  writeFileSync(manifestPath, JSON.stringify(manifest));

  shop = await startShop({ mounts: { '/idx/': tmp } });
  page = await shop.newPage();
  await listenForWidgetEvents(page);
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
});

after(async () => {
  await shop?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Requests for the model or its runtime since `from`. */
const encoderRequests = (from: number) =>
  shop.server.requests
    .slice(from)
    .map((r) => r.url)
    .filter((url) => url.startsWith('/models/') || url.startsWith('/dist/ort/') || url.includes('transformers'));

test('neighbours from an index built with a log: no model is fetched, bought-together items move up', async () => {
  const from = shop.server.requests.length;
  await page.goto(shop.page('/search-index', searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/index/' } })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.deepEqual(snap.errors, []);
  assert.deepEqual(encoderRequests(from), [], 'the full model reads no content vectors: the encoder is not downloaded');
  assert.equal(snap.detail?.embedded, 0);
  assert.equal(snap.detail?.situation, 'full');
  assert.equal(snap.detail?.usedEncoder, false);
  assert.ok(snap.dom.indexOf('ork-mug') < SERVER_ORDER.indexOf('ork-mug'), 'the bought-together mug did not move up');
  assert.match(
    snap.detail!.reasons['ork-mug'] ?? '',
    /Kestrel Ridge two-person tent/,
    'the reason names the viewed item it was bought with',
  );
  const shards = shop.server.requests.filter((r) => r.url.startsWith('/idx/index/') && !r.url.endsWith('manifest.json'));
  assert.ok(shards.length > 0, 'no shard was fetched');

  // Privacy: only shards of items on screen are fetched, never those of viewed items.
  const manifest = JSON.parse(readFileSync(join(tmp, 'index', 'manifest.json'), 'utf8')) as { shards: { file: string }[] };
  const fileOf = (id: string) => `/idx/index/${manifest.shards[shardOf(id, manifest.shards.length)]!.file}`;
  const onScreen = new Set(RESULTS.map((p) => fileOf(p.id)));
  const historyOnly = VIEWED.map((p) => fileOf(p.id)).filter((file) => !onScreen.has(file));
  assert.ok(historyOnly.length > 0, 'the index must hold some viewed item in a shard of its own for this check to mean anything');
  for (const request of shards) assert.ok(onScreen.has(request.url), `${request.url} is not a shard of an item on screen`);
});

test('vectors from an index built without a log: only the viewed items off screen are embedded', async () => {
  await page.goto(
    shop.page('/search-vectors-index', searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/vectors-index/' } })),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem));
  assert.deepEqual(snap.errors, []);
  // Every candidate's vector came from the index; only the viewed items that
  // are not on screen were embedded here (looking them up would reveal them).
  const viewedOffScreen = VIEWED.filter((v) => !RESULTS.some((r) => r.id === v.id)).length;
  assert.ok(viewedOffScreen > 0);
  assert.equal(snap.detail?.embedded, viewedOffScreen);
  assert.ok(shop.server.requests.some((r) => r.url.startsWith('/idx/vectors-index/shards/')));
});

test('an index built for another model: one index error, vectors embedded on the device instead', async () => {
  await page.goto(
    shop.page('/search-other-index', searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/other-model-index/' } })),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(
    snap.errors.map((e) => e.code),
    ['index'],
  );
  assert.match(snap.errors[0]!.message, /other-model-index\/manifest\.json/);
  assert.ok(snap.detail!.embedded > 0);
});

test("model missing: not needed for a list with the index's neighbours: no error, bought-together items move up", async () => {
  const from = shop.server.requests.length;
  await page.goto(
    shop.page(
      '/search-index-no-model',
      searchPageHtml({ query: QUERY, products: RESULTS, element: { index: '/idx/index/', model: '/no-model-here/' } }),
    ),
  );
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.deepEqual(snap.errors, []);
  assert.ok(!shop.server.requests.slice(from).some((r) => r.url.startsWith('/no-model-here/')));
  assert.ok(snap.dom.indexOf('ork-mug') < SERVER_ORDER.indexOf('ork-mug'));
  assert.match(snap.detail!.reasons['ork-mug'] ?? '', /Kestrel Ridge two-person tent/);
});

test('no request carried history, viewed titles, reasons or vectors', () => {
  assertNothingPrivateSent(shop, VIEWED_TITLES);
});
