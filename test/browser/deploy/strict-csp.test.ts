// The widget under a strict Content-Security-Policy sent on EVERY response
// (pages, the widget, its worker, the runtime, the model): the whole loop
// works with the model, from the same origin and with dist/ on a CDN that the
// policy names. A policy that blocks something gives one 'csp' error saying
// what to allow, and the page keeps working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';
import {
  DIST,
  MODELS,
  awaitRerank,
  awaitTracked,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
} from '../element/shop-harness.ts';
import { QUERY, RESULTS, SERVER_ORDER, VIEWED } from '../element/test-catalog.ts';

/** The README's policies; CDN stands for the CDN's origin. */
const SAME_ORIGIN = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'";
const WITH_CDN = "default-src 'self'; script-src 'self' CDN 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' CDN";

let browser: Browser;
let shop: StaticServer;
let cdn: StaticServer;
let policy = SAME_ORIGIN;
const pages = new Map<string, string>();

before(async () => {
  // Read on each response: each test sets its policy.
  const headers = (extra: Record<string, string> = {}) =>
    Object.defineProperty(extra, 'Content-Security-Policy', {
      enumerable: true,
      get: () => policy.replaceAll('CDN', cdn.url.slice(0, -1)),
    });
  const page = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(pages.get(new URL(req.url ?? '/', 'http://x').pathname) ?? '');
  };
  const routes = Object.fromEntries(['/search', ...VIEWED.map((p) => `/product/${p.id}`)].map((path) => [path, page]));
  shop = await startStaticServer({ mounts: { '/dist/': DIST, '/models/': MODELS }, headers: headers(), routes });
  cdn = await startStaticServer({ mounts: { '/': DIST }, headers: headers({ 'Access-Control-Allow-Origin': '*' }) });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await shop?.close();
  await cdn?.close();
});

interface Visit {
  tracked: boolean[];
  snap: Awaited<ReturnType<typeof awaitRerank>>;
  refusals: string[];
}

/** A fresh shopper views the three products, then searches; `dist` is where the widget comes from. */
async function visit(dist: string): Promise<Visit> {
  for (const product of VIEWED) pages.set(`/product/${product.id}`, productPageHtml(product, dist));
  pages.set('/search', searchPageHtml({ query: QUERY, products: RESULTS, distPath: dist }));
  const context = await browser.newContext();
  try {
    const page: Page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text()) && !m.text().startsWith('[edge-rerank]')) refusals.push(m.text());
    });
    await listenForWidgetEvents(page);
    const tracked: boolean[] = [];
    for (const product of VIEWED) {
      await page.goto(new URL(`/product/${product.id}`, shop.url).href);
      tracked.push(...(await awaitTracked(page)));
    }
    await page.goto(new URL('/search', shop.url).href);
    return { tracked, snap: await awaitRerank(page), refusals };
  } finally {
    await context.close();
  }
}

function assertPersonalizedWithTheModel({ tracked, snap, refusals }: Visit): void {
  assert.deepEqual(tracked, [true, true, true]);
  assert.equal(snap.status, 'reranked', JSON.stringify(snap.problem ?? snap.errors));
  assert.deepEqual(snap.errors, []);
  assert.deepEqual(refusals, [], 'the policy refused nothing');
  assert.equal(snap.detail?.historySize, 3);
  assert.ok((snap.detail?.embedded ?? 0) > 0, 'the model embedded the items on the device');
  assert.notDeepEqual(snap.dom, SERVER_ORDER);
}

test("same origin: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' on every response", async () => {
  policy = SAME_ORIGIN;
  assertPersonalizedWithTheModel(await visit('/dist/'));
});

test('dist/ on a CDN the policy names (script-src and connect-src), with worker-src blob: for the worker bootstrap', async () => {
  policy = WITH_CDN;
  const before = cdn.requests.length;
  assertPersonalizedWithTheModel(await visit(cdn.url));
  assert.ok(
    cdn.requests.slice(before).some((r) => r.url.endsWith('.wasm')),
    'the runtime came from the CDN',
  );
});

test("a policy without 'wasm-unsafe-eval': one csp error that says to allow it; ranking goes on without the model", async () => {
  policy = "default-src 'self'; script-src 'self'; worker-src 'self'";
  const { tracked, snap } = await visit('/dist/');
  assert.deepEqual(tracked, [true, true, true]);
  assert.equal(snap.status, 'reranked');
  assert.equal(snap.errors.length, 1, JSON.stringify(snap.errors));
  assert.equal(snap.errors[0]?.code, 'csp');
  assert.match(snap.errors[0]?.message ?? '', /Content-Security-Policy blocked the model .*must allow script-src 'wasm-unsafe-eval'/);
  assert.equal(snap.detail?.embedded, 0);
});

test('dist/ on a CDN with a policy that forgets worker-src blob: one csp error naming it; the server order stays', async () => {
  policy = "default-src 'self'; script-src 'self' CDN 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' CDN";
  const { snap } = await visit(cdn.url);
  assert.deepEqual(snap.dom, SERVER_ORDER);
  assert.equal(snap.errors.length, 1, JSON.stringify(snap.errors));
  assert.equal(snap.errors[0]?.code, 'csp');
  assert.match(snap.errors[0]?.message ?? '', /Content-Security-Policy blocked the worker.*must allow worker-src blob:/);
});
