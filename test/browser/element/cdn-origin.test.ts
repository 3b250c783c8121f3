// dist/ copied to another origin (a CDN): the page loads the script tag from
// there, the worker comes from there too (through a same-origin blob, as
// browsers refuse cross-origin worker scripts), the ORT files as well; the
// model stays on the shop's own origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  DIST,
  assertNothingPrivateSent,
  awaitRerank,
  awaitTracked,
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
let cdn: Server;
let cdnUrl: string;
const cdnRequests: { method: string; url: string }[] = [];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

before(async () => {
  cdn = createServer((req, res) => {
    cdnRequests.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
    const file = normalize(join(DIST, new URL(req.url ?? '/', 'http://x').pathname));
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!file.startsWith(DIST) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => cdn.listen(0, '127.0.0.1', done));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}/`;
  shop = await startShop();
  page = await shop.newPage();
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
  cdn?.closeAllConnections();
  await new Promise((done) => cdn?.close(done));
});

test('script tag, worker and runtime from another origin; the loop still works', async () => {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/cdn/product/${product.id}`, productPageHtml(product, cdnUrl)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(shop.page('/cdn/search', searchPageHtml({ query: QUERY, products: RESULTS, distPath: cdnUrl })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem ?? snap.errors));
  assert.deepEqual(snap.errors, []);
  assert.equal(snap.detail?.historySize, 3);
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
  const fromCdn = cdnRequests.map((r) => r.url);
  assert.ok(fromCdn.includes(`/${WORKER_FILE}`), 'the worker came from the CDN');
  assert.ok(
    fromCdn.some((u) => u.startsWith('/ort/') && u.endsWith('.wasm')),
    'the ORT wasm came from the CDN',
  );
  assert.ok(!shop.server.requests.some((r) => r.url.startsWith('/dist/')), "nothing was loaded from the shop's own dist/");
});

test('no request to either origin carried history, viewed titles, reasons or vectors', () => {
  assertNothingPrivateSent(shop, VIEWED_TITLES, [cdnUrl]);
  for (const request of cdnRequests) {
    assert.equal(request.method, 'GET');
    for (const title of VIEWED_TITLES) assert.ok(!decodeURIComponent(request.url).includes(title), request.url);
  }
});
