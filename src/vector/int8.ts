// Symmetric int8 quantisation: value ≈ code · scale, codes in [-127, 127].
// Vectors (the index's shards, the device's vector cache) use one scale per
// vector: 4× smaller than float32 and cosine ≥ 0.999 for embeddings. The
// model build uses the matrix form, one scale per row or column (per-tensor
// scales lose too much: cosine ≈ 0.99).
import { l2NormalizeInPlace } from './l2.ts';

export interface Int8Vector {
  /** value[i] ≈ codes[i] · scale */
  codes: Int8Array;
  scale: number;
}

/** One value's code for a given scale: rounded, clamped to ±127 (never -128, so the code range is symmetric). */
export function int8Code(value: number, scale: number): number {
  const q = Math.round(value / scale);
  return q > 127 ? 127 : q < -127 ? -127 : q;
}

/** The largest |x| maps to ±127. The scale is rounded to float32 first, as
 *  stored, so the codes are exactly what a reader multiplies back. Returns
 *  undefined for a vector with NaN or ±Infinity: storing garbage would poison
 *  every later comparison, recomputing is cheaper. */
export function quantizeInt8(vector: ArrayLike<number>): Int8Vector | undefined {
  let maxAbs = 0;
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i] as number;
    if (!Number.isFinite(x)) return undefined;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  const scale = Math.fround(maxAbs / 127);
  const codes = new Int8Array(vector.length);
  if (scale > 0) for (let i = 0; i < vector.length; i++) codes[i] = int8Code(vector[i] as number, scale);
  return { codes, scale };
}

/** Back to float32, L2-normalised again, as every comparison expects unit vectors (a zero vector stays zero). */
export function dequantizeInt8(codes: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = (codes[i] as number) * scale;
  l2NormalizeInPlace(out);
  return out;
}

export interface Int8Matrix {
  /** Same row-major layout as the input matrix. */
  values: Int8Array;
  /** One scale per slice along `axis`; value ≈ int8 · scale. */
  scales: Float32Array;
}

/** `m` is [rows, cols] row-major; axis 0 = one scale per row, 1 = per column.
 *  An all-zero slice keeps scale 1 so dequantisation never divides by 0. */
export function quantizeInt8Matrix(m: Float32Array, rows: number, cols: number, axis: 0 | 1): Int8Matrix {
  if (m.length !== rows * cols) throw new Error(`matrix has ${m.length} values, expected ${rows}×${cols}`);
  const maxAbs = new Float64Array(axis === 0 ? rows : cols);
  const slice = (r: number, c: number): number => (axis === 0 ? r : c);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) maxAbs[slice(r, c)] = Math.max(maxAbs[slice(r, c)]!, Math.abs(m[r * cols + c]!));
  }
  // Quantise with the float32 scales as stored, as for vectors.
  const scales = Float32Array.from(maxAbs, (a) => (a > 0 ? a / 127 : 1));
  const values = new Int8Array(m.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) values[r * cols + c] = int8Code(m[r * cols + c]!, scales[slice(r, c)]!);
  }
  return { values, scales };
}

export function dequantizeInt8Matrix(q: Int8Matrix, rows: number, cols: number, axis: 0 | 1): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[r * cols + c] = q.values[r * cols + c]! * q.scales[axis === 0 ? r : c]!;
  }
  return out;
}
