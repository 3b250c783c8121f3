import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dequantizeInt8, quantizeInt8 } from '../../../src/vector/int8.ts';

test('the largest magnitude maps to ±127 and the rest scale with it', () => {
  const { codes, scale } = quantizeInt8(new Float32Array([0.5, -1, 0.25, 0]))!;
  assert.deepEqual([...codes], [64, -127, 32, 0]); // 0.5·127 = 63.5 rounds up, 0.25·127 = 31.75
  assert.equal(scale, Math.fround(1 / 127));
});

test('a zero vector stays zero, with scale 0 and no NaN', () => {
  const { codes, scale } = quantizeInt8(new Float32Array(3))!;
  assert.equal(scale, 0);
  assert.deepEqual([...codes], [0, 0, 0]);
  assert.deepEqual([...dequantizeInt8(codes, scale)], [0, 0, 0]);
});

test('dequantised vectors are unit length again', () => {
  const v = dequantizeInt8(new Int8Array([3, 4]), 0.1);
  assert.ok(Math.abs((v[0] ?? 0) - 0.6) < 1e-6);
  assert.ok(Math.abs((v[1] ?? 0) - 0.8) < 1e-6);
});

test('a unit 512-d vector survives the round trip with cosine ≥ 0.999', () => {
  let seed = 7; // small LCG: the same "random" vector on every run
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const v = new Float32Array(512).map(next);
  const norm = Math.hypot(...v);
  v.forEach((x, i) => (v[i] = x / norm));
  const { codes, scale } = quantizeInt8(v)!;
  const back = dequantizeInt8(codes, scale);
  const cosine = v.reduce((sum, x, i) => sum + x * (back[i] ?? 0), 0);
  assert.ok(cosine >= 0.999, `cosine ${cosine}`);
});

test('a negative extreme maps to -127, never -128', () => {
  assert.deepEqual([...quantizeInt8(new Float32Array([-2, 1]))!.codes], [-127, 64]);
});

test('vectors with NaN or Infinity are refused (undefined), not stored', () => {
  assert.equal(quantizeInt8(new Float32Array([0.1, Number.NaN])), undefined);
  assert.equal(quantizeInt8(new Float32Array([Number.POSITIVE_INFINITY, 0])), undefined);
});
