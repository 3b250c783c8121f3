// Turns a model's output into one L2-normalised vector per text. Models that
// pool in their graph give `sentence_embedding`; plain transformers give
// `last_hidden_state`, averaged over real (unmasked) tokens here.

/** hidden: [batch, seq, dim] row-major; mask: [batch, seq] (0/1). */
export function maskedMeanPool(hidden: Float32Array, mask: ArrayLike<number | bigint>, batch: number, seq: number, dim: number): Float32Array {
  if (hidden.length !== batch * seq * dim) throw new Error(`hidden state has ${hidden.length} values, expected ${batch}×${seq}×${dim}`);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    let count = 0;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s]) === 0) continue;
      count++;
      const from = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) out[b * dim + d]! += hidden[from + d]!;
    }
    // An empty text (no tokens) stays a zero vector.
    if (count > 0) for (let d = 0; d < dim; d++) out[b * dim + d]! /= count;
  }
  return out;
}

/** In place; a zero row stays zero. */
export function l2NormalizeRows(rows: Float32Array, dim: number): Float32Array {
  for (let r = 0; r < rows.length / dim; r++) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += rows[r * dim + d]! ** 2;
    const norm = Math.sqrt(sum);
    if (norm > 1e-12) for (let d = 0; d < dim; d++) rows[r * dim + d]! /= norm;
  }
  return rows;
}
