import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timingSignal } from '../../../scripts/build-model/onnx-graph.ts';

test('timing signal rows are sin(p·inv) then cos(p·inv), one row per position', () => {
  const table = timingSignal(Float32Array.from([1, 0.5]), 3); // [3 positions, 4]
  assert.deepEqual(Array.from(table.subarray(0, 4)), [0, 0, 1, 1]);
  const row2 = Array.from(table.subarray(8, 12), (v) => +v.toFixed(6));
  assert.deepEqual(row2, [+Math.sin(2).toFixed(6), +Math.sin(1).toFixed(6), +Math.cos(2).toFixed(6), +Math.cos(1).toFixed(6)]);
});
