// L2 normalisation: every vector the Ranker compares is unit length.

/** Scales `v` to unit length in place and returns its original length; a zero (or non-finite) vector is left as it is. */
export function l2NormalizeInPlace(v: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < v.length; k++) sum += (v[k] as number) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 1e-12 && Number.isFinite(norm)) for (let k = 0; k < v.length; k++) v[k] = (v[k] as number) / norm;
  return norm;
}

/** Each row of a row-major [rows × dim] matrix, in place; a zero row stays zero. */
export function l2NormalizeRows(rows: Float32Array, dim: number): Float32Array {
  for (let start = 0; start < rows.length; start += dim) l2NormalizeInPlace(rows.subarray(start, start + dim));
  return rows;
}
