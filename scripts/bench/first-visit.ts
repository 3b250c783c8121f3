// npm run bench:first-visit — a new shopper on a throttled link (Chromium's
// own network throttling over CDP, 2 MB/s down, 40 ms latency): one product
// page (the widget records a view: history), then a search page, whose first
// rerank loads the runtime and the model. Reports every byte the two pages
// fetched (as sent, and as gzip -9 / brotli -11 would send them) and the time
// from the search page's navigation to the first personalized order.
// Files are served compressed as a CDN would (brotli, else gzip) except the
// ONNX model (int8 weights barely compress; most CDNs leave octet-stream alone).
// → bench/results/first-visit.json. Needs dist/ (the npm script builds it).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { launchChromium } from '../../test/support/chromium.ts';
import { startStaticServer } from '../dev-server/static-server.ts';
import { compressed, sizesOf, totalSizes } from './model/bytes.ts';
import { round } from './model/stats.ts';

const ROOT = process.cwd();
const THROUGHPUT = 2_000_000; // bytes per second
const LATENCY_MS = 40;
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const FOLDERS: Record<string, string> = { '/dist/': join(ROOT, 'dist'), '/models/default/': join(ROOT, 'public/models/default') };
const TYPES: Record<string, string> = {
  js: 'text/javascript',
  mjs: 'text/javascript',
  json: 'application/json',
  wasm: 'application/wasm',
  onnx: 'application/octet-stream',
};

const PRODUCT = { id: 'p-1', title: 'Kestrel ultralight two-person tent', brand: 'Kestrel', category: 'tents' };
const RESULTS = [
  'Orka insulated steel mug',
  'Fjell trekking poles, carbon',
  'Marlow backpacking tent, 2 person',
  'Tundra down sleeping bag -5 °C',
  'Kestrel tent footprint',
  'Orka water filter bottle',
  'Fjell headlamp 400 lm',
  'Marlow rain jacket',
].map((title, i) => ({ id: `r-${i}`, title, brand: title.split(' ')[0]!, category: 'outdoor' }));

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const productHtml = `<!doctype html><meta charset="utf-8"><title>product</title><script type="module" src="/dist/edge-rerank.js"></script>
<h1>${esc(PRODUCT.title)}</h1><edge-rerank-track item-id="${PRODUCT.id}" title="${esc(PRODUCT.title)}" brand="${PRODUCT.brand}" category="${PRODUCT.category}" event="view"></edge-rerank-track>`;
const searchHtml = `<!doctype html><meta charset="utf-8"><title>search</title><script type="module" src="/dist/edge-rerank.js"></script>
<edge-rerank query="tent" model="/models/default/"><ol>${RESULTS.map(
  (p) =>
    `<li data-item-id="${p.id}" data-title="${esc(p.title)}" data-brand="${p.brand}" data-category="${p.category}">${esc(p.title)}</li>`,
).join('')}</ol></edge-rerank>`;

interface Sent {
  path: string;
  encoding: string;
  bytes: number;
}

function filesUnder(prefix: string, dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => [prefix + relative(dir, f), f]);
}

/** Routes answering each file compressed (brotli if accepted, else gzip; the ONNX file as is), recording what was sent. */
function compressedRoutes(sent: Sent[]) {
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {};
  for (const [prefix, dir] of Object.entries(FOLDERS)) {
    for (const [path, file] of filesUnder(prefix, dir)) {
      const ext = file.slice(file.lastIndexOf('.') + 1);
      routes[path] = (req, res) => {
        const accepts = String(req.headers['accept-encoding'] ?? '');
        const encoding = ext === 'onnx' ? 'identity' : accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : 'identity';
        const body = encoding === 'identity' ? readFileSync(file) : compressed(file, encoding);
        const headers: Record<string, string> = {
          'Content-Type': TYPES[ext] ?? 'application/octet-stream',
          'Content-Length': String(body.length),
          // Versioned files on a CDN: the product page's widget script is reused by the search page.
          'Cache-Control': 'public, max-age=31536000, immutable',
        };
        if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
        res.writeHead(200, headers);
        res.end(body);
        sent.push({ path, encoding, bytes: body.length });
      };
    }
  }
  return routes;
}

