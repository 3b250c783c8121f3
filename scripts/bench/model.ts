// npm run bench:model — the embedded encoder against its fair peer, Google's
// USE-lite as the original TF.js graph on TF.js's WebAssembly backend, in one
// headless Chromium run: 1 thread, and 2 threads on a cross-origin-isolated
// page. Each system runs in a module worker; each round opens a fresh page
// and worker for every system in turn (the order rotates), with warm caches (a
// returning shopper's profile: HTTP cache, Cache API, compiled-code cache).
// Medians → bench/results/model.json, with the ratios per metric.
//
//   --rounds N      measured rounds (default 9)
//   --wait-quiet    wait (up to 20 min) for a 1-minute load average < 1.5 first
//   --pure-js       add TF.js's pure-JavaScript cpu backend (labelled as such)
//   --webgpu        add the encoder on WebGPU (SwiftShader here: not a GPU)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumPath } from '../../test/support/chromium.ts';
import { productTitles } from '../../test/node/model/product-titles.ts';
import { startStaticServer, type StaticServer } from '../dev-server/static-server.ts';
import { USE_LITE_PACKAGE_DIR } from '../build-model/tfjs-reference.ts';
import { totalSizes } from './model/bytes.ts';
import { runRound, type RoundResult } from './model/round.ts';
import { median, round, speedup } from './model/stats.ts';

const ROOT = process.cwd();
const OUT = join(ROOT, 'test/.tmp/bench-model');
const RESULTS = join(ROOT, 'bench/results/model.json');
const arg = (name: string) => process.argv.includes(name);
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 9;
const QUERY = 'powder free nitrile gloves large';
const TITLES = productTitles(64);
const MOUNTS: Record<string, string> = {
  '/models/': join(ROOT, 'public/models'),
  // transformers.js's own onnxruntime-web (one runtime: docs/PLATFORM-NOTES.md).
  '/ort/': join(ROOT, 'node_modules/@huggingface/transformers/node_modules/onnxruntime-web/dist'),
  '/use/': USE_LITE_PACKAGE_DIR,
  '/tfwasm/': join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'),
  '/': OUT,
};

interface System {
  id: string;
  label: string;
  worker: '/encoder-worker.js' | '/tfjs-worker.js';
  backend: 'wasm' | 'webgpu' | 'cpu';
  threads: 1 | 2;
  queries: number;
  batches: number;
}

const SYSTEMS: System[] = [
  {
    id: 'encoder-wasm-1t',
    label: 'edge-rerank encoder (ORT WASM, int8)',
    worker: '/encoder-worker.js',
    backend: 'wasm',
    threads: 1,
    queries: 20,
    batches: 3,
  },
  {
    id: 'tfjs-wasm-1t',
    label: 'TF.js 4.22 USE-lite, wasm backend (SIMD)',
    worker: '/tfjs-worker.js',
    backend: 'wasm',
    threads: 1,
    queries: 20,
    batches: 3,
  },
  {
    // On the COOP/COEP page the widget chooses its own thread count (src/model/wasm-threads.ts): `loaded.threads`.
    id: 'encoder-wasm-2t',
    label: "edge-rerank encoder (ORT WASM, int8), cross-origin-isolated page: the widget's thread count",
    worker: '/encoder-worker.js',
    backend: 'wasm',
    threads: 2,
    queries: 20,
    batches: 3,
  },
  {
    id: 'tfjs-wasm-2t',
    label: 'TF.js 4.22 USE-lite, wasm backend (SIMD)',
    worker: '/tfjs-worker.js',
    backend: 'wasm',
    threads: 2,
    queries: 20,
    batches: 3,
  },
  ...(arg('--pure-js')
    ? [
        {
          id: 'tfjs-cpu',
          label: "TF.js 4.22 USE-lite, pure-JavaScript cpu backend (not TF.js's fast path)",
          worker: '/tfjs-worker.js',
          backend: 'cpu',
          threads: 1,
          queries: 5,
          batches: 1,
        } as const,
      ]
    : []),
  ...(arg('--webgpu')
    ? [
        {
          id: 'encoder-webgpu',
          label: 'edge-rerank encoder (ORT WebGPU on SwiftShader: a CPU, not a GPU)',
          worker: '/encoder-worker.js',
          backend: 'webgpu',
          threads: 1,
          queries: 3,
          batches: 1,
        } as const,
      ]
    : []),
];

