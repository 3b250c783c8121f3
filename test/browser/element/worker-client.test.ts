// The worker client on its own, in real Chromium with the real built worker
// and the real model: typed errors keep their code across the thread
// boundary, downloads are reported as {file, loaded, total}, and history
// changes are heard. The client is bundled from source next to dist/'s worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { MODELS, WORKER_FILE, startShop, type Shop } from './shop-harness.ts';
import { PLAIN_DIST_FILES } from '../../../src/worker/dist-files.ts';
import type { WorkerClient } from '../../../src/element/worker-client.ts';
import type { LoadProgress } from '../../../src/worker/api.ts';

let shop: Shop;
let page: Page;

const ENTRY = `
import { workerClient } from './src/element/worker-client.ts';
import { EdgeRerankError } from './src/errors.ts';
globalThis.client = { workerClient, EdgeRerankError };
`;

interface Client {
  workerClient: WorkerClient;
  EdgeRerankError: new (...args: never[]) => Error;
}

before(async () => {
  const bundled = await build({
    stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'client-entry.ts' },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    // The built worker's content-hashed name, as the dist build tells the widget.
    define: { EDGE_RERANK_DIST_FILES: JSON.stringify({ ...PLAIN_DIST_FILES, worker: WORKER_FILE }) },
  });
  shop = await startShop();
  // Served beside the built worker, so the client finds it as the widget does.
  shop.route('/dist/client-under-test.js', (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
    res.end(bundled.outputFiles[0]!.text);
  });
  shop.page('/client', '<!doctype html><title>client</title><script type="module" src="/dist/client-under-test.js"></script>');
  page = await shop.newPage();
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.goto(new URL('/client', shop.url).href);
  await page.waitForFunction(() => 'client' in globalThis);
});

after(async () => {
  await shop?.close();
});

test('an error thrown in the worker arrives as an EdgeRerankError with its code', async () => {
  const caught = await page.evaluate(async () => {
    const { workerClient, EdgeRerankError } = (globalThis as unknown as { client: Client }).client;
    try {
      await workerClient.track({ itemId: '', type: 'view', title: 'no id' });
      return null;
    } catch (err) {
      return { isEdgeError: err instanceof EdgeRerankError, code: (err as { code?: string }).code, message: (err as Error).message };
    }
  });
  assert.deepEqual(caught, { isEdgeError: true, code: 'input', message: 'history event needs a non-empty itemId' });
});

test(
  'model downloads are reported as {file, loaded, total}, ending at each file size; a forget is heard',
  { timeout: 120_000 },
  async () => {
    const result = await page.evaluate(async (model) => {
      const { workerClient } = (globalThis as unknown as { client: Client }).client;
      const progress: LoadProgress[] = [];
      const changes: string[] = [];
      const stopProgress = workerClient.onProgress((p) => progress.push(p));
      const stopChanges = workerClient.onHistoryChange((c) => changes.push(c.kind));
      await workerClient.track({ itemId: 'tent', type: 'view', title: 'Ridge tent' });
      const response = await workerClient.rerank({
        query: 'tent',
        // With categories and no index the list is in the no-log situation,
        // whose fitted model reads content vectors: the model loads.
        candidates: [
          { id: 'a', serverRank: 0, title: 'Stove', category: 'Stoves' },
          { id: 'b', serverRank: 1, title: 'Tent pegs', category: 'Tents' },
        ],
        model,
        index: null,
        device: 'wasm',
        strength: 1,
        maxDisplacement: 4,
      });
      const until = async (done: () => boolean) => {
        while (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
      };
      // The report of a file's last chunk may still be on its way.
      const complete = (name: string) => progress.some((p) => p.file.endsWith(name) && p.total > 0 && p.loaded === p.total);
      // On WASM the worker computes with the integer-arithmetic file (src/worker/encoder-host.ts).
      await until(() => complete('/onnx/model_int8.onnx') && complete('/tokenizer.json'));
      await workerClient.forget();
      await until(() => changes.includes('forgotten'));
      stopProgress();
      stopChanges();
      return { progress, changes, embedded: response.embedded, rankingId: response.rankingId };
    }, new URL('/models/default/', shop.url).href);

    assert.ok(result.embedded > 0, 'the model was used');
    assert.equal(typeof result.rankingId, 'string');
    for (const file of ['onnx/model_int8.onnx', 'tokenizer.json']) {
      const reports = result.progress.filter((p) => p.file.endsWith(`/models/default/${file}`));
      assert.ok(reports.length > 0, `no progress for ${file}`);
      const size = statSync(join(MODELS, 'default', file)).size;
      assert.deepEqual(reports.at(-1), { file: reports[0]!.file, loaded: size, total: size }, `${file} ends complete`);
      for (const [i, p] of reports.entries()) {
        assert.ok(p.total === 0 || p.loaded <= p.total, JSON.stringify(p));
        if (i > 0) assert.ok(p.loaded >= reports[i - 1]!.loaded, 'loaded never goes back');
      }
    }
    assert.deepEqual(result.changes, ['recorded', 'forgotten']);
  },
);