/** Compresses once, before any timing, what a WASM page may fetch (brotli -11 of the runtime takes a while):
 *  not source maps, the WebGPU runtime build or the fp32 model. */
function precompress(): void {
  for (const [prefix, dir] of Object.entries(FOLDERS))
    for (const [path, file] of filesUnder(prefix, dir)) if (!/\.map$|asyncify|\/model\.onnx$/.test(path)) sizesOf(file);
}

async function firstVisit(): Promise<{ ms: number; applied: boolean; sent: Sent[] }> {
  const sent: Sent[] = [];
  const routes = compressedRoutes(sent);
  const pages = { '/product.html': productHtml, '/search.html': searchHtml };
  for (const [path, html] of Object.entries(pages)) {
    routes[path] = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(html);
      sent.push({ path, encoding: 'identity', bytes: Buffer.byteLength(html) });
    };
  }
  const server = await startStaticServer({ mounts: {}, routes });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: THROUGHPUT,
      uploadThroughput: THROUGHPUT,
    });
    await page.goto(new URL('/product.html', server.url).href);
    const tracked = await page.evaluate(async () => {
      await customElements.whenDefined('edge-rerank-track');
      return (document.querySelector('edge-rerank-track') as HTMLElement & { recorded: Promise<boolean> }).recorded;
    });
    if (!tracked) throw new Error('the product view was not recorded');
    await page.goto(new URL('/search.html', server.url).href);
    const outcome = await page.evaluate(async () => {
      await customElements.whenDefined('edge-rerank');
      const el = document.querySelector('edge-rerank') as HTMLElement & {
        rerankComplete: Promise<{ status: string; detail?: { applied?: boolean; embedded?: number } }>;
      };
      const done = await el.rerankComplete;
      // ms since the search page's navigation started
      return { ms: performance.now(), applied: done.status === 'reranked' && done.detail?.applied === true };
    });
    await context.close();
    return { ms: outcome.ms, applied: outcome.applied, sent };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main(): Promise<void> {
  precompress();
  const loadBefore = loadavg()[0]!;
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await firstVisit());
    console.log(
      `[bench:first-visit] run ${i + 1}: first personalized order after ${round(runs.at(-1)!.ms)} ms (applied: ${runs.at(-1)!.applied})`,
    );
  }
  const sent = runs[0]!.sent;
  const files = new Map<string, string>();
  for (const s of sent) {
    const prefix = Object.keys(FOLDERS).find((p) => s.path.startsWith(p));
    if (prefix) files.set(s.path, join(FOLDERS[prefix]!, s.path.slice(prefix.length)));
  }
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  const results = {
    command: `npm run bench:first-visit${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) },
    },
    link: { throttling: 'Chromium CDP Network.emulateNetworkConditions', downloadBytesPerSecond: THROUGHPUT, latencyMs: LATENCY_MS },
    method:
      'Fresh browser context (empty caches). A product page records one view; then a search page with 8 results whose first rerank loads runtime and model. Time: search page navigation start → rerankComplete with the order applied. Served as a CDN would: brotli (else gzip) for JS, JSON and wasm, the ONNX model uncompressed.',
    firstPersonalizedOrderMs: {
      median: round(times[Math.floor(times.length / 2)]!),
      all: times.map((t) => round(t)),
      applied: runs.every((r) => r.applied),
    },
    bytesSent: { total: sent.reduce((a, s) => a + s.bytes, 0), files: sent },
    bytesIfServed: totalSizes(files),
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/first-visit.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `[bench:first-visit] ${JSON.stringify({ ms: results.firstPersonalizedOrderMs, sent: results.bytesSent.total, raw: results.bytesIfServed.raw, gzip: results.bytesIfServed.gzip, brotli: results.bytesIfServed.brotli })}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
