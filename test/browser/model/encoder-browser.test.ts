// The built int8 model in a real module worker in Chromium: WASM, and WebGPU
// (SwiftShader here: real but slow, so two sentences), against the same
// encoder in Node. Every request stays on the page's origin.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { launchChromium } from '../../support/chromium.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';
import { cosine } from '../../../src/vector/dot.ts';

const ROOT = process.cwd();
const OUT = join(ROOT, 'test/.tmp/model-browser');
// transformers.js's own onnxruntime-web (never a second runtime: docs/PLATFORM-NOTES.md).
const ORT_DIST = join(ROOT, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist');
const TEXTS = ['trail running shoes', 'Nitrile exam gloves, powder-free, size L', ''];

interface Reply {
  vectors?: Float32Array;
  dim?: number;
  modelSha256?: string;
  device?: string;
  arithmetic?: string;
  error?: { code: string; message: string };
}

let server: StaticServer;
let nodeVectors: Float32Array;
let nodeInt8Vectors: Float32Array;
let nodeSha = '';

before(async () => {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'test/browser/model/encoder-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(OUT, 'worker.js'),
    logLevel: 'error',
  });
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><title>encoder</title>');
  // The default model with one tokenizer entry changed: valid JSON, not the file config.json records.
  const edited = join(OUT, 'edited-model');
  mkdirSync(join(edited, 'onnx'), { recursive: true });
  for (const f of ['config.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'])
    copyFileSync(join(ROOT, 'public/models/default', f), join(edited, f));
  const tokenizer = JSON.parse(readFileSync(join(ROOT, 'public/models/default/tokenizer.json'), 'utf8')) as {
    model: { vocab: [string, number][] };
  };
  tokenizer.model.vocab[100]![1] += 1;
  writeFileSync(join(edited, 'tokenizer.json'), JSON.stringify(tokenizer));
  server = await startStaticServer({
    mounts: { '/': OUT, '/models/': join(ROOT, 'public/models'), '/ort/': ORT_DIST },
  });
  const encoder = await loadEncoder({ model: join(ROOT, 'public/models/default'), device: 'cpu', dtype: 'q8' });
  nodeVectors = await encoder.embed(TEXTS);
  nodeSha = encoder.modelSha256;
  await encoder.dispose();
  const int8 = await loadEncoder({ model: join(ROOT, 'public/models/default'), device: 'cpu', dtype: 'q8', arithmetic: 'int8' });
  nodeInt8Vectors = await int8.embed(TEXTS);
  await int8.dispose();
});

after(async () => {
  await server?.close();
});

async function embedInWorker(page: Page, request: object): Promise<Reply> {
  return page.evaluate(
    (req) =>
      new Promise<Reply>((resolve) => {
        const worker = new Worker('/worker.js', { type: 'module' });
        worker.onmessage = (e: MessageEvent<Reply>) => {
          worker.terminate();
          resolve(e.data);
        };
        worker.onerror = (e) => resolve({ error: { code: 'worker', message: e.message } });
        worker.postMessage(req);
      }),
    request,
  );
}

async function withPage<T>(browser: Browser, fn: (page: Page, offOrigin: string[]) => Promise<T>): Promise<T> {
  const page = await browser.newPage();
  const offOrigin: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) offOrigin.push(r.url());
  });
  await page.goto(server.url);
  try {
    return await fn(page, offOrigin);
  } finally {
    await page.close();
  }
}

test('WASM worker: int8 vectors match Node (cosine ≥ 0.999), same sha256, nothing leaves the origin, a reload downloads no model', async () => {
  const browser = await launchChromium();
  try {
    await withPage(browser, async (page, offOrigin) => {
      const request = { model: '/models/default/', device: 'wasm', dtype: 'q8', wasmPaths: '/ort/', texts: TEXTS };
      const reply = await embedInWorker(page, request);
      assert.equal(reply.error, undefined, JSON.stringify(reply.error));
      assert.equal(reply.device, 'wasm');
      assert.equal(reply.dim, 512);
      assert.equal(reply.modelSha256, nodeSha);
      const vectors = new Float32Array(reply.vectors!);
      TEXTS.forEach((text, i) => {
        const c = cosine(vectors.subarray(i * 512, (i + 1) * 512), nodeVectors.subarray(i * 512, (i + 1) * 512));
        assert.ok(c >= 0.999, `${JSON.stringify(text)}: cosine ${c}`);
      });
      assert.deepEqual(offOrigin, []);

      const modelRequests = () => server.requests.filter((r) => r.url.endsWith('/onnx/model_quantized.onnx')).length;
      const before = modelRequests();
      assert.ok(before >= 1);
      const again = await embedInWorker(page, request);
      assert.equal(again.error, undefined, JSON.stringify(again.error));
      assert.equal(modelRequests(), before, 'the second load read the model from the Cache API');
    });
  } finally {
    await browser.close();
  }
});

