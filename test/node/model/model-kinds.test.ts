// Models other than the default: one that outputs last_hidden_state (pooled
// by the encoder) and one named by a hub id (served here by a local stand-in
// for the hub: the machine has no internet, and tests must not need it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { maskedMeanPool } from '../../../src/model/pooling.ts';
import { l2NormalizeRows } from '../../../src/vector/l2.ts';
import { startStaticServer, type StaticServer } from '../../../scripts/dev-server/static-server.ts';
import { TINY_DIM, writeTinyModel } from '../../support/tiny-model.ts';

let root = '';
let hidden = '';
let hubModel = '';
let hub: StaticServer;
const realRemoteHost = env.remoteHost;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'edge-rerank-kinds-'));
  hidden = join(root, 'hidden');
  writeTinyModel(hidden, { hiddenStateOnly: true, seed: 3 });
  hubModel = join(root, 'hub');
  writeTinyModel(hubModel, { seed: 5 });
  hub = await startStaticServer({ mounts: { '/shop-owner/tiny-encoder/resolve/main/': hubModel } });
});

after(async () => {
  env.remoteHost = realRemoteHost;
  await hub?.close();
  rmSync(root, { recursive: true, force: true });
});

test('last_hidden_state models: masked mean over real tokens, then L2', async () => {
  const texts = ['trail shoes', 'nitrile gloves for the lab', ''];
  const encoder = await loadEncoder({ model: hidden, device: 'cpu', dtype: 'fp32' });
  const got = await encoder.embed(texts);
  await encoder.dispose();
  assert.equal(encoder.dim, TINY_DIM);

  // The same by hand: tokenizer → raw session → pooling → L2, one text at a time.
  const tokenizer = await AutoTokenizer.from_pretrained(hidden);
  const session = await ort.InferenceSession.create(join(hidden, 'onnx/model.onnx'));
  for (const [i, text] of texts.entries()) {
    const ids = tokenizer.encode(text);
    const seq = Math.max(ids.length, 1);
    const mask = Array.from({ length: seq }, (_, k) => (k < ids.length ? 1 : 0));
    const out = await session.run({
      input_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from({ length: seq }, (_, k) => BigInt(ids[k] ?? 0)),
        [1, seq],
      ),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask, BigInt), [1, seq]),
    });
    const want = l2NormalizeRows(maskedMeanPool(out.last_hidden_state!.data as Float32Array, mask, 1, seq, TINY_DIM), TINY_DIM);
    const row = got.subarray(i * TINY_DIM, (i + 1) * TINY_DIM);
    row.forEach((v, k) => assert.ok(Math.abs(v - want[k]!) < 1e-5, `text ${i} dim ${k}: ${v} vs ${want[k]}`));
  }
  await session.release();
});

test('a last_hidden_state model whose 1_Pooling/config.json asks for CLS: the first position, then L2', async () => {
  const cls = join(root, 'cls');
  writeTinyModel(cls, { hiddenStateOnly: true, seed: 4 });
  mkdirSync(join(cls, '1_Pooling'));
  writeFileSync(
    join(cls, '1_Pooling/config.json'),
    JSON.stringify({ word_embedding_dimension: TINY_DIM, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
  );
  const texts = ['trail shoes', 'nitrile gloves for the lab'];
  const encoder = await loadEncoder({ model: cls, device: 'cpu', dtype: 'fp32' });
  const got = await encoder.embed(texts);
  await encoder.dispose();

  const tokenizer = await AutoTokenizer.from_pretrained(cls);
  const session = await ort.InferenceSession.create(join(cls, 'onnx/model.onnx'));
  for (const [i, text] of texts.entries()) {
    const ids = tokenizer.encode(text);
    const out = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), [1, ids.length]),
    });
    const want = l2NormalizeRows((out.last_hidden_state!.data as Float32Array).slice(0, TINY_DIM), TINY_DIM);
    const mean = l2NormalizeRows(
      maskedMeanPool(
        out.last_hidden_state!.data as Float32Array,
        ids.map(() => 1),
        1,
        ids.length,
        TINY_DIM,
      ),
      TINY_DIM,
    );
    const row = got.subarray(i * TINY_DIM, (i + 1) * TINY_DIM);
    row.forEach((v, k) => assert.ok(Math.abs(v - want[k]!) < 1e-5, `text ${i} dim ${k}: ${v} vs ${want[k]}`));
    assert.ok(
      mean.some((v, k) => Math.abs(v - want[k]!) > 1e-3),
      'CLS and mean pooling must differ for this test to mean anything',
    );
  }
  await session.release();
});

test('a hub id loads from the hub host (here a local stand-in), verified like a folder', async () => {
  env.remoteHost = hub.url;
  const encoder = await loadEncoder({ model: 'shop-owner/tiny-encoder', device: 'cpu', dtype: 'q8' });
  const v = await encoder.embed(['trail shoes']);
  await encoder.dispose();
  assert.equal(v.length, TINY_DIM);
  assert.equal(encoder.modelId, 'edge-rerank/tiny-test');
  const sha = createHash('sha256')
    .update(readFileSync(join(hubModel, 'onnx/model_quantized.onnx')))
    .digest('hex');
  assert.equal(encoder.modelSha256, sha);
  const paths = hub.requests.map((r) => r.url);
  assert.ok(paths.includes('/shop-owner/tiny-encoder/resolve/main/onnx/model_quantized.onnx'));
  assert.ok(paths.includes('/shop-owner/tiny-encoder/resolve/main/tokenizer.json'));
});

test('a folder path never reaches the hub, even when the folder is missing', async () => {
  env.remoteHost = hub.url;
  const before = hub.requests.length;
  await assert.rejects(loadEncoder({ model: join(root, 'missing'), device: 'cpu', dtype: 'q8' }), /config\.json: not found/);
  assert.equal(hub.requests.length, before);
});
