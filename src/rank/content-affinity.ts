// The encoder's content affinity, made to discriminate within one list: the
// candidates of a search are all about the query, so their raw cosines to any
// history item are high and alike. Subtracting the list's mean vector first
// (from candidates and history alike) leaves what sets a candidate apart from
// the rest of the page, and that is what a shopper's history can pick out.
import { dot } from '../vector/dot.ts';
import { l2NormalizeInPlace } from '../vector/l2.ts';

/** Candidates' vectors minus their mean, re-normalised; undefined stays undefined. */
export function centeredVectors(
  vectors: ReadonlyArray<Float32Array | undefined>,
  extra: ReadonlyArray<Float32Array | undefined>,
): { candidates: Array<Float32Array | undefined>; extra: Array<Float32Array | undefined> } {
  const dim = vectors.find((v) => v !== undefined)?.length ?? 0;
  const mean = new Float64Array(dim);
  let count = 0;
  for (const v of vectors) {
    if (!v || v.length !== dim) continue;
    for (let k = 0; k < dim; k++) mean[k] = (mean[k] as number) + (v[k] as number);
    count++;
  }
  if (count > 0) for (let k = 0; k < dim; k++) mean[k] = (mean[k] as number) / count;
  // One buffer for every centred vector: 200 separate 2 kB arrays cost more to allocate and collect than to fill.
  const rows = new Float32Array((vectors.length + extra.length) * dim);
  let used = 0;
  const center = (v: Float32Array | undefined): Float32Array | undefined => {
    if (!v || v.length !== dim || dim === 0) return undefined;
    const out = rows.subarray(used * dim, ++used * dim);
    for (let k = 0; k < dim; k++) out[k] = (v[k] as number) - (mean[k] as number);
    return l2NormalizeInPlace(out) > 1e-6 ? out : undefined;
  };
  return { candidates: vectors.map(center), extra: extra.map(center) };
}

/** Cosine of two centred unit vectors (0 when either is missing). */
export function centeredCosine(a: Float32Array | undefined, b: Float32Array | undefined): number {
  return a && b ? dot(a, b) : 0;
}
