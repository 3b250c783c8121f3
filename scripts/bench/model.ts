// npm run bench:model — the embedded encoder in headless Chromium: first-load
// bytes, load (download + session creation) time, one-query and 64-title batch
// latency, for fp32 and int8 on WASM and on WebGPU; then Google's original
// TF.js USE-lite in the same browser on its fastest available TF.js backend.
// Medians of repeated runs → bench/results/model.json.
// On this machine WebGPU is SwiftShader (a software adapter), not a GPU: the
// results say so; a real GPU gives very different WebGPU numbers.
import { statSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, chromiumPath } from '../../test/support/chromium.ts';
import { startStaticServer, type StaticServer } from '../dev-server/static-server.ts';
import { productTitles } from '../../test/node/model/product-titles.ts';
import { USE_LITE_PACKAGE_DIR } from '../build-model/tfjs-reference.ts';
import { execFileSync } from 'node:child_process';

const ROOT = process.cwd();
const OUT = join(ROOT, 'test/.tmp/bench-model');
const ORT_DIST = join(ROOT, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist');
const RESULTS = join(ROOT, 'bench/results/model.json');
const QUERY = 'nitrile gloves large';
const TITLES = productTitles(64);
const MOUNTS: Record<string, string> = {
  '/models/': join(ROOT, 'public/models'),
  '/ort/': ORT_DIST,
  '/use/': USE_LITE_PACKAGE_DIR,
  '/': OUT,
};

interface Config {
  backend: 'wasm' | 'webgpu';
  dtype: 'fp32' | 'q8';
  /** COOP/COEP page: ORT may use 2 threads (the encoder asks for them). */
  isolated?: boolean;
  loads: number;
  queries: number;
  batches: number;
}

// As the widget does: the plain SIMD ORT build for WASM, asyncify for WebGPU.
const ORT_BUILD = {
  wasm: { mjs: '/ort/ort-wasm-simd-threaded.mjs', wasm: '/ort/ort-wasm-simd-threaded.wasm' },
  webgpu: { mjs: '/ort/ort-wasm-simd-threaded.asyncify.mjs', wasm: '/ort/ort-wasm-simd-threaded.asyncify.wasm' },
};

// SwiftShader WebGPU takes ~0.5 s a text: fewer repeats there.
const CONFIGS: Config[] = [
  { backend: 'wasm', dtype: 'q8', loads: 5, queries: 30, batches: 7 },
  { backend: 'wasm', dtype: 'fp32', loads: 5, queries: 30, batches: 7 },
  { backend: 'wasm', dtype: 'q8', isolated: true, loads: 3, queries: 30, batches: 7 },
  { backend: 'webgpu', dtype: 'q8', loads: 3, queries: 5, batches: 3 },
  { backend: 'webgpu', dtype: 'fp32', loads: 3, queries: 5, batches: 3 },
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return +(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2).toFixed(2);
};

function fileFor(urlPath: string): string | undefined {
  const prefix = Object.keys(MOUNTS)
    .sort((a, b) => b.length - a.length)
    .find((p) => urlPath.startsWith(p));
  return prefix === undefined ? undefined : join(MOUNTS[prefix]!, decodeURIComponent(urlPath.slice(prefix.length)));
}

const gzipCache = new Map<string, number>();
function bytesOf(paths: string[]): { raw: number; gzip: number; files: string[] } {
  let raw = 0;
  let gzip = 0;
  const files: string[] = [];
  for (const p of new Set(paths)) {
    const file = fileFor(p);
    if (!file) continue;
    try {
      raw += statSync(file).size;
    } catch {
      continue;
    }
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file), { level: 6 }).length);
    gzip += gzipCache.get(file)!;
    files.push(p);
  }
  return { raw, gzip, files };
}

async function bundle(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'scripts/bench/model/encoder-bench-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(OUT, 'encoder-worker.js'),
    logLevel: 'error',
  });
  await build({
    entryPoints: [join(ROOT, 'scripts/bench/model/tfjs-use-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(OUT, 'tfjs-use.js'),
    logLevel: 'error',
    // one TF.js: the tokenizer file would otherwise pull an old tfjs-core
    alias: { '@tensorflow/tfjs-core': join(ROOT, 'node_modules/@tensorflow/tfjs/node_modules/@tensorflow/tfjs-core') },
  });
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><title>bench</title>');
  writeFileSync(join(OUT, 'tfjs.html'), '<!doctype html><title>tfjs</title><script type="module" src="/tfjs-use.js"></script>');
}

type Reply = { ms: number; error?: string; timings?: Record<string, number> };

async function workerCall(page: Page, message: object): Promise<Reply> {
  const reply = await page.evaluate((msg) => {
    const w = (globalThis as unknown as { benchWorker: Worker }).benchWorker;
    return new Promise<Reply>((resolve) => {
      w.onmessage = (e: MessageEvent<Reply>) => resolve(e.data);
      w.postMessage(msg);
    });
  }, message);
  if (reply.error) throw new Error(reply.error);
  return reply;
}

async function newWorker(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as { benchWorker?: Worker };
    g.benchWorker?.terminate();
    g.benchWorker = new Worker('/encoder-worker.js', { type: 'module' });
  });
}

