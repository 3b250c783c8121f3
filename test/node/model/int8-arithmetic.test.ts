// arithmetic: 'int8' — the encoder runs the folder's integer-arithmetic file
// (onnx/model_int8.onnx: model_quantized.onnx's weights, MatMulIntegerToFloat)
// as the widget does on WASM. Its vectors keep the q8 file's identity and stay
// within cosine 0.999 of float arithmetic's; a folder that offers no such file
// runs model_quantized.onnx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { cosine } from '../../../src/vector/dot.ts';
import { productTitles } from './product-titles.ts';
import { TINY_DIM, writeTinyModel } from '../../support/tiny-model.ts';

const MODEL = join(process.cwd(), 'public/models/default');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
let root = '';

before(() => {
  root = mkdtempSync(join(tmpdir(), 'edge-rerank-int8-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

type WithArithmetic = { arithmetic: string };

test('default model: integer arithmetic on 250 titles, cosine ≥ 0.999 to float arithmetic, same modelSha256 (the q8 file), other vectors', async () => {
  const float = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8' });
  const int8 = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8', arithmetic: 'int8' });
  try {
    assert.equal((float as unknown as WithArithmetic).arithmetic, 'float');
    assert.equal((int8 as unknown as WithArithmetic).arithmetic, 'int8');
    assert.equal(int8.modelSha256, sha(join(MODEL, 'onnx/model_quantized.onnx')));
    assert.equal(int8.modelSha256, float.modelSha256);
    assert.equal(int8.dim, 512);
    const titles = productTitles(250);
    const [a, b] = [await float.embed(titles), await int8.embed(titles)];
    const cosines = titles.map((_, i) => cosine(a.subarray(i * 512, (i + 1) * 512), b.subarray(i * 512, (i + 1) * 512)));
    const min = Math.min(...cosines);
    console.log(`int8 vs float arithmetic: min cosine ${min.toFixed(6)}`);
    assert.ok(min >= 0.999, `min cosine ${min}`);
    assert.ok(Math.max(...cosines) < 1 - 1e-7, 'not the float graph under another name');
    // A text's vector does not depend on the batch it shares (per-token scales; float rounding aside).
    const alone = await int8.embed([titles[7]!]);
    assert.ok(cosine(alone, b.subarray(7 * 512, 8 * 512)) > 0.99999);
  } finally {
    await float.dispose();
    await int8.dispose();
  }
});

test('a folder whose config.json names no integer-arithmetic file runs model_quantized.onnx', async () => {
  const dir = join(root, 'unrecorded');
  writeTinyModel(dir, { recordFacts: false });
  const encoder = await loadEncoder({ model: dir, device: 'cpu', dtype: 'q8', arithmetic: 'int8' });
  try {
    assert.equal((encoder as unknown as WithArithmetic).arithmetic, 'float');
    assert.equal(encoder.modelSha256, sha(join(dir, 'onnx/model_quantized.onnx')));
    assert.equal(encoder.dim, TINY_DIM);
  } finally {
    await encoder.dispose();
  }
});

test('fp32 ignores the integer-arithmetic file; a bad arithmetic value is an input error', async () => {
  const dir = join(root, 'tiny');
  writeTinyModel(dir);
  const fp32 = await loadEncoder({ model: dir, device: 'cpu', dtype: 'fp32', arithmetic: 'int8' });
  assert.equal((fp32 as unknown as WithArithmetic).arithmetic, 'float');
  assert.equal(fp32.modelSha256, sha(join(dir, 'onnx/model.onnx')));
  await fp32.dispose();
  await assert.rejects(
    loadEncoder({ model: dir, device: 'cpu', dtype: 'q8', arithmetic: 'int4' as 'int8' }),
    (e: unknown) => e instanceof Error && /arithmetic "int4"/.test(e.message),
  );
});

test('the integer-arithmetic file is checked like every other: a changed byte is a model-load error naming it', async () => {
  const dir = join(root, 'damaged');
  writeTinyModel(dir);
  const file = join(dir, 'onnx/model_int8.onnx');
  const bytes = readFileSync(file);
  bytes[bytes.length - 3]! ^= 0x01;
  (await import('node:fs')).writeFileSync(file, bytes);
  await assert.rejects(
    loadEncoder({ model: dir, device: 'cpu', dtype: 'q8', arithmetic: 'int8' }),
    (e: unknown) => e instanceof Error && /onnx\/model_int8\.onnx: sha256 [0-9a-f]{64} does not match/.test(e.message),
  );
});
