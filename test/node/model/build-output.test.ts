// What `npm run build:model` leaves in public/models/default/ (built by
// `npm ci`'s prepare step before the tests run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { embedWithSession } from '../../../scripts/build-model/verify.ts';

const { onnx } = onnxProto;
const DIR = join(process.cwd(), 'public/models/default');
const FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
  'onnx/model_int8.onnx',
  'LICENSE',
  'README.md',
];
const sha = (f: string) =>
  createHash('sha256')
    .update(readFileSync(join(DIR, f)))
    .digest('hex');

test('every file is there; int8 model ≤ 8 MB; the licence is Apache-2.0', () => {
  for (const f of FILES) assert.ok(statSync(join(DIR, f)).size > 0, f);
  assert.ok(statSync(join(DIR, 'onnx/model_quantized.onnx')).size <= 8e6);
  assert.match(readFileSync(join(DIR, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
});

test('config.json and README.md record the true sha256 of each model file, config.json of itself (its own hash zeroed)', () => {
  const text = readFileSync(join(DIR, 'config.json'), 'utf8');
  const config = JSON.parse(text) as { edge_rerank: { sha256: Record<string, string> } };
  const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
  const recorded = Object.keys(config.edge_rerank.sha256).sort();
  assert.deepEqual(recorded, [
    'config.json',
    'onnx/model.onnx',
    'onnx/model_int8.onnx',
    'onnx/model_quantized.onnx',
    'tokenizer.json',
    'tokenizer_config.json',
  ]);
  const own = createHash('sha256')
    .update(text.replace(config.edge_rerank.sha256['config.json']!, '0'.repeat(64)))
    .digest('hex');
  const truth = (f: string) => (f === 'config.json' ? own : sha(f));
  for (const f of recorded) {
    assert.equal(config.edge_rerank.sha256[f], truth(f), f);
    assert.ok(readme.includes(`| \`${f}\` | \`${truth(f)}\` |`), `README row for ${f}`);
  }
});

test('a second build with nothing changed only says so and touches nothing', () => {
  const before = FILES.map((f) => [statSync(join(DIR, f)).mtimeMs, sha(f)]);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-model/main.ts'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /is up to date/);
  assert.deepEqual(
    FILES.map((f) => [statSync(join(DIR, f)).mtimeMs, sha(f)]),
    before,
  );
});

for (const file of ['onnx/model.onnx', 'onnx/model_quantized.onnx', 'onnx/model_int8.onnx']) {
  test(`${file}: input_ids + attention_mask in, sentence_embedding [batch, 512] out, L2-normalised`, async () => {
    const session = await ort.InferenceSession.create(join(DIR, file));
    try {
      assert.deepEqual([...session.inputNames].sort(), ['attention_mask', 'input_ids']);
      assert.deepEqual([...session.outputNames], ['sentence_embedding']);
      const out = await embedWithSession(session, [
        [341, 4125],
        [30, 57, 564, 202],
      ]);
      assert.equal(out.length, 2 * 512);
      for (const r of [0, 1]) assert.ok(Math.abs(Math.hypot(...out.subarray(r * 512, (r + 1) * 512)) - 1) < 1e-5);
    } finally {
      await session.release();
    }
  });
}

test('model_int8.onnx: the same int8 weights and scales as model_quantized.onnx, every weight MatMul in integer arithmetic, as config.json says', () => {
  const config = JSON.parse(readFileSync(join(DIR, 'config.json'), 'utf8')) as { edge_rerank: { int8_arithmetic: object } };
  assert.deepEqual(config.edge_rerank.int8_arithmetic, { file: 'onnx/model_int8.onnx', weights_of: 'onnx/model_quantized.onnx' });
  const graphOf = (f: string) => onnx.ModelProto.decode(readFileSync(join(DIR, f))).graph!;
  const q8 = graphOf('onnx/model_quantized.onnx');
  const int8 = graphOf('onnx/model_int8.onnx');
  // Every int8 weight (name_int8) and its scales (name_scale), by name.
  const constants = (g: typeof q8) => {
    const all = new Map((g.initializer ?? []).map((t) => [t.name ?? '', Buffer.from(t.rawData ?? new Uint8Array()).toString('hex')]));
    const int8Names = [...all.keys()].filter((n) => n.endsWith('_int8'));
    return new Map(int8Names.flatMap((n) => [n, n.replace(/_int8$/, '_scale')].map((k) => [k, all.get(k)] as const)));
  };
  const weights = constants(q8);
  assert.equal(weights.size, 2 * 11, '10 dense weights and the embedding table, each with its scales');
  assert.deepEqual(constants(int8), weights);
  const ops = (g: typeof q8) => (g.node ?? []).map((n) => n.opType);
  assert.equal(ops(q8).filter((o) => o === 'DequantizeLinear').length, 11);
  assert.equal(ops(int8).filter((o) => o === 'DequantizeLinear').length, 0);
  assert.equal(ops(int8).filter((o) => o === 'MatMulIntegerToFloat').length, 10);
});

test('input past 128 tokens is cut, as the original graph does', async () => {
  const session = await ort.InferenceSession.create(join(DIR, 'onnx/model.onnx'));
  try {
    const long = Array.from({ length: 200 }, (_, i) => 100 + (i % 50));
    const full = await embedWithSession(session, [long]);
    const cut = await embedWithSession(session, [long.slice(0, 128)]);
    const shorter = await embedWithSession(session, [long.slice(0, 127)]);
    assert.deepEqual(full, cut);
    assert.notDeepEqual(cut, shorter, 'the 128th token still counts');
  } finally {
    await session.release();
  }
});