async function benchEncoder(browser: Browser, server: StaticServer, c: Config): Promise<object> {
  // A fresh context: empty Cache API, so the first load really downloads.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  const firstRequest = server.requests.length;
  const options = { model: '/models/default/', device: c.backend, dtype: c.dtype, wasmPaths: ORT_BUILD[c.backend] };
  const loadMs: number[] = [];
  const sessionMs: number[] = [];
  let coldTimings: Record<string, number> | undefined;
  for (let i = 0; i < c.loads; i++) {
    await newWorker(page);
    const reply = await workerCall(page, { op: 'load', options });
    loadMs.push(reply.ms);
    if (i === 0) coldTimings = reply.timings;
    else if (reply.timings?.sessionMs !== undefined) sessionMs.push(reply.timings.sessionMs);
  }
  // once more in the same worker: ORT is initialised, so this is the session alone
  const again = await workerCall(page, { op: 'load', options });
  const firstLoad = bytesOf(
    server.requests
      .slice(firstRequest)
      .map((r) => new URL(r.url, server.url).pathname)
      .filter((p) => p.startsWith('/models/') || p.startsWith('/ort/')),
  );
  await workerCall(page, { op: 'embed', texts: [QUERY] }); // warm-up
  const queryMs: number[] = [];
  for (let i = 0; i < c.queries; i++) queryMs.push((await workerCall(page, { op: 'embed', texts: [QUERY] })).ms);
  const batchMs: number[] = [];
  for (let i = 0; i < c.batches; i++) batchMs.push((await workerCall(page, { op: 'embed', texts: TITLES })).ms);
  await context.close();
  const result = {
    backend: c.backend,
    dtype: c.dtype,
    threads: c.isolated ? 2 : 1,
    firstLoadBytes: {
      total: { raw: firstLoad.raw, gzip: firstLoad.gzip },
      model: (({ raw, gzip }) => ({ raw, gzip }))(bytesOf(firstLoad.files.filter((f) => f.startsWith('/models/')))),
      ortRuntime: (({ raw, gzip }) => ({ raw, gzip }))(bytesOf(firstLoad.files.filter((f) => f.startsWith('/ort/')))),
      files: firstLoad.files,
    },
    loadColdMs: +loadMs[0]!.toFixed(1),
    loadColdBreakdownMs: coldTimings,
    loadWarmMsMedian: median(loadMs.slice(1)),
    // new worker each time: includes compiling ORT's wasm for the first session
    sessionCreationWarmMsMedian: median(sessionMs),
    sessionCreationSameWorkerMs: again.timings?.sessionMs,
    queryMsMedian: median(queryMs),
    batch64MsMedian: median(batchMs),
    runs: { loads: c.loads, queries: c.queries, batches: c.batches },
  };
  console.log(
    `[bench:model] ${c.backend} ${c.dtype}${c.isolated ? ' 2 threads' : ''}: load ${result.loadColdMs} ms cold / ${result.loadWarmMsMedian} ms warm (session ${result.sessionCreationWarmMsMedian} ms in a new worker, ${result.sessionCreationSameWorkerMs} ms in the same), query ${result.queryMsMedian} ms, 64 titles ${result.batch64MsMedian} ms`,
  );
  return result;
}

