import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dequantizeInt8, quantizeInt8 } from '../../../src/history/int8-vector.ts';

test('the largest magnitude maps to ±127 and the rest scale with it', () => {
  const q = quantizeInt8(new Float32Array([1.27, -0.64, 0.01, 0]));
  assert.ok(q);
  assert.deepEqual([...q.data], [127, -64, 1, 0]);
  assert.ok(Math.abs(q.scale - 0.01) < 1e-8);
  const back = dequantizeInt8(q);
  assert.ok(Math.abs((back[0] as number) - 1.27) < 1e-6);
  assert.ok(Math.abs((back[1] as number) + 0.64) < 1e-6);
});

test('a negative extreme also maps to -127, never -128', () => {
  const q = quantizeInt8(new Float32Array([-2, 1]));
  assert.deepEqual([...(q?.data ?? [])], [-127, 64]);
});

test('a zero vector round-trips to zeros with scale 0', () => {
  const q = quantizeInt8(new Float32Array(4));
  assert.deepEqual(q && { data: [...q.data], scale: q.scale }, { data: [0, 0, 0, 0], scale: 0 });
  assert.deepEqual([...dequantizeInt8(q!)], [0, 0, 0, 0]);
});

test('vectors with NaN or Infinity are refused, not cached', () => {
  assert.equal(quantizeInt8(new Float32Array([0.1, Number.NaN])), undefined);
  assert.equal(quantizeInt8(new Float32Array([Number.POSITIVE_INFINITY, 0])), undefined);
});

test('an embedding-like 384-d unit vector keeps cosine ≥ 0.999', () => {
  // Deterministic pseudo-random values (LCG), then L2-normalised.
  let seed = 12345;
  const v = new Float32Array(384).map(() => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  });
  const norm = Math.hypot(...v);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  const back = dequantizeInt8(quantizeInt8(v)!);
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += (v[i] as number) * (back[i] as number);
  const cos = dot / (Math.hypot(...v) * Math.hypot(...back));
  assert.ok(cos >= 0.999, `cosine ${cos}`);
  assert.ok(cos < 1, 'int8 is lossy: an exact 1 would mean nothing was quantised');
});
