// Index vectors against the widget's own encoder (loadEncoder, the code the
// browser runs) on the same model folder: the builder must embed what the
// browser would, so an indexed item and an on-device item rank alike.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../../../scripts/build-index/build.ts';
import { openEmbedder } from '../../../scripts/build-index/embedder.ts';
import { openIndexFolder } from '../../../scripts/build-index/file-fetch.ts';
import { jsonl, syntheticCatalog } from '../../../scripts/build-index/synthetic-catalog.ts';
import { dequantizeInt8, quantizeInt8 } from '../../../src/vector/int8.ts';
import { cosine } from '../../../src/vector/dot.ts';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { itemText } from '../../../src/model/item-text.ts';
import { TINY_DIM, writeTinyModel, type TinyModelOptions } from '../../support/tiny-model.ts';

const MODEL = join(process.cwd(), 'public/models/default');
const DIM = 512;
const dir = mkdtempSync(join(tmpdir(), 'index-parity-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const items = syntheticCatalog(240, 11);
// Text past the model's 128 tokens (172 here): builder and browser must cut it alike.
items[0] = {
  id: 'long-1',
  title: 'Borosilicate glass beaker set',
  description: 'Heat resistant laboratory glassware with printed graduations, spout and reinforced rim; '.repeat(20),
};
const texts = items.map(itemText);
const catalog = join(dir, 'catalog.jsonl');
writeFileSync(catalog, jsonl(items));

const rowOf = (flat: Float32Array, i: number) => flat.subarray(i * DIM, (i + 1) * DIM);

test('int8 model: index vectors (stored int8) vs the browser encoder, cosine ≥ 0.999 on 240 items', async () => {
  const encoder = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8' });
  try {
    const summary = await buildIndex({ catalog, out: join(dir, 'q8'), model: MODEL, dtype: 'q8', device: 'cpu', batch: 32 });
    assert.equal(summary.items, 240);
    // The default model pools in its graph, as the browser's encoder reports.
    assert.equal(summary.model.pooling, 'graph');
    assert.equal(encoder.pooling, 'graph');
    // Opening with the encoder's sha proves builder and browser hash the same file.
    const index = await openIndexFolder(join(dir, 'q8'), { modelSha256: encoder.modelSha256 });
    assert.equal(index.dim, encoder.dim);
    const found = await index.lookup(items.map((i) => i.id));
    assert.equal(found.size, items.length);
    const browser = await encoder.embed(texts);
    const cosines = items.map((item, i) => cosine(found.get(item.id)?.vector ?? new Float32Array(DIM), rowOf(browser, i)));
    const min = Math.min(...cosines);
    console.log(`int8: min cosine ${min.toFixed(6)}, mean ${(cosines.reduce((a, b) => a + b) / cosines.length).toFixed(6)}`);
    // Builder and browser must embed alike: cosine ≥ 0.999 per vector (docs/INDEX-FORMAT.md).
    assert.ok(min >= 0.999, `min cosine ${min}`);
  } finally {
    await encoder.dispose();
  }
});

test('fp32 model: builder vectors vs the browser encoder, cosine ≥ 0.9999 (≥ 0.999 once stored as int8)', async () => {
  const encoder = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'fp32' });
  const embedder = await openEmbedder({ modelDir: MODEL, dtype: 'fp32', device: 'cpu' });
  try {
    assert.equal(embedder.modelSha256, encoder.modelSha256);
    const built = await embedder.embed(texts, 32);
    const browser = await encoder.embed(texts);
    const raw = built.map((v, i) => cosine(v, rowOf(browser, i)));
    const stored = built.map((v, i) => {
      const { codes, scale } = quantizeInt8(v)!;
      return cosine(dequantizeInt8(codes, scale), rowOf(browser, i));
    });
    console.log(`fp32: min cosine ${Math.min(...raw).toFixed(7)} (float), ${Math.min(...stored).toFixed(6)} (stored int8)`);
    assert.ok(Math.min(...raw) >= 0.9999, `min float cosine ${Math.min(...raw)}`);
    assert.ok(Math.min(...stored) >= 0.999, `min stored cosine ${Math.min(...stored)}`);
  } finally {
    await encoder.dispose();
    await embedder.dispose();
  }
});

