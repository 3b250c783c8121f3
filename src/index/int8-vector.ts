// int8 vectors with one float32 scale per vector: 4× smaller than float32 and,
// for L2-normalised embeddings, cosine to the original ≥ 0.999.

export interface Int8Vector {
  /** value[i] ≈ codes[i] * scale */
  codes: Int8Array;
  scale: number;
}

export function quantizeInt8(vector: Float32Array): Int8Vector {
  let maxAbs = 0;
  for (const v of vector) maxAbs = Math.max(maxAbs, Math.abs(v));
  // The scale is stored as float32: quantise with the stored value so the
  // codes are exactly what a reader multiplies back.
  const scale = Math.fround(maxAbs / 127);
  const codes = new Int8Array(vector.length);
  if (scale > 0) {
    for (let i = 0; i < vector.length; i++) {
      codes[i] = Math.max(-127, Math.min(127, Math.round((vector[i] ?? 0) / scale)));
    }
  }
  return { codes, scale };
}

/** Dequantised and L2-normalised again, as the Ranker expects unit vectors. */
export function dequantizeInt8(codes: Int8Array, scale: number): Float32Array {
  const out = new Float32Array(codes.length);
  let norm = 0;
  for (let i = 0; i < codes.length; i++) {
    const v = (codes[i] ?? 0) * scale;
    out[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}
