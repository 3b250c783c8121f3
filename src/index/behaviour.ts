// Item-level behavioural signal learned offline from the shop's anonymised
// interaction log: "shoppers who bought X also bought Y". The batch builder
// stores each item's strongest neighbours in the index; on the device the
// Ranker intersects a candidate's neighbours with the shopper's own history,
// so no history ever has to leave the device.
import type { Neighbour } from '../rank/types.ts';

export interface LearnNeighboursOptions {
  /** Neighbours kept per item, strongest first. */
  topK?: number;
  /** Pairs seen in fewer baskets are dropped as noise. */
  minCount?: number;
}

export const DEFAULT_NEIGHBOURS_TOP_K = 20;

/**
 * Co-purchase neighbours: for each pair of distinct items bought by the same
 * shopper, weight = count(i, j) / sqrt(count(i) · count(j)) (cosine of the
 * item-by-shopper matrix), so popular items do not become everyone's
 * neighbour. Symmetric; each shopper counts once per item and per pair.
 */
export function learnNeighbours(histories: Iterable<string[]>, options: LearnNeighboursOptions = {}): Map<string, Neighbour[]> {
  const topK = Math.max(0, Math.floor(options.topK ?? DEFAULT_NEIGHBOURS_TOP_K));
  const minCount = Math.max(1, Math.floor(options.minCount ?? 1));
  const itemCount = new Map<string, number>();
  const pairCount = new Map<string, Map<string, number>>();

  const bump = (a: string, b: string): void => {
    let row = pairCount.get(a);
    if (!row) pairCount.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  };

  for (const items of histories) {
    const unique = [...new Set(items.filter((id) => typeof id === 'string' && id !== ''))];
    for (const id of unique) itemCount.set(id, (itemCount.get(id) ?? 0) + 1);
    for (let i = 0; i < unique.length; i++) {
      for (let j = i + 1; j < unique.length; j++) {
        bump(unique[i] as string, unique[j] as string);
        bump(unique[j] as string, unique[i] as string);
      }
    }
  }

  const out = new Map<string, Neighbour[]>();
  for (const [id, row] of pairCount) {
    const ci = itemCount.get(id) as number;
    const list: Neighbour[] = [];
    for (const [other, count] of row) {
      if (count < minCount) continue;
      list.push({ id: other, weight: count / Math.sqrt(ci * (itemCount.get(other) as number)) });
    }
    // Ties broken by id so the index is byte-identical across runs.
    list.sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (list.length > 0 && topK > 0) out.set(id, list.slice(0, topK));
  }
  return out;
}
