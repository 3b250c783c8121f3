// The int8-arithmetic rewrite on the real model files: every weight MatMul of
// the q8 model moves to integer kernels, and a model without int8 weights is
// refused instead of silently running in float32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { withInt8Arithmetic } from '../../../scripts/build-index/int8-arithmetic.ts';

const ONNX = join(process.cwd(), 'public/models/default/onnx');
const opTypes = (bytes: Uint8Array) => (onnxProto.onnx.ModelProto.decode(bytes).graph?.node ?? []).map((n) => n.opType);

test('the q8 model: all 10 weight MatMuls become MatMulIntegerToFloat; only the embedding table is still dequantized', () => {
  const original = readFileSync(join(ONNX, 'model_quantized.onnx'));
  const { bytes, rewritten } = withInt8Arithmetic(original, 'q8');
  // 2 layers × (qkv, attention out, ffn in, ffn out) + layer 0's residual projection + the pooler.
  assert.equal(rewritten, 10);
  const before = opTypes(original);
  const after = opTypes(bytes);
  assert.equal(after.filter((t) => t === 'MatMulIntegerToFloat').length, 10);
  assert.equal(before.filter((t) => t === 'DequantizeLinear').length, 11);
  assert.equal(after.filter((t) => t === 'DequantizeLinear').length, 1);
  // The attention products (activation × activation) stay float MatMuls.
  assert.equal(after.filter((t) => t === 'MatMul').length, before.filter((t) => t === 'MatMul').length - 10);
});

test('the fp32 model has no int8 weights to compute with: a model-load error, not a float32 build', () => {
  assert.throws(
    () => withInt8Arithmetic(readFileSync(join(ONNX, 'model.onnx')), 'model.onnx'),
    /model\.onnx: no int8 weight MatMul .* needs the q8 model/,
  );
});
