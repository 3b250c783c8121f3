// Bad catalogs through the real CLI: clear messages, exit 1 only when nothing
// valid could be built, and never a partial output folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openIndexFolder } from '../../../scripts/build-index/file-fetch.ts';
import { folderFiles, runCli } from './cli-run.ts';

const MODEL = join(process.cwd(), 'public/models/default');
const dir = mkdtempSync(join(tmpdir(), 'index-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const build = (catalog: string, out: string, ...extra: string[]) =>
  runCli(['build', '--catalog', catalog, '--out', out, '--model', MODEL, '--device', 'cpu', ...extra]);

test('a catalog with no valid items exits 1 with the reasons and creates no folder', async () => {
  for (const [name, content] of [
    ['empty.jsonl', ''],
    ['all-bad.jsonl', '{"id":"a"}\nnot json\n{"id":"b","title":""}\n'],
  ] as const) {
    const out = join(dir, `out-${name}`);
    const result = await build(file(name, content), out);
    assert.equal(result.code, 1, name);
    assert.match(result.stderr, /input: catalog .*: no valid items/, name);
    assert.ok(!existsSync(out), `${name}: no output folder`);
  }
  const allBad = await build(join(dir, 'all-bad.jsonl'), join(dir, 'x'));
  assert.match(allBad.stderr, /skipped: 2 empty or missing title, 1 malformed JSON/);
});

test('bad lines are skipped and reported as file:line, duplicates resolved last-wins, the rest is built', async () => {
  const catalog = file(
    'mixed.jsonl',
    Buffer.concat([
      Buffer.from('{"id":"dup","title":"Borosilicate beaker 250 ml"}\n'), // line 1: replaced by line 6
      Buffer.from('{"id":"a","title":"Cordless drill 18V"}\n'),
      Buffer.from('{"id":"broken","title":\n'),
      Buffer.from('{"id":"latin","title":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'), // Latin-1, not UTF-8
      Buffer.from(`{"id":"long","title":"${'very long title '.repeat(6_400)}"}\n`), // ~100 kB
      Buffer.from('{"id":"dup","title":"Cordless drill 18V"}\n'),
    ]),
  );
  const out = join(dir, 'mixed');
  const result = await build(catalog, out);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /skipped .*mixed\.jsonl:3: malformed JSON/);
  assert.match(result.stderr, /skipped .*mixed\.jsonl:4: invalid UTF-8/);
  assert.match(result.stderr, /duplicate .*mixed\.jsonl:1: id dup again at line 6/);
  assert.match(result.stdout, /items: 3 indexed from 6 lines/);
  assert.match(result.stdout, /skipped: 2 \(1 malformed JSON, 1 invalid UTF-8\)/);
  const index = await openIndexFolder(out);
  const found = await index.lookup(['a', 'dup', 'long', 'broken', 'latin']);
  assert.deepEqual([...found.keys()].sort(), ['a', 'dup', 'long']);
  // The later line won: "dup" now has exactly the text (so the vector) of "a".
  assert.deepEqual(found.get('dup')?.vector, found.get('a')?.vector);
  assert.deepEqual(
    [...folderFiles(out).keys()].filter((f) => !f.startsWith('shards/')),
    ['manifest.json'],
  );
});

test('an explicit device that is not available is an error, not a silent CPU build', async () => {
  const out = join(dir, 'cuda');
  const result = await build(file('one.jsonl', '{"id":"a","title":"Beaker"}\n'), out, '--device', 'cuda');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /backend: device cuda/);
  assert.ok(!existsSync(join(out, 'manifest.json')));
});

test('usage errors exit 2 with the usage text', async () => {
  const result = await runCli(['build', '--catalog', 'x.jsonl']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^edge-rerank-index: build needs --out DIR\nusage:/);
  const shard = await runCli(['build', '--catalog', 'x', '--out', 'y', '--shard', '3/3']);
  assert.equal(shard.code, 2);
  assert.match(shard.stderr, /--shard 3\/3: expected i\/n/);
});

test('a model file that does not match the sha256 recorded in its config.json is refused', async () => {
  const model = join(dir, 'model');
  cpSync(MODEL, model, { recursive: true });
  const config = JSON.parse(readFileSync(join(model, 'config.json'), 'utf8'));
  config.edge_rerank.sha256['onnx/model_quantized.onnx'] = 'f'.repeat(64);
  writeFileSync(join(model, 'config.json'), JSON.stringify(config));
  const out = join(dir, 'tampered');
  const result = await runCli([
    'build',
    '--catalog',
    file('t.jsonl', '{"id":"a","title":"Beaker"}\n'),
    '--out',
    out,
    '--model',
    model,
    '--device',
    'cpu',
  ]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /model-load: .*model_quantized\.onnx: sha256 [0-9a-f]{64} does not match f{64}/);
  assert.ok(!existsSync(out));
});

test('--arithmetic int8 refuses a GPU device and the fp32 model rather than building something else', async () => {
  const catalog = file('int8.jsonl', '{"id":"a","title":"Beaker"}\n');
  const gpu = await build(catalog, join(dir, 'int8-gpu'), '--arithmetic', 'int8', '--device', 'webgpu');
  assert.equal(gpu.code, 1);
  assert.match(gpu.stderr, /input: --arithmetic int8 runs on the CPU: use --device cpu \(or auto\), not webgpu/);
  const fp32 = await build(catalog, join(dir, 'int8-fp32'), '--arithmetic', 'int8', '--dtype', 'fp32');
  assert.equal(fp32.code, 1);
  assert.match(fp32.stderr, /needs --dtype q8/);
  const typo = await build(catalog, join(dir, 'int4'), '--arithmetic', 'int4');
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /--arithmetic int4: expected float32 or int8/);
  assert.ok(!existsSync(join(dir, 'int8-gpu')) && !existsSync(join(dir, 'int8-fp32')));
});