async function bundle(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const common = { bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, logLevel: 'error' } as const;
  await build({
    ...common,
    entryPoints: [join(ROOT, 'scripts/bench/model/encoder-bench-worker.ts')],
    outfile: join(OUT, 'encoder-worker.js'),
  });
  await build({ ...common, entryPoints: [join(ROOT, 'scripts/bench/model/tfjs-use-worker.ts')], outfile: join(OUT, 'tfjs-worker.js') });
  writeFileSync(join(OUT, 'index.html'), '<!doctype html><title>bench:model</title>');
}

async function waitQuiet(): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  while (loadavg()[0]! >= 1.5 && Date.now() < deadline) {
    console.log(`[bench:model] load average ${loadavg()[0]!.toFixed(2)}: waiting for < 1.5`);
    await new Promise((r) => setTimeout(r, 20_000));
  }
}

/** Files (URL path → disk) the server sent since request number `from`. */
function fetchedSince(server: StaticServer, from: number): Map<string, string> {
  const files = new Map<string, string>();
  for (const r of server.requests.slice(from)) {
    const path = new URL(r.url, server.url).pathname;
    const mount = Object.keys(MOUNTS)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    if (mount && r.status === 200 && path !== '/index.html')
      files.set(path, join(MOUNTS[mount]!, decodeURIComponent(path.slice(mount.length))));
  }
  return files;
}

function summary(s: System, runs: RoundResult[]) {
  return {
    loadMs: median(runs.map((r) => r.loadMs)),
    loadFirstQueryMs: median(runs.map((r) => r.loadFirstQueryMs)),
    queryMs: median(runs.flatMap((r) => r.queryMs)),
    batch64Ms: median(runs.flatMap((r) => r.batch64Ms)),
    samples: { rounds: runs.length, queriesPerRound: s.queries, batchesPerRound: s.batches },
  };
}

type Summary = ReturnType<typeof summary>;

/** What the worker said it loaded; its timings (the load breakdown) as medians over the rounds. */
function loadedInfo(runs: RoundResult[]): Record<string, unknown> {
  const info: Record<string, unknown> = { ...runs[0]!.info };
  for (const [key, value] of Object.entries(info)) {
    if (typeof value === 'number' && key.endsWith('Ms')) info[key] = median(runs.map((r) => Number(r.info[key])));
  }
  return info;
}

function ratios(encoder: Summary, tfjs: Summary) {
  return {
    load: speedup(tfjs.loadMs, encoder.loadMs),
    loadFirstQuery: speedup(tfjs.loadFirstQueryMs, encoder.loadFirstQueryMs),
    query: speedup(tfjs.queryMs, encoder.queryMs),
    batch64: speedup(tfjs.batch64Ms, encoder.batch64Ms),
  };
}

