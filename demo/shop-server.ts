// The demo shop's HTTP server: search and product pages rendered on the
// server (like a real shop), the widget's dist/, the embedded model, an
// optional demo index and the shop's static files. 127.0.0.1 only; every
// file is local, so the demo runs offline.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { startStaticServer, type StaticServer } from '../scripts/dev-server/static-server.ts';
import { generateCatalog, type DemoProduct } from './catalog/generate-catalog.ts';
import { Bm25Index } from './search/bm25.ts';
import { searchPage } from './pages/search-page.ts';
import { notFoundPage, productPage } from './pages/product-page.ts';
import { historyPage } from './pages/history-page.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoShopOptions {
  port?: number;
  /** Results per search (the list <edge-rerank> reorders). */
  resultCount?: number;
  /** Folder holding dist/ (default: the repository root). */
  root?: string;
}

export interface DemoShop extends StaticServer {
  catalog: DemoProduct[];
  /** Whether a demo index was found and is passed to the widget. */
  hasIndex: boolean;
}

/** Where `npx edge-rerank-index build` writes the demo index (gitignored). */
export const DEMO_INDEX_DIR = join(root, 'demo/public/generated/index');
export const DEMO_MODEL_URL = '/models/default/';

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  const base = options.root ?? root;
  const catalog = generateCatalog();
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const search = new Bm25Index(
    catalog.map((p) => ({
      id: p.id,
      fields: [
        { text: p.title, weight: 3 },
        { text: `${p.category} ${p.brand}`, weight: 2 },
        { text: p.description, weight: 1 },
      ],
    })),
  );
  const hasIndex = existsSync(join(DEMO_INDEX_DIR, 'manifest.json'));
  const resultCount = options.resultCount ?? 20;

  const mounts: Record<string, string> = {
    '/dist/': join(base, 'dist'),
    '/models/': join(base, 'public/models'),
    '/static/': join(root, 'demo/public'),
  };
  if (hasIndex) mounts['/index/'] = DEMO_INDEX_DIR;

  const server = await startStaticServer({
    port: options.port ?? 0,
    mounts,
    routes: {
      '/': (req, res) => {
        const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('q') ?? '';
        const results = search.search(query, resultCount).map((hit) => byId.get(hit.id)!);
        sendHtml(res, 200, searchPage({ query, results, model: DEMO_MODEL_URL, index: hasIndex ? '/index/' : undefined }));
      },
      '/product': (req, res) => {
        const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
        const id = params.get('id') ?? '';
        const product = byId.get(id);
        if (!product) return sendHtml(res, 404, notFoundPage(id));
        sendHtml(res, 200, productPage(product, params.get('q') ?? ''));
      },
      '/history': (_req, res) => sendHtml(res, 200, historyPage()),
      '/api/search': (req, res) => {
        // The same ranking as JSON, for scripts and tests that want the server's order.
        const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('q') ?? '';
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(search.search(query, resultCount)));
      },
    },
  });
  return { ...server, catalog, hasIndex };
}
