// A tiny shop for the widget's browser tests: pages generated here (no
// evaluation data), dist/ and the built model served from 127.0.0.1, real
// Chromium. Every request the pages make is logged twice (by the server and
// by page.on('request')) so each test can prove nothing private left.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const DIST = join(root, 'dist');
export const MODELS = join(root, 'public/models');
/** The worker's file in dist/: its name carries a content hash (src/worker/dist-files.ts). */
export const WORKER_FILE = readdirSync(DIST).find((f) => /^edge-rerank\.worker-\w+\.js$/.test(f)) ?? 'edge-rerank.worker.js';

export interface Product {
  id: string;
  title: string;
  category?: string;
  brand?: string;
}

export interface PageRequest {
  method: string;
  url: string;
  body: string;
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export interface Shop {
  url: string;
  server: StaticServer;
  browser: Browser;
  context: BrowserContext;
  /** Requests seen by the pages (including their workers). */
  pageRequests: PageRequest[];
  /** Every console line of every page, "type: text". */
  consoleLines: string[];
  /** Serves `html` at `path` (e.g. "/search/1"). */
  page(path: string, html: string): string;
  route(path: string, handler: Route): void;
  newPage(): Promise<Page>;
  /** A fresh profile: empty IndexedDB and caches. */
  freshContext(): Promise<void>;
  close(): Promise<void>;
}

export interface ShopOptions {
  webgpu?: boolean;
  /** Host names the browser resolves to the shop (see launchChromium). */
  hostAliases?: string[];
  /** Extra static folders, e.g. a built index. */
  mounts?: Record<string, string>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
}

export function productPageHtml(product: Product, distPath = '/dist/'): string {
  return `<!doctype html><meta charset="utf-8"><title>product</title>
<script type="module" src="${distPath}edge-rerank.js"></script>
<h1>${escapeHtml(product.title)}</h1>
<edge-rerank-track${attrs({ 'item-id': product.id, title: product.title, category: product.category, brand: product.brand, event: 'view' })}></edge-rerank-track>`;
}

export interface SearchPageOptions {
  query: string;
  products: Product[];
  /** Extra attributes of <edge-rerank>; model defaults to the built one, device to wasm. */
  element?: Record<string, string | undefined>;
  /** Extra attributes per item id (e.g. data-vector, data-pinned). */
  itemAttrs?: Record<string, Record<string, string>>;
  distPath?: string;
  /** Script run before the widget loads. */
  headScript?: string;
}

export function searchPageHtml(options: SearchPageOptions): string {
  const items = options.products
    .map(
      (p) =>
        `<li${attrs({ 'data-item-id': p.id, 'data-title': p.title, 'data-category': p.category, 'data-brand': p.brand, ...options.itemAttrs?.[p.id] })}>${escapeHtml(p.title)}</li>`,
    )
    .join('\n');
  const element = attrs({ query: options.query, model: '/models/default/', device: 'wasm', ...options.element });
  return `<!doctype html><meta charset="utf-8"><title>search</title>
${options.headScript ? `<script>${options.headScript}</script>` : ''}
<script type="module" src="${options.distPath ?? '/dist/'}edge-rerank.js"></script>
<form><input name="q" value="${escapeHtml(options.query)}"></form>
<edge-rerank${element}><ol>
${items}
</ol></edge-rerank>`;
}

export async function startShop(options: ShopOptions = {}): Promise<Shop> {
  const routes: Record<string, Route> = {
    // Browsers ask for it on every page; a 404 would be console noise the tests assert against.
    '/favicon.ico': (_req, res) => {
      res.writeHead(204);
      res.end();
    },
  };
  const server = await startStaticServer({ mounts: { '/dist/': DIST, '/models/': MODELS, ...options.mounts }, routes });
  const browser = await launchChromium({ webgpu: options.webgpu ?? false, hostAliases: options.hostAliases });
  const pageRequests: PageRequest[] = [];
  const consoleLines: string[] = [];
  let context = await browser.newContext();
  const shop: Shop = {
    url: server.url,
    server,
    browser,
    get context() {
      return context;
    },
    pageRequests,
    consoleLines,
    page(path, html) {
      routes[path] = (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(html);
      };
      return new URL(path, server.url).href;
    },
    route(path, handler) {
      routes[path] = handler;
    },
    async newPage() {
      const page = await context.newPage();
      page.on('request', (request) => pageRequests.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' }));
      page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (err) => consoleLines.push(`pageerror: ${err.message}`));
      return page;
    },
    async freshContext() {
      await context.close();
      context = await browser.newContext();
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
  return shop;
}

/** Serves dist/ under another prefix with a different worker file, e.g. one
 *  that breaks IndexedDB or crashes, keeping the real script-tag module. */
export function serveDistVariant(shop: Shop, prefix: string, workerSource: string): void {
  shop.route(`${prefix}edge-rerank.js`, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(readFileSync(join(DIST, 'edge-rerank.js')));
  });
  shop.route(`${prefix}${WORKER_FILE}`, (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(workerSource);
  });
}

export interface RerankSnapshot {
  status: string;
  detail?: {
    order: string[];
    scores: Record<string, number>;
    reasons: Record<string, string>;
    backend: string;
    situation: 'full' | 'no-log' | 'titles-only';
    usedEncoder: boolean;
    applied: boolean;
    historySize: number;
    embedded: number;
    variant: 'control' | 'personalized';
    timings: Record<string, number>;
  };
  problem?: { code: string; message: string };
  /** Item ids in DOM order after the rerank. */
  dom: string[];
  /** Every edge-rerank-error seen on the page so far. */
  errors: { code: string; message: string }[];
  /** Every edge-rerank-reranked seen so far (count). */
  rerankedEvents: number;
  badges: Record<string, string>;
}

/** Collects the widget's events from the start: call before page.goto. */
export async function listenForWidgetEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __errors: unknown[]; __reranked: number; __ready: number };
    w.__errors = [];
    w.__reranked = 0;
    w.__ready = 0;
    document.addEventListener('edge-rerank-error', (e) => w.__errors.push((e as CustomEvent).detail));
    document.addEventListener('edge-rerank-reranked', () => w.__reranked++);
    document.addEventListener('edge-rerank-ready', () => w.__ready++);
  });
}

