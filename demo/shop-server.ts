// The demo shop's HTTP server: home, search, product, cart and privacy pages
// rendered on the server (like a real shop), the widget's dist/, the embedded
// model, the demo index and the shop's own files, plus a live log of every
// request it answered. 127.0.0.1 only; every file is local, so the demo runs offline.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startStaticServer, type StaticServer } from '../scripts/dev-server/static-server.ts';
import type { DemoProduct } from './catalog/generate-catalog.ts';
import { ProductSearch } from './search/product-search.ts';
import { demoData, type DemoData } from './server/demo-data.ts';
import { ensureDemoIndex, type DemoIndex } from './server/demo-index.ts';
import { REQUEST_LOG_PATH, RequestLog } from './server/request-log.ts';
import { bundleClient } from './server/client-bundle.ts';
import { homePage } from './pages/home-page.ts';
import { searchPage } from './pages/search-page.ts';
import { notFoundPage, productPage } from './pages/product-page.ts';
import { cartPage } from './pages/cart-page.ts';
import { privacyPage } from './pages/privacy-page.ts';
import type { PageContext } from './pages/layout.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoShopOptions {
  port?: number;
  /** Results per search (the list <edge-rerank> reorders). */
  resultCount?: number;
  /** Folder holding dist/ and public/models/ (default: the repository root). */
  root?: string;
  /** Where the generated catalog, log and index go (default demo/public/generated). */
  generatedDir?: string;
  /** false: serve without an index (vectors embedded on the device). */
  index?: boolean;
  /** Progress lines while starting (the index build). */
  log?: (line: string) => void;
}

export interface DemoShop extends StaticServer {
  data: DemoData;
  catalog: DemoProduct[];
  /** The demo index, when one is served at /index/. */
  index: DemoIndex | null;
}

export const DEFAULT_GENERATED_DIR = join(root, 'demo/public/generated');
export const DEMO_MODEL_URL = '/models/default/';
export const DEMO_INDEX_URL = '/index/';

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const html = (res: ServerResponse, status: number, page: string) => send(res, status, 'text/html; charset=utf-8', page);
const params = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;

export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  const base = options.root ?? root;
  const data = demoData();
  const search = new ProductSearch(data.catalog, data.sales);
  const index = options.index === false ? null : await ensureDemoIndex(options.generatedDir ?? DEFAULT_GENERATED_DIR, data, options.log);
  const clientScript = await bundleClient();
  const resultCount = options.resultCount ?? 20;
  const log = new RequestLog();

  const context = (): PageContext => ({
    // The navigation being answered is the newest request: the page's log starts there.
    requestSeq: server.requests.length - 1,
    personas: data.personas,
    hasIndex: index !== null,
  });

  const mounts: Record<string, string> = {
    '/dist/': join(base, 'dist'),
    '/models/': join(base, 'public/models'),
    '/static/': join(root, 'demo/public'),
  };
  if (index) mounts[DEMO_INDEX_URL] = index.dir;

  // Routes and the log run on requests, after `server` is set.
  const server: StaticServer = await startStaticServer({
    port: options.port ?? 0,
    mounts,
    onResponse: (record) => log.answered(record, server.requests.indexOf(record)),
    routes: {
      '/': (_req, res) => html(res, 200, homePage(context())),
      '/search': (req, res) => {
        const query = params(req).get('q') ?? '';
        const results = search.search(query, resultCount).map((hit) => data.byId.get(hit.id)!);
        html(res, 200, searchPage(context(), { query, results, model: DEMO_MODEL_URL, index: index ? DEMO_INDEX_URL : undefined }));
      },
      '/product': (req, res) => {
        const id = params(req).get('id') ?? '';
        const product = data.byId.get(id);
        if (!product) return html(res, 404, notFoundPage(context(), id));
        html(res, 200, productPage(context(), product, params(req).get('q') ?? ''));
      },
      '/cart': (_req, res) => html(res, 200, cartPage(context())),
      '/privacy': (_req, res) => html(res, 200, privacyPage(context())),
      '/static/app.js': (_req, res) => send(res, 200, 'text/javascript; charset=utf-8', clientScript),
      '/api/search': (req, res) => {
        // The same ranking as JSON, for scripts and tests that want the server's order.
        send(res, 200, 'application/json; charset=utf-8', JSON.stringify(search.search(params(req).get('q') ?? '', resultCount)));
      },
      [REQUEST_LOG_PATH]: (req, res) => log.stream(req, res),
    },
  });
  return { ...server, data, catalog: data.catalog, index };
}