test('WASM worker in integer arithmetic (as the widget runs it): matches Node in the same arithmetic (cosine ≥ 0.9999) and float (≥ 0.999), the q8 identity, a reload downloads no model', async () => {
  const browser = await launchChromium();
  try {
    await withPage(browser, async (page, offOrigin) => {
      const request = { model: '/models/default/', device: 'wasm', dtype: 'q8', arithmetic: 'int8', wasmPaths: '/ort/', texts: TEXTS };
      const first = server.requests.length;
      const reply = await embedInWorker(page, request);
      assert.equal(reply.error, undefined, JSON.stringify(reply.error));
      assert.equal(reply.arithmetic, 'int8');
      assert.equal(reply.modelSha256, nodeSha);
      const vectors = new Float32Array(reply.vectors!);
      TEXTS.forEach((text, i) => {
        const row = vectors.subarray(i * 512, (i + 1) * 512);
        const same = cosine(row, nodeInt8Vectors.subarray(i * 512, (i + 1) * 512));
        const float = cosine(row, nodeVectors.subarray(i * 512, (i + 1) * 512));
        assert.ok(same >= 0.9999, `${JSON.stringify(text)}: cosine ${same} to Node's integer arithmetic`);
        assert.ok(float >= 0.999, `${JSON.stringify(text)}: cosine ${float} to Node's float arithmetic`);
      });
      assert.deepEqual(offOrigin, []);
      const modelRequests = () =>
        server.requests
          .slice(first)
          .filter((r) => r.url.includes('/models/default/onnx/'))
          .map((r) => r.url);
      assert.deepEqual(modelRequests(), ['/models/default/onnx/model_int8.onnx'], 'only the integer-arithmetic file is fetched');
      const again = await embedInWorker(page, request);
      assert.equal(again.error, undefined, JSON.stringify(again.error));
      assert.equal(modelRequests().length, 1, 'the second load read the model from the Cache API');
    });
  } finally {
    await browser.close();
  }
});

test('WASM worker: a missing model folder is a model-load error naming the file', async () => {
  const browser = await launchChromium();
  try {
    await withPage(browser, async (page) => {
      const reply = await embedInWorker(page, { model: '/models/missing/', device: 'wasm', dtype: 'q8', wasmPaths: '/ort/', texts: ['x'] });
      assert.equal(reply.error?.code, 'model-load');
      assert.match(reply.error!.message, /\/models\/missing\/config\.json: not found \(HTTP 404\)/);
    });
  } finally {
    await browser.close();
  }
});

test('WASM worker: a tokenizer.json that is not the one config.json records is a model-load error naming it', async () => {
  const browser = await launchChromium();
  try {
    await withPage(browser, async (page) => {
      const reply = await embedInWorker(page, { model: '/edited-model/', device: 'wasm', dtype: 'q8', wasmPaths: '/ort/', texts: ['x'] });
      assert.equal(reply.error?.code, 'model-load');
      assert.match(
        reply.error!.message,
        /\/edited-model\/tokenizer\.json: sha256 [0-9a-f]{64} does not match [0-9a-f]{64} recorded in \/edited-model\/config\.json/,
      );
    });
  } finally {
    await browser.close();
  }
});

test('WebGPU worker (SwiftShader): int8 vectors of two sentences match Node (cosine ≥ 0.999)', async () => {
  const browser = await launchChromium({ webgpu: true });
  try {
    await withPage(browser, async (page, offOrigin) => {
      const hasAdapter = await page.evaluate(
        async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()),
      );
      assert.ok(hasAdapter, 'Chromium offers a WebGPU adapter');
      const texts = TEXTS.slice(0, 2);
      const reply = await embedInWorker(page, { model: '/models/default/', device: 'webgpu', dtype: 'q8', wasmPaths: '/ort/', texts });
      assert.equal(reply.error, undefined, JSON.stringify(reply.error));
      assert.equal(reply.device, 'webgpu');
      const vectors = new Float32Array(reply.vectors!);
      texts.forEach((text, i) => {
        const c = cosine(vectors.subarray(i * 512, (i + 1) * 512), nodeVectors.subarray(i * 512, (i + 1) * 512));
        assert.ok(c >= 0.999, `${JSON.stringify(text)}: cosine ${c}`);
      });
      assert.deepEqual(offOrigin, []);
    });
  } finally {
    await browser.close();
  }
});
