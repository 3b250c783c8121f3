// One index, built many ways: one process at batch 64 (the reference), the CLI
// at batch 5, three parallel --shard i/3 processes + merge, and a build killed
// mid-way then --resume'd. All must give byte-identical folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, type BuildSummary } from '../../../scripts/build-index/build.ts';
import { openIndexFolder } from '../../../scripts/build-index/file-fetch.ts';
import { jsonl, syntheticCatalog, syntheticPurchases } from '../../../scripts/build-index/synthetic-catalog.ts';
import { folderFiles, runCli, startCli } from './cli-run.ts';
import { neighbourKey } from '../../../src/rank/neighbour-key.ts';

const MODEL = join(process.cwd(), 'public/models/default');
const dir = mkdtempSync(join(tmpdir(), 'index-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const items = syntheticCatalog(240, 5);
const catalog = join(dir, 'catalog.jsonl');
const purchases = join(dir, 'purchases.jsonl');
writeFileSync(catalog, jsonl(items));
writeFileSync(purchases, jsonl(syntheticPurchases(items, 300)));
// 16 items a shard → 16 shards, so a 3-way split gives every part some.
const common = ['--catalog', catalog, '--interactions', purchases, '--model', MODEL, '--device', 'cpu', '--items-per-shard', '16'];
const reference = join(dir, 'reference');
let summary: BuildSummary;

before(async () => {
  summary = await buildIndex({
    catalog,
    interactions: purchases,
    out: reference,
    model: MODEL,
    device: 'cpu',
    batch: 64,
    itemsPerShard: 16,
  });
});

function assertSameFolder(actual: string, expected: string): void {
  const a = folderFiles(actual);
  const b = folderFiles(expected);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [path, bytes] of b) assert.ok(a.get(path)?.equals(bytes), `${path} differs`);
}

test('the reference build holds every item, with neighbours, in 16 shards and nothing else', async () => {
  assert.equal(summary.items, 240);
  assert.equal(summary.shardCount, 16);
  assert.ok(summary.itemsWithNeighbours > 0);
  const files = [...folderFiles(reference).keys()];
  assert.equal(files.length, 17); // manifest + 16 shards; no work files left behind
  assert.ok(files.includes('manifest.json'));
  const index = await openIndexFolder(reference);
  const found = await index.lookup(items.map((i) => i.id));
  assert.equal(found.size, 240);
  assert.ok([...found.values()].some((item) => item.neighbours.length > 0));
});

test('the CLI at --batch 5 writes the same bytes as the batch-64 build', async () => {
  const out = join(dir, 'batch5');
  const result = await runCli(['build', ...common, '--out', out, '--batch', '5']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /device: cpu/);
  assertSameFolder(out, reference);
});

test('three parallel --shard i/3 processes plus merge equal the one-process build', async () => {
  const out = join(dir, 'split');
  const parts = await Promise.all([0, 1, 2].map((i) => runCli(['build', ...common, '--out', out, '--batch', '16', '--shard', `${i}/3`])));
  for (const part of parts) assert.equal(part.code, 0, part.stderr);
  assert.ok(!existsSync(join(out, 'manifest.json')), 'a part must not write the manifest');
  const merged = await runCli(['merge', '--out', out]);
  assert.equal(merged.code, 0, merged.stderr);
  assertSameFolder(out, reference);
});

test('merge refuses while a part is missing, naming the shards, and writes no manifest', async () => {
  const out = join(dir, 'incomplete');
  const part = await runCli(['build', ...common, '--out', out, '--shard', '1/4']);
  assert.equal(part.code, 0, part.stderr);
  const merged = await runCli(['merge', '--out', out]);
  assert.equal(merged.code, 1);
  assert.match(merged.stderr, /cannot merge, shards 0, 2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15 of 16 are not built/);
  assert.ok(!existsSync(join(out, 'manifest.json')));
});

test('a build killed after its first checkpoint leaves no manifest; --resume finishes it without redoing shards', async () => {
  const out = join(dir, 'crashed');
  const args = ['build', ...common, '--out', out, '--batch', '4', '--checkpoint-items', '16'];
  const crashed = await startCli(args, (line, child) => {
    if (line.startsWith('checkpoint: 1/')) child.kill('SIGKILL');
  }).done;
  assert.equal(crashed.signal, 'SIGKILL', 'the build should have been killed mid-way');
  assert.ok(!existsSync(join(out, 'manifest.json')), 'a crashed build must not leave a manifest');
  const resumed = await runCli([...args, '--resume']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const reused = Number(/(\d+) reused/.exec(resumed.stdout)?.[1]);
  assert.ok(reused >= 1 && reused < 16, `reused ${reused} shards`);
  assert.match(resumed.stderr, new RegExp(`resume: ${reused} of 16 shards already built`));
  assertSameFolder(out, reference);
});

test('inspect prints a summary of the item; the whole vector only with --vector, as JSON on the last line', async () => {
  const index = await openIndexFolder(reference);
  const found = await index.lookup(items.map((i) => i.id));
  const withNeighbours = [...found.values()].find((item) => item.neighbours.length > 0);
  assert.ok(withNeighbours);
  const summary = await runCli(['inspect', '--index', reference, '--id', withNeighbours.id]);
  assert.equal(summary.code, 0, summary.stderr);
  const lines = summary.stdout.trim().split('\n');
  assert.ok(lines.includes(`item: ${withNeighbours.id}`), summary.stdout);
  assert.match(summary.stdout, new RegExp(`^vector: ${withNeighbours.vector.length} dimensions .*norm 1\\.0000`, 'm'));
  assert.match(summary.stdout, /^shard: shards\/\S+ \(one of 16; the index holds \d+ items\)$/m);
  assert.ok(!lines.some((l) => l.startsWith('[')), 'no raw vector without --vector');
  // Keys are named by the catalog ids that have them, most co-purchased first.
  const named = withNeighbours.neighbours.map((n) => ({ id: items.find((i) => neighbourKey(i.id) === n.key)?.id, count: n.count }));
  for (const n of named) assert.ok(lines.includes(`  ${n.id}\t${n.count}`), `neighbour ${n.id}`);
  const counts = lines.filter((l) => l.startsWith('  ')).map((l) => Number(l.split('\t')[1]));
  assert.deepEqual(
    counts,
    [...counts].sort((x, y) => y - x),
  );

  const full = await runCli(['inspect', '--index', reference, '--id', withNeighbours.id, '--vector']);
  assert.equal(full.code, 0, full.stderr);
  const fullLines = full.stdout.trim().split('\n');
  assert.deepEqual(JSON.parse(fullLines[fullLines.length - 1] ?? ''), Array.from(withNeighbours.vector));
  assert.deepEqual(
    fullLines.slice(0, -1).map((l) => l.replace(' (--vector prints it all)', '')),
    lines.map((l) => l.replace(' (--vector prints it all)', '')),
  );

  const missing = await runCli(['inspect', '--index', reference, '--id', 'no-such-sku']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^edge-rerank-index: input: .*no item with id no-such-sku/);
});

test('--min-pair-shoppers keeps only pairs that enough shoppers share; the counts of kept pairs are unchanged', async () => {
  const strict = join(dir, 'min-pair-2');
  const result = await runCli(['build', ...common, '--out', strict, '--min-pair-shoppers', '2']);
  assert.equal(result.code, 0, result.stderr);
  const none = join(dir, 'min-pair-huge');
  const empty = await runCli(['build', ...common, '--out', none, '--min-pair-shoppers', '100000']);
  assert.equal(empty.code, 0, empty.stderr);
  assert.match(empty.stdout, /behaviour: 0 items with neighbours/);

  const ids = items.map((i) => i.id);
  const all = await (await openIndexFolder(reference)).lookup(ids);
  const kept = await (await openIndexFolder(strict)).lookup(ids);
  let dropped = 0;
  for (const [id, item] of kept) {
    const stored = all.get(id)?.neighbours ?? [];
    const full = new Map(stored.map((n) => [n.key, n.count]));
    const weakest = Math.min(...stored.map((n) => n.count));
    for (const n of item.neighbours) {
      assert.ok(n.count >= 2, `${id}: a pair of ${n.count} shopper(s) was kept`);
      // Either the same pair with the same count, or one that was below the
      // top-k cut of the unfiltered list and moves up now that rarer pairs are gone.
      if (full.has(n.key)) assert.equal(n.count, full.get(n.key), `${id} → ${n.key}`);
      else assert.ok(n.count <= weakest, `${id} → ${n.key} was not in the unfiltered top k`);
    }
    dropped += [...full.keys()].filter((other) => !item.neighbours.some((n) => n.key === other)).length;
  }
  assert.ok(dropped > 0, 'the synthetic log has pairs only one shopper bought: some must go');
});

test('--arithmetic int8 is deterministic too: batch 5 and a 2-way split give the bytes of one batch-64 build, and --resume never mixes the two arithmetics', async () => {
  const int8 = [...common, '--arithmetic', 'int8'];
  const one = join(dir, 'int8-batch64');
  const first = await runCli(['build', ...int8, '--out', one, '--batch', '64']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /int8 arithmetic/);
  const small = join(dir, 'int8-batch5');
  assert.equal((await runCli(['build', ...int8, '--out', small, '--batch', '5'])).code, 0);
  assertSameFolder(small, one);
  const split = join(dir, 'int8-split');
  const parts = await Promise.all([0, 1].map((i) => runCli(['build', ...int8, '--out', split, '--batch', '16', '--shard', `${i}/2`])));
  for (const part of parts) assert.equal(part.code, 0, part.stderr);
  assert.equal((await runCli(['merge', '--out', split])).code, 0);
  assertSameFolder(split, one);
  // Shards of one arithmetic are never reused for the other: half an int8
  // build (its shard records still there), then a float32 --resume over it.
  const mixed = join(dir, 'int8-then-float32');
  assert.equal((await runCli(['build', ...int8, '--out', mixed, '--shard', '0/2'])).code, 0);
  const float32 = await runCli(['build', ...common, '--out', mixed, '--resume']);
  assert.equal(float32.code, 0, float32.stderr);
  assert.match(float32.stdout, /16 shards built, 0 reused/);
  assertSameFolder(mixed, reference);
});
