// Vectors are cached as int8 with one scale per vector: a quarter of the
// bytes of float32, and per-vector (not per-store) scales keep cosine to the
// original above 0.999 for embedding-like vectors.

export interface Int8Vector {
  data: Int8Array;
  /** Multiply a stored value by this to get the original value back. */
  scale: number;
}

/** Symmetric quantisation: the largest |x| maps to ±127. Returns undefined
 *  for vectors with non-finite values: caching garbage would poison every
 *  later rerank, recomputing is cheaper. */
export function quantizeInt8(vector: Float32Array): Int8Vector | undefined {
  let max = 0;
  for (const x of vector) {
    if (!Number.isFinite(x)) return undefined;
    const abs = Math.abs(x);
    if (abs > max) max = abs;
  }
  const data = new Int8Array(vector.length);
  if (max === 0) return { data, scale: 0 };
  const scale = max / 127;
  for (let i = 0; i < vector.length; i++) {
    const q = Math.round((vector[i] as number) / scale);
    data[i] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return { data, scale };
}

export function dequantizeInt8({ data, scale }: Int8Vector): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = (data[i] as number) * scale;
  return out;
}
