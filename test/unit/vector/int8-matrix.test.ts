import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dequantizeInt8Matrix as dequantizeInt8, quantizeInt8Matrix as quantizeInt8 } from '../../../src/vector/int8.ts';

// [2 rows, 3 cols]
const M = Float32Array.from([1.27, -0.5, 0, -2.54, 0.25, 0]);

test('per column: each column scaled by its own max |value| / 127', () => {
  const q = quantizeInt8(M, 2, 3, 1);
  assert.deepEqual(
    Array.from(q.scales, (s) => +s.toFixed(6)),
    [0.02, +(0.5 / 127).toFixed(6), 1],
  );
  // 1.27/0.02 = 63.5 → 64 (round half up), −2.54/0.02 = −127, −0.5 → −127, 0.25 → 63.5 → 64
  assert.deepEqual(Array.from(q.values), [64, -127, 0, -127, 64, 0]);
});

test('per row: each row scaled by its own max |value| / 127', () => {
  const q = quantizeInt8(M, 2, 3, 0);
  assert.deepEqual(
    Array.from(q.scales, (s) => +s.toFixed(6)),
    [0.01, 0.02],
  );
  assert.deepEqual(Array.from(q.values), [127, -50, 0, -127, 13, 0]);
});

test('dequantized values are within half a step of the original', () => {
  for (const axis of [0, 1] as const) {
    const q = quantizeInt8(M, 2, 3, axis);
    const back = dequantizeInt8(q, 2, 3, axis);
    M.forEach((v, i) => {
      const step = q.scales[axis === 0 ? Math.floor(i / 3) : i % 3]!;
      assert.ok(Math.abs(back[i]! - v) <= step / 2 + 1e-7, `value ${i} on axis ${axis}`);
    });
  }
});

test('an all-zero slice keeps scale 1 and zeros (no division by zero)', () => {
  const q = quantizeInt8(new Float32Array(4), 2, 2, 1);
  assert.deepEqual(Array.from(q.scales), [1, 1]);
  assert.deepEqual(Array.from(q.values), [0, 0, 0, 0]);
});

test('a matrix of the wrong size is refused', () => {
  assert.throws(() => quantizeInt8(new Float32Array(5), 2, 3, 0), /5 values, expected 2×3/);
});
