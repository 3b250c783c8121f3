// CandidateIndex in a real Chromium Web Worker (where the widget runs it),
// over HTTP from a real static server, on an index built by the real builder:
// only the needed shards are fetched, verified shards come from the Cache API
// on the next visit, and an index for another model is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildIndex } from '../../../scripts/build-index/build.ts';
import { openIndexFolder } from '../../../scripts/build-index/file-fetch.ts';
import { jsonl, syntheticCatalog, syntheticPurchases } from '../../../scripts/build-index/synthetic-catalog.ts';
import { shardOf } from '../../../src/index/shard-of.ts';
import type { Manifest } from '../../../src/index/manifest.ts';
import { launchChromium } from '../../support/chromium.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';

const WORKER_ENTRY = `
import { CandidateIndex } from './src/index/candidate-index.ts';
self.onmessage = async ({ data }) => {
  try {
    const index = await CandidateIndex.open(data.base, { modelSha256: data.modelSha256 });
    const found = await index.lookup(data.ids);
    self.postMessage({ items: [...found.values()].map((i) => ({ id: i.id, vector: [...i.vector], neighbours: i.neighbours })) });
  } catch (err) {
    self.postMessage({ error: { name: err.name, code: err.code, message: err.message } });
  }
};
`;

interface LookupReply {
  items?: { id: string; vector: number[]; neighbours: { key: number; count: number }[] }[];
  error?: { name: string; code: string; message: string };
}

const dir = mkdtempSync(join(tmpdir(), 'index-browser-'));
const items = syntheticCatalog(60, 8);
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let manifest: Manifest;

