// Turns a model's output into one L2-normalised vector per text. Models that
// pool in their graph give `sentence_embedding`; plain transformers give
// `last_hidden_state`, pooled here the way the model was trained to be used:
// sentence-transformers' 1_Pooling/config.json says mean (the default), CLS
// (bge) or max.

export type PoolingMode = 'mean' | 'cls' | 'max';

/** The folder file that names a model's pooling (sentence-transformers layout). */
export const POOLING_CONFIG_FILE = '1_Pooling/config.json';

/** The mode a 1_Pooling/config.json asks for; mean when it names none we know. */
export function poolingModeOf(config: unknown): PoolingMode {
  const c = (config ?? {}) as Record<string, unknown>;
  if (c.pooling_mode_cls_token === true) return 'cls';
  if (c.pooling_mode_mean_tokens === true) return 'mean';
  if (c.pooling_mode_max_tokens === true) return 'max';
  return 'mean';
}

/** hidden: [batch, seq, dim] row-major; mask: [batch, seq] (0/1). */
export function poolHidden(
  mode: PoolingMode,
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  dim: number,
): Float32Array {
  if (mode === 'mean') return maskedMeanPool(hidden, mask, batch, seq, dim);
  if (hidden.length !== batch * seq * dim) throw new Error(`hidden state has ${hidden.length} values, expected ${batch}×${seq}×${dim}`);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    if (mode === 'cls') {
      // The first position ([CLS] for BERT-family tokenizers); padding is always on the right.
      if (seq > 0) out.set(hidden.subarray(b * seq * dim, b * seq * dim + dim), b * dim);
      continue;
    }
    let seen = false;
    for (let s = 0; s < seq; s++) {
      if (Number(mask[b * seq + s]) === 0) continue;
      const from = (b * seq + s) * dim;
      for (let d = 0; d < dim; d++) out[b * dim + d] = seen ? Math.max(out[b * dim + d]!, hidden[from + d]!) : hidden[from + d]!;
      seen = true;
    }
  }
  return out;
}

/** hidden: [batch, seq, dim] row-major; mask: [batch, seq] (0/1). */
export function maskedMeanPool(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  seq: number,
  dim: number,
): Float32Array {
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
