// Dot product and cosine: the one place vectors are compared.

/** Σ a·b. Vectors of different lengths (other models) and non-finite sums compare as 0, never NaN. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
  return Number.isFinite(sum) ? sum : 0;
}

/** Cosine of two vectors of any length scale (dot product of unit vectors). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const norms = Math.sqrt(dot(a, a) * dot(b, b));
  return norms > 0 ? dot(a, b) / norms : 0;
}
