// Symmetric int8 weight quantization with one scale per slice along an axis
// (per output channel for matmul weights, per row for the embedding table).
// Per-tensor scales lose too much here (cosine ≈ 0.99, see FACTS.md).

export interface QuantizedMatrix {
  /** Same layout as the input matrix. */
  values: Int8Array;
  /** One scale per slice along `axis`; value ≈ int8 · scale. */
  scales: Float32Array;
}

/** `m` is [rows, cols] row-major; axis 0 = one scale per row, 1 = per column. */
export function quantizeInt8(m: Float32Array, rows: number, cols: number, axis: 0 | 1): QuantizedMatrix {
  if (m.length !== rows * cols) throw new Error(`matrix has ${m.length} values, expected ${rows}×${cols}`);
  const n = axis === 0 ? rows : cols;
  const maxAbs = new Float32Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = axis === 0 ? r : c;
      const a = Math.abs(m[r * cols + c]!);
      if (a > maxAbs[k]!) maxAbs[k] = a;
    }
  }
  // An all-zero slice keeps scale 1 so that dequantization never divides by 0.
  const scales = Float32Array.from(maxAbs, (a) => (a > 0 ? a / 127 : 1));
  const values = new Int8Array(m.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const q = Math.round(m[i]! / scales[axis === 0 ? r : c]!);
      values[i] = Math.max(-127, Math.min(127, q));
    }
  }
  return { values, scales };
}

export function dequantizeInt8(q: QuantizedMatrix, rows: number, cols: number, axis: 0 | 1): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = q.values[r * cols + c]! * q.scales[axis === 0 ? r : c]!;
  }
  return out;
}
