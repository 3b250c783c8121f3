// Small statistics for the benchmarks: medians and ratios, rounded for JSON.

export const round = (x: number, digits = 1): number => +x.toFixed(digits);

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return round(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2, 2);
}

/** How many times faster `ours` is than `theirs` (> 1: ours is faster). */
export const speedup = (theirs: number, ours: number): number => round(theirs / ours, 2);