/** Awaits the element's current rerank (no sleeping) and reads the DOM after it. */
export async function awaitRerank(page: Page, selector = 'edge-rerank'): Promise<RerankSnapshot> {
  return page.evaluate(async (sel) => {
    await customElements.whenDefined('edge-rerank');
    const el = document.querySelector(sel) as HTMLElement & { rerankComplete: Promise<Record<string, unknown>> };
    const outcome = await el.rerankComplete;
    const w = window as unknown as { __errors?: { code: string; message: string }[]; __reranked?: number };
    const badges: Record<string, string> = {};
    for (const badge of el.querySelectorAll('edge-rerank-reason')) {
      const id = badge.closest('[data-item-id]')?.getAttribute('data-item-id');
      if (id) badges[id] = (badge as HTMLElement & { reason: string }).reason;
    }
    return {
      ...(outcome as object),
      dom: [...el.querySelectorAll('[data-item-id]')].map((n) => n.getAttribute('data-item-id') ?? ''),
      errors: w.__errors ?? [],
      rerankedEvents: w.__reranked ?? 0,
      badges,
    } as unknown as RerankSnapshot;
  }, selector);
}

/** Awaits every <edge-rerank-track> on the page having stored its event. */
export async function awaitTracked(page: Page): Promise<boolean[]> {
  return page.evaluate(async () => {
    await customElements.whenDefined('edge-rerank-track');
    return Promise.all(
      [...document.querySelectorAll('edge-rerank-track')].map((t) => (t as HTMLElement & { recorded: Promise<boolean> }).recorded),
    );
  });
}

export async function exportedEvents(page: Page): Promise<{ itemId: string; type: string; title: string }[]> {
  return page.evaluate(async () => {
    await customElements.whenDefined('edge-rerank');
    const ctor = customElements.get('edge-rerank') as unknown as {
      exportHistory(): Promise<{ events: { itemId: string; type: string; title: string }[] }>;
    };
    return (await ctor.exportHistory()).events;
  });
}

/**
 * The privacy guarantee, checked on both request logs: only GETs without a
 * body, nothing outside the shop's origin (and `otherOrigins`, e.g. a CDN), and no URL
 * carrying a viewed title, a reason, or anything shaped like a vector.
 */
export function assertNothingPrivateSent(shop: Shop, secrets: string[], otherOrigins: string[] = []): void {
  const fromServer = shop.server.requests.map((r) => ({ method: r.method, url: new URL(r.url, shop.url).href, body: r.body }));
  const all = [...fromServer, ...shop.pageRequests.filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'))];
  assert.ok(all.length > 0, 'the request log is empty: the test did not load anything');
  const needles = secrets
    .flatMap((s) => [s, encodeURIComponent(s), s.toLowerCase()])
    .concat(['Because you', 'Often bought with', 'Same brand as'].flatMap((r) => [r, encodeURIComponent(r)]));
  for (const request of all) {
    assert.ok(request.method === 'GET' || request.method === 'HEAD', `${request.method} ${request.url}: the widget never posts`);
    assert.equal(request.body, '', `${request.url} carried a body`);
    assert.ok(
      [shop.url, ...otherOrigins].some((origin) => request.url.startsWith(origin)),
      `${request.url} left the shop's origin`,
    );
    for (const needle of needles) assert.ok(!request.url.includes(needle), `${request.url} carries "${needle}"`);
    assert.doesNotMatch(request.url, /[A-Za-z0-9+/_-]{64,}/, `${request.url} carries something vector-shaped`);
  }
}
