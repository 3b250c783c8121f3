// Which items of a list can keep their place when it is reordered: the
// longest run of them already in the right relative order (a longest strictly
// increasing subsequence of their current positions, by patience sorting in
// O(n log n)). Everything else has to move.

/** Indices into `values` of one longest strictly increasing subsequence, ascending. */
export function longestIncreasing(values: readonly number[]): number[] {
  /** tails[k]: index of the smallest value that ends an increasing run of length k + 1. */
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] as number] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: number[] = new Array<number>(tails.length);
  for (let k = tails.length - 1, i = tails.at(-1) ?? -1; k >= 0; k--, i = previous[i] as number) out[k] = i;
  return out;
}