test('--arithmetic int8: index vectors vs the browser encoder still reach cosine ≥ 0.999, and the manifest says how they were made', async () => {
  const encoder = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8' });
  try {
    const out = join(dir, 'int8-arithmetic');
    const summary = await buildIndex({ catalog, out, model: MODEL, dtype: 'q8', device: 'cpu', arithmetic: 'int8', batch: 32 });
    assert.equal(summary.model.arithmetic, 'int8');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { model: { arithmetic: string; sha256: string } };
    assert.equal(manifest.model.arithmetic, 'int8');
    // Same model file as the browser's: the widget accepts the index.
    const index = await openIndexFolder(out, { modelSha256: encoder.modelSha256 });
    const found = await index.lookup(items.map((i) => i.id));
    const browser = await encoder.embed(texts);
    const cosines = items.map((item, i) => cosine(found.get(item.id)?.vector ?? new Float32Array(DIM), rowOf(browser, i)));
    const min = Math.min(...cosines);
    console.log(`int8 arithmetic: min cosine ${min.toFixed(6)}, mean ${(cosines.reduce((a, b) => a + b) / cosines.length).toFixed(6)}`);
    assert.ok(min >= 0.999, `min cosine ${min}`);
    // Not the float32 build (made by the first test) under another name: integer kernels round differently.
    const float32 = await (await openIndexFolder(join(dir, 'q8'))).lookup(items.map((i) => i.id));
    const differ = items.filter((item) => String(found.get(item.id)?.vector) !== String(float32.get(item.id)?.vector));
    assert.ok(differ.length > items.length / 2, `${differ.length} of ${items.length} vectors differ from the float32 build`);
  } finally {
    await encoder.dispose();
  }
});

test("the widget's WASM arithmetic (int8, onnx/model_int8.onnx): index vectors (default float build, stored int8) vs the encoder, cosine ≥ 0.999", async () => {
  const encoder = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8', arithmetic: 'int8' });
  try {
    const out = join(dir, 'float-for-int8-browser');
    await buildIndex({ catalog, out, model: MODEL, dtype: 'q8', device: 'cpu', batch: 32 });
    // Same identity: the widget accepts the builder's index although it computes in integer arithmetic.
    const index = await openIndexFolder(out, { modelSha256: encoder.modelSha256 });
    const found = await index.lookup(items.map((i) => i.id));
    const browser = await encoder.embed(texts);
    const cosines = items.map((item, i) => cosine(found.get(item.id)?.vector ?? new Float32Array(DIM), rowOf(browser, i)));
    const min = Math.min(...cosines);
    console.log(`float index vs int8-arithmetic browser: min cosine ${min.toFixed(6)}`);
    assert.ok(min >= 0.999, `min cosine ${min}`);
  } finally {
    await encoder.dispose();
  }
});

/** A tiny hub-shaped model folder (optionally with a 1_Pooling/config.json),
 *  an index of 40 items built from it, and how its vectors compare with the
 *  browser encoder's for the same items. */
async function tinyModelIndex(name: string, options: TinyModelOptions, poolingConfig?: object) {
  const model = join(dir, name);
  writeTinyModel(model, options);
  if (poolingConfig) {
    mkdirSync(join(model, '1_Pooling'));
    writeFileSync(join(model, '1_Pooling/config.json'), JSON.stringify(poolingConfig));
  }
  const tinyItems = syntheticCatalog(40, options.seed ?? 1);
  const tinyCatalog = join(dir, `${name}.jsonl`);
  writeFileSync(tinyCatalog, jsonl(tinyItems));
  const out = join(dir, `${name}-index`);
  const summary = await buildIndex({ catalog: tinyCatalog, out, model, device: 'cpu', batch: 8 });
  const encoder = await loadEncoder({ model, device: 'cpu', dtype: 'q8' });
  try {
    const found = await (
      await openIndexFolder(out, { modelSha256: encoder.modelSha256, pooling: encoder.pooling })
    ).lookup(tinyItems.map((i) => i.id));
    const browser = await encoder.embed(tinyItems.map(itemText));
    const cosines = tinyItems.map((item, i) =>
      cosine(found.get(item.id)?.vector ?? new Float32Array(TINY_DIM), browser.subarray(i * TINY_DIM, (i + 1) * TINY_DIM)),
    );
    return { summary, out, encoderPooling: encoder.pooling, modelSha256: encoder.modelSha256, minCosine: Math.min(...cosines) };
  } finally {
    await encoder.dispose();
  }
}

test('a BERT-shaped model (last_hidden_state, a token_type_ids input): index vectors are mean-pooled as the browser pools them', async () => {
  const tiny = await tinyModelIndex('tiny-bert', { hiddenStateOnly: true, tokenTypeIds: true, seed: 3 });
  assert.equal(tiny.summary.dim, TINY_DIM);
  assert.equal(tiny.summary.model.pooling, 'mean');
  assert.ok(tiny.minCosine >= 0.999, `min cosine ${tiny.minCosine}`);
});

test('a last_hidden_state model with CLS pooling in its 1_Pooling/config.json: the index pools as the browser does', async () => {
  const tiny = await tinyModelIndex(
    'tiny-cls',
    { hiddenStateOnly: true, seed: 4 },
    { pooling_mode_cls_token: true, pooling_mode_mean_tokens: false },
  );
  assert.equal(tiny.summary.model.pooling, 'cls');
  assert.equal(tiny.encoderPooling, 'cls');
  assert.ok(tiny.minCosine >= 0.999, `min cosine ${tiny.minCosine}`);
  // A reader whose copy of the folder pools otherwise (its 1_Pooling file edited) refuses the index.
  await assert.rejects(openIndexFolder(tiny.out, { modelSha256: tiny.modelSha256, pooling: 'mean' }), /built with cls pooling/);
});
