// Serves the real HistoryStore, bundled by esbuild, to a real Chromium page
// (and a Web Worker) on 127.0.0.1. Tests drive it with page.evaluate and read
// the page's globals through the `Edge` type below.
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';
import type { HistoryStore } from '../../../src/history/history-store.ts';
import type { EdgeRerankError } from '../../../src/errors.ts';

/** What the test bundle puts on globalThis.edge. */
export interface Edge {
  HistoryStore: typeof HistoryStore;
  EdgeRerankError: typeof EdgeRerankError;
  SCHEMA_VERSION: number;
}

const PAGE_ENTRY = `
import { HistoryStore } from './src/history/history-store.ts';
import { SCHEMA_VERSION } from './src/history/migrations.ts';
import { EdgeRerankError } from './src/errors.ts';
globalThis.edge = { HistoryStore, EdgeRerankError, SCHEMA_VERSION };
`;

// The worker answers one message: records an event and reports what it reads back.
const WORKER_ENTRY = `
import { HistoryStore } from './src/history/history-store.ts';
self.onmessage = async ({ data }) => {
  try {
    const store = await HistoryStore.open({ dbName: data.dbName });
    await store.addEvent(data.event);
    await store.putVectors('m', new Map([[data.event.itemId, new Float32Array([0.6, 0.8])]]));
    const events = await store.recentEvents();
    const vectors = await store.getVectors('m', [data.event.itemId]);
    store.close();
    self.postMessage({ events, vector: [...(vectors.get(data.event.itemId) ?? [])] });
  } catch (err) {
    self.postMessage({ error: { code: err.code, message: err.message } });
  }
};
`;

async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface HistoryHarness {
  server: StaticServer;
  browser: Browser;
  /** A new tab on the test page, with globalThis.edge ready. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startHistoryHarness(): Promise<HistoryHarness> {
  const [pageJs, workerJs] = await Promise.all([bundle(PAGE_ENTRY), bundle(WORKER_ENTRY)]);
  const js = (source: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(source);
  };
  const server = await startStaticServer({
    mounts: {},
    routes: {
      '/': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>history</title><script type="module" src="/history.js"></script>');
      },
      '/history.js': js(pageJs),
      '/history-worker.js': js(workerJs),
    },
  });
  const browser = await launchChromium();
  const context = await browser.newContext();
  // tsx compiles these test files with keepNames, so functions passed to
  // page.evaluate may call esbuild's __name helper, which the page lacks.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  return {
    server,
    browser,
    async newPage() {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => 'edge' in globalThis);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

let counter = 0;
/** A database name no other test uses, so tests never see each other's data. */
export function freshDbName(label: string): string {
  counter += 1;
  return `edge-rerank-test-${label}-${counter}-${Date.now()}`;
}
