// From a clean checkout after install (dist/ built by npm test's build step),
// the demo starts: `tsx demo/serve.ts` (what `npm run demo` runs after the
// build) generates the catalog and log, builds the index with the batch
// builder into an empty folder, serves the shop and prints its URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('npm run demo: builds the demo index, serves the shop offline and prints the URL', async (t) => {
  const generated = mkdtempSync(join(tmpdir(), 'edge-rerank-demo-'));
  t.after(() => rmSync(generated, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/serve.ts'], {
    env: { ...process.env, PORT: '0', DEMO_GENERATED_DIR: generated },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /Demo shop: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`demo exited (${code}) before printing its URL:\n${output}`)));
  });
  assert.match(output, /building the demo index: 980 products, 1500 baskets/);
  assert.match(output, /demo index: built in/);

  const get = async (path: string) => {
    const response = await fetch(new URL(path, url));
    return { status: response.status, text: await response.text() };
  };
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /data-persona="trail-runner"/);
  const search = await get('/search?q=kettle');
  assert.match(search.text, /<edge-rerank query="kettle" model="\/models\/default\/" index="\/index\/" explain>/);
  const manifest = JSON.parse((await get('/index/manifest.json')).text) as { count: number };
  assert.equal(manifest.count, 980);
  for (const path of ['/dist/edge-rerank.js', '/static/app.js', '/static/shop.css', '/models/default/tokenizer.json']) {
    assert.equal((await get(path)).status, 200, path);
  }
  // Nothing on the pages points anywhere but this server.
  assert.doesNotMatch(home.text + search.text, /(src|href)="(https?:)?\/\//);
});