async function benchTfjs(
  browser: Browser,
  server: StaticServer,
  backend: string,
  repeats: { queries: number; batches: number },
): Promise<object> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL('/tfjs.html', server.url).href);
  await page.waitForFunction(() => 'useLite' in globalThis);
  const firstRequest = server.requests.length;
  type Api = { load(b: string): Promise<{ ms: number; backend: string }>; embed(t: string[]): Promise<{ ms: number }> };
  try {
    const loaded = await page.evaluate((b) => (globalThis as unknown as { useLite: Api }).useLite.load(b), backend);
    const bytes = bytesOf(
      server.requests
        .slice(firstRequest)
        .map((r) => new URL(r.url, server.url).pathname)
        .filter((p) => p.startsWith('/use/')),
    );
    const embed = (texts: string[]) => page.evaluate((t) => (globalThis as unknown as { useLite: Api }).useLite.embed(t), texts);
    await embed([QUERY]);
    const queryMs: number[] = [];
    for (let i = 0; i < repeats.queries; i++) queryMs.push((await embed([QUERY])).ms);
    const batchMs: number[] = [];
    for (let i = 0; i < repeats.batches; i++) batchMs.push((await embed(TITLES)).ms);
    const result = {
      backend: loaded.backend,
      firstLoadBytes: { model: { raw: bytes.raw, gzip: bytes.gzip } },
      loadMs: +loaded.ms.toFixed(1),
      queryMsMedian: median(queryMs),
      batch64MsMedian: median(batchMs),
      runs: repeats,
    };
    console.log(
      `[bench:model] TF.js USE-lite on ${loaded.backend}: load ${result.loadMs} ms, query ${result.queryMsMedian} ms, 64 titles ${result.batch64MsMedian} ms`,
    );
    return result;
  } catch (err) {
    console.log(`[bench:model] TF.js backend ${backend}: unavailable (${(err as Error).message})`);
    return { backend, unavailable: (err as Error).message };
  } finally {
    await context.close();
  }
}

async function adapterInfo(browser: Browser, server: StaticServer): Promise<object> {
  const page = await browser.newPage();
  await page.goto(server.url);
  const info = await page.evaluate(async () => {
    const gpu = (
      navigator as unknown as {
        gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> };
      }
    ).gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return { available: false };
    const i = adapter.info ?? {};
    return {
      available: true,
      vendor: i.vendor,
      architecture: i.architecture,
      description: i.description,
      isFallbackAdapter: i.isFallbackAdapter ?? adapter.isFallbackAdapter,
    };
  });
  await page.close();
  return info;
}

await bundle();
const loadBefore = loadavg();
const server = await startStaticServer({ mounts: MOUNTS });
const isolatedServer = await startStaticServer({ mounts: MOUNTS, crossOriginIsolated: true });
const browser = await launchChromium({ webgpu: true });
try {
  const webgpuAdapter = await adapterInfo(browser, server);
  const encoder = [];
  for (const c of CONFIGS) encoder.push(await benchEncoder(browser, c.isolated ? isolatedServer : server, c));
  const tfjs = [];
  for (const backend of ['webgl', 'cpu'])
    tfjs.push(await benchTfjs(browser, server, backend, backend === 'cpu' ? { queries: 5, batches: 2 } : { queries: 15, batches: 3 }));
  const usable = tfjs.filter((t): t is { backend: string; queryMsMedian: number; batch64MsMedian: number } => 'queryMsMedian' in t);
  const fastest = usable.sort((a, b) => a.batch64MsMedian - b.batch64MsMedian)[0];
  const ours = encoder[0] as { queryMsMedian: number; batch64MsMedian: number };
  const results = {
    command: 'npm run bench:model',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      chromium: execFileSync(chromiumPath(), ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
      // other work on the machine skews every number: recorded, not hidden
      loadAverage1mBeforeAfter: [+loadBefore[0]!.toFixed(2), +loadavg()[0]!.toFixed(2)],
    },
    note: 'Headless Chromium. WASM: plain SIMD ORT build, one thread unless threads = 2 (COOP/COEP page). WebGPU: asyncify build. WebGPU here is SwiftShader, a software adapter on the CPU, not a GPU: its numbers say nothing about real GPUs. Bytes: model files and the ORT wasm; neither side counts its JS library (transformers.js / TF.js bundles). Load = download from localhost + session creation (cold: empty Cache API; warm: files from the Cache API, i.e. mostly session creation).',
    webgpuAdapter,
    query: QUERY,
    batch: '64 product titles (test/node/model/product-titles.ts)',
    encoder,
    tfjsUseLite: tfjs,
    ratioTfjsFastestOverOursWasmInt8: fastest
      ? {
          tfjsBackend: fastest.backend,
          query: +(fastest.queryMsMedian / ours.queryMsMedian).toFixed(2),
          batch64: +(fastest.batch64MsMedian / ours.batch64MsMedian).toFixed(2),
        }
      : null,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`[bench:model] wrote ${RESULTS}`);
} finally {
  await browser.close();
  await server.close();
  await isolatedServer.close();
}
