// Two candidates are near-duplicates (variants of one product, e.g. sizes)
// when their content vectors almost coincide, or, without vectors, when their
// titles are the same apart from case and punctuation.
import type { RankCandidate } from './types.ts';
import { dot } from '../vector/dot.ts';

export const NEAR_DUPLICATE_COSINE = 0.97;

function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function nearDuplicates(a: RankCandidate, b: RankCandidate): boolean {
  if (a.vector && b.vector && a.vector.length === b.vector.length) return dot(a.vector, b.vector) >= NEAR_DUPLICATE_COSINE;
  const key = titleKey(a.title);
  return key !== '' && key === titleKey(b.title);
}