before(async () => {
  writeFileSync(join(dir, 'catalog.jsonl'), jsonl(items));
  writeFileSync(join(dir, 'purchases.jsonl'), jsonl(syntheticPurchases(items, 80)));
  await buildIndex({
    catalog: join(dir, 'catalog.jsonl'),
    interactions: join(dir, 'purchases.jsonl'),
    out: join(dir, 'index'),
    device: 'cpu',
    itemsPerShard: 8,
  });
  manifest = JSON.parse(readFileSync(join(dir, 'index', 'manifest.json'), 'utf8')) as Manifest;
  const worker = await build({
    stdin: { contents: WORKER_ENTRY, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'worker.ts' },
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  server = await startStaticServer({
    mounts: { '/index/': join(dir, 'index') },
    routes: {
      '/': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>index</title>');
      },
      '/index-worker.js': (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(worker.outputFiles[0]?.text ?? '');
      },
    },
  });
  browser = await launchChromium();
  context = await browser.newContext();
  await context.addInitScript('globalThis.__name = (fn) => fn;'); // tsx's keepNames helper
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the index in a fresh worker of a fresh tab and looks `ids` up. */
async function lookupInWorker(ids: string[], modelSha256 = manifest.model.sha256): Promise<LookupReply> {
  const page: Page = await context.newPage();
  try {
    await page.goto(server.url);
    return await page.evaluate(
      ({ ids, modelSha256, base }) =>
        new Promise<LookupReply>((resolve) => {
          const worker = new Worker('/index-worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => resolve(data as LookupReply);
          worker.postMessage({ base, ids, modelSha256 });
        }),
      { ids, modelSha256, base: new URL('index/', server.url).href },
    );
  } finally {
    await page.close();
  }
}

const shardRequests = () => server.requests.filter((r) => r.url.startsWith('/index/shards/')).map((r) => r.url);

test("fetches the manifest and only the shards of the ids on screen, with the builder's vectors", async () => {
  const ids = [items[3]?.id, items[17]?.id, items[42]?.id, 'not-in-catalog'].filter((id): id is string => !!id);
  server.requests.length = 0;
  const reply = await lookupInWorker(ids);
  assert.equal(reply.error, undefined);
  const wanted = new Set(ids.map((id) => `/index/${manifest.shards[shardOf(id, manifest.shards.length)]?.file}`));
  assert.ok(wanted.size < manifest.shards.length, 'the ids should not cover every shard');
  assert.deepEqual(new Set(shardRequests()), wanted);
  assert.equal(shardRequests().length, wanted.size, 'each shard fetched once');
  assert.equal(server.requests.filter((r) => r.url === '/index/manifest.json').length, 1);
  // Nothing but plain GETs of static files: no query strings, no bodies.
  for (const r of server.requests) {
    assert.equal(r.method, 'GET');
    assert.equal(r.body, '');
    assert.ok(!r.url.includes('?'), r.url);
  }
  // Same vectors and neighbours as Node reading the folder from disk.
  const node = await (await openIndexFolder(join(dir, 'index'))).lookup(ids);
  assert.deepEqual(reply.items?.map((i) => i.id).sort(), [...node.keys()].sort());
  for (const item of reply.items ?? []) {
    assert.deepEqual(item.vector, [...(node.get(item.id)?.vector ?? [])]);
    assert.deepEqual(item.neighbours, node.get(item.id)?.neighbours);
  }
});

test('a second visit reads verified shards from the Cache API: only the manifest goes to the network', async () => {
  const ids = [items[5]?.id ?? '', items[6]?.id ?? ''];
  await lookupInWorker(ids);
  server.requests.length = 0;
  const again = await lookupInWorker(ids);
  assert.equal(again.items?.length, 2);
  assert.deepEqual(shardRequests(), []);
  assert.deepEqual(
    server.requests.filter((r) => r.url.startsWith('/index/')).map((r) => r.url),
    ['/index/manifest.json'],
  );
});

test('an index built for another model is refused with an index error naming both sha256s', async () => {
  const other = '0'.repeat(64);
  server.requests.length = 0;
  const reply = await lookupInWorker([items[0]?.id ?? ''], other);
  assert.equal(reply.error?.name, 'EdgeRerankError');
  assert.equal(reply.error?.code, 'index');
  assert.ok(reply.error?.message.includes(other) && reply.error.message.includes(manifest.model.sha256), reply.error?.message);
  assert.deepEqual(shardRequests(), [], 'no shard is fetched for a refused index');
});

test('after a rebuild, the next visit drops the cached shards the new manifest no longer names', async () => {
  await lookupInWorker(items.map((i) => i.id)); // every shard now cached
  const renamed = items.map((item, i) => (i === 0 ? { ...item, title: `${item.title} (new edition)` } : item));
  writeFileSync(join(dir, 'catalog.jsonl'), jsonl(renamed));
  await buildIndex({
    catalog: join(dir, 'catalog.jsonl'),
    interactions: join(dir, 'purchases.jsonl'),
    out: join(dir, 'index'),
    device: 'cpu',
    itemsPerShard: 8,
  });
  const rebuilt = JSON.parse(readFileSync(join(dir, 'index', 'manifest.json'), 'utf8')) as Manifest;
  const stale = manifest.shards.filter((s, i) => s.file !== rebuilt.shards[i]?.file);
  assert.equal(stale.length, 1, 'one renamed item changes exactly one shard');
  manifest = rebuilt;
  server.requests.length = 0;
  const reply = await lookupInWorker(items.map((i) => i.id));
  assert.equal(reply.items?.length, items.length);
  // Only the changed shard is fetched again; the others come from the cache.
  assert.deepEqual(shardRequests(), [`/index/${rebuilt.shards[shardOf(items[0]?.id ?? '', rebuilt.shards.length)]?.file}`]);
  const page = await context.newPage();
  await page.goto(server.url);
  const cached = await page.evaluate(async () =>
    (await (await caches.open('edge-rerank-index')).keys()).map((r) => new URL(r.url).pathname),
  );
  await page.close();
  assert.deepEqual(
    cached.sort(),
    rebuilt.shards
      .filter((s) => s.count > 0)
      .map((s) => `/index/${s.file}`)
      .sort(),
  );
});