async function main(): Promise<void> {
  if (arg('--wait-quiet')) await waitQuiet();
  await bundle();
  const loadBefore = loadavg()[0]!;
  // Long-lived immutable files, as a CDN serves versioned assets: both systems get warm HTTP caches.
  const headers = { 'Cache-Control': 'public, max-age=31536000, immutable' };
  const plain = await startStaticServer({ mounts: MOUNTS, headers });
  const isolated = await startStaticServer({ mounts: MOUNTS, headers, crossOriginIsolated: true });
  const profile = mkdtempSync(join(tmpdir(), 'bench-model-profile-'));
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (arg('--webgpu')) args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader');
  // A persistent profile, as a returning shopper has: disk HTTP cache and V8's code cache work as in real use.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), headless: true, args });
  try {
    // tsx keeps function names with a __name helper the page does not have.
    await context.addInitScript('globalThis.__name = (f) => f;');
    const page = context.pages()[0] ?? (await context.newPage());
    const spec = (s: System) => ({
      worker: s.worker,
      backend: s.backend,
      threads: s.threads,
      query: QUERY,
      titles: TITLES,
      queries: s.queries,
      batches: s.batches,
    });
    const serverOf = (s: System) => (s.threads > 1 ? isolated : plain);
    const first: Record<string, { ms: number; bytes: ReturnType<typeof totalSizes> }> = {};
    for (const s of SYSTEMS) {
      const server = serverOf(s);
      const from = server.requests.length;
      const cold = await runRound(page, new URL('/index.html', server.url).href, { ...spec(s), queries: 0, batches: 0 });
      first[s.id] = { ms: round(cold.loadFirstQueryMs), bytes: totalSizes(fetchedSince(server, from)) };
      await runRound(page, new URL('/index.html', server.url).href, spec(s)); // warm-up, not counted
      console.log(`[bench:model] ${s.id}: first load + query ${first[s.id]!.ms} ms, ${(first[s.id]!.bytes.raw / 1e6).toFixed(1)} MB`);
    }
    const runs: Record<string, RoundResult[]> = {};
    const loads: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      loads.push(loadavg()[0]!);
      const order = SYSTEMS.map((_, i) => SYSTEMS[(i + r) % SYSTEMS.length]!);
      for (const s of order) (runs[s.id] ??= []).push(await runRound(page, new URL('/index.html', serverOf(s).url).href, spec(s)));
      console.log(`[bench:model] round ${r + 1}/${ROUNDS} done (load average ${loadavg()[0]!.toFixed(2)})`);
    }
    const systems = SYSTEMS.map((s) => ({
      id: s.id,
      label: s.label,
      backend: s.backend,
      threads: s.threads,
      loaded: loadedInfo(runs[s.id]!),
      firstVisit: { loadFirstQueryMs: first[s.id]!.ms, bytes: first[s.id]!.bytes },
      warm: summary(s, runs[s.id]!),
    }));
    const warm = (id: string) => systems.find((s) => s.id === id)!.warm;
    const oneThread = ratios(warm('encoder-wasm-1t'), warm('tfjs-wasm-1t'));
    const twoThreads = ratios(warm('encoder-wasm-2t'), warm('tfjs-wasm-2t'));
    for (const s of systems) console.log(`[bench:model] ${s.id}: ${JSON.stringify(s.warm)}`);
    console.log(`[bench:model] TF.js wasm ÷ encoder, 1 thread: ${JSON.stringify(oneThread)}; 2 threads: ${JSON.stringify(twoThreads)}`);
    const results = {
      command: `npm run bench:model${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        chromium: execFileSync(chromiumPath(), ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim(),
        // Other work on the machine skews every number: recorded, not hidden.
        loadAverage1m: { before: round(loadBefore, 2), duringRoundsMax: round(Math.max(...loads), 2), after: round(loadavg()[0]!, 2) },
      },
      method:
        'Headless Chromium, persistent profile. Each system runs in a module worker; every round opens a fresh page and worker per system, systems alternating (order rotated each round), after one cold load (first visit: empty caches) and one warm-up round per system. load = new Worker() → model ready; loadFirstQuery = new Worker() → first query vector back (time to first embedding); query and batch64 are timed inside the worker (medians over all rounds). Files are served with Cache-Control: immutable, so both systems load from warm caches (the encoder also keeps its model in the Cache API). 2 threads: a COOP/COEP page; TF.js is set to 2 threads with setThreadsCount (it takes half the cores by default); the encoder takes the thread count the widget chooses there (src/model/wasm-threads.ts: one core left to the page, so 1 thread on 2 cores; systems[].loaded.threads records it). systems[].loaded: what each worker loaded, and the encoder load breakdown (medians over the rounds). Bytes: every file the worker fetched on its first load (JS bundle, runtime wasm, model files), raw and as gzip -9 / brotli -11 would send them.',
      query: QUERY,
      batch: '64 product titles (test/node/model/product-titles.ts)',
      systems,
      speedupOverTfjsWasm: {
        note: 'TF.js wasm time ÷ encoder time per metric (> 1: the encoder is faster)',
        oneThread,
        twoThreads,
      },
      acceptance: {
        queryAtLeast2_5x: {
          oneThread: oneThread.query,
          twoThreads: twoThreads.query,
          met: oneThread.query >= 2.5 && twoThreads.query >= 2.5,
        },
        batch64AtLeast1_25x: {
          oneThread: oneThread.batch64,
          twoThreads: twoThreads.batch64,
          met: oneThread.batch64 >= 1.25 && twoThreads.batch64 >= 1.25,
        },
        firstEmbeddingNoSlower: {
          oneThread: oneThread.loadFirstQuery,
          twoThreads: twoThreads.loadFirstQuery,
          met: oneThread.loadFirstQuery >= 1 && twoThreads.loadFirstQuery >= 1,
        },
      },
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`[bench:model] acceptance ${JSON.stringify(results.acceptance)}`);
    console.log(`[bench:model] wrote ${RESULTS}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await plain.close();
    await isolated.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
