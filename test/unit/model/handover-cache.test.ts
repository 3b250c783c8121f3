import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HandoverCache } from '../../../src/model/handover-cache.ts';

const BYTES = new Uint8Array([1, 2, 3]);

test('handed-over bytes answer the path the encoder read and the hub-style key transformers.js also tries', async () => {
  const cache = new HandoverCache();
  cache.hand('/models/default/onnx/model_quantized.onnx', '/models/default', 'onnx/model_quantized.onnx', BYTES);
  for (const key of [
    '/models/default/onnx/model_quantized.onnx',
    'http://127.0.0.1:8080/models/default/onnx/model_quantized.onnx',
    'https://huggingface.co//models/default/resolve/main/onnx/model_quantized.onnx',
  ]) {
    const res = await cache.match(key);
    assert.deepEqual(new Uint8Array(await res!.arrayBuffer()), BYTES, key);
  }
});

test('other files and other models are not answered from the handover', async () => {
  const cache = new HandoverCache();
  cache.hand('/models/default/onnx/model_quantized.onnx', '/models/default', 'onnx/model_quantized.onnx', BYTES);
  assert.equal(await cache.match('/models/default/onnx/model.onnx'), undefined);
  assert.equal(await cache.match('/models/other/onnx/model_quantized.onnx'), undefined);
  assert.equal(await cache.match('/models/default/tokenizer.json'), undefined);
});

test("a folder's config.json does not answer for a file of the same name deeper down", async () => {
  const cache = new HandoverCache();
  cache.hand('/models/default/config.json', '/models/default', 'config.json', BYTES);
  assert.equal(await cache.match('/models/default/1_Pooling/config.json'), undefined);
  assert.equal(await cache.match('https://huggingface.co//models/default/resolve/main/1_Pooling/config.json'), undefined);
  assert.ok(await cache.match('https://huggingface.co//models/default/resolve/main/config.json'));
});

test('released bytes are gone (the cache does not keep 7 MB alive)', async () => {
  const cache = new HandoverCache();
  cache.hand('/m/onnx/model.onnx', '/m', 'onnx/model.onnx', BYTES);
  cache.release('/m/onnx/model.onnx');
  assert.equal(await cache.match('/m/onnx/model.onnx'), undefined);
});
