// Item-level behavioural signal learned offline from the shop's anonymised
// interaction log: "shoppers who bought X also bought Y". The builder stores
// each item's strongest co-purchases in its shard; on the device the Ranker
// intersects a candidate's list with the shopper's own history, so no
// history ever has to leave the device.
//
// Raw counts, not a cosine: measured on the evaluation data, the number of
// shoppers who bought both ranks next purchases better than
// count / √(count(i)·count(j)), and longer lists (100 rather than 20) help
// (docs/RANKING.md).

/** One stored neighbour, as the builder knows it (ids become keys in the shard). */
export interface CoPurchase {
  id: string;
  /** Shoppers who bought both items. */
  count: number;
}

export interface LearnNeighboursOptions {
  /** Neighbours kept per item, most co-purchased first. */
  topK?: number;
  /** Pairs bought together by fewer shoppers are dropped as noise. */
  minCount?: number;
}

export const DEFAULT_NEIGHBOURS_TOP_K = 100;
/** Counts are stored as u16: a pair bought by more shoppers is stored as this. */
export const MAX_STORED_COUNT = 0xffff;

/**
 * For each item, the items bought by the same shoppers, by how many shoppers
 * bought both (ties by id, so equal logs give equal indexes). Symmetric;
 * each shopper counts once per item and once per pair.
 */
export function learnNeighbours(histories: Iterable<string[]>, options: LearnNeighboursOptions = {}): Map<string, CoPurchase[]> {
  const topK = Math.max(0, Math.floor(options.topK ?? DEFAULT_NEIGHBOURS_TOP_K));
  const minCount = Math.max(1, Math.floor(options.minCount ?? 1));
  const pairCount = new Map<string, Map<string, number>>();

  const bump = (a: string, b: string): void => {
    let row = pairCount.get(a);
    if (!row) pairCount.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  };

  for (const items of histories) {
    const unique = [...new Set(items.filter((id) => typeof id === 'string' && id !== ''))];
    for (let i = 0; i < unique.length; i++) {
      for (let j = i + 1; j < unique.length; j++) {
        bump(unique[i] as string, unique[j] as string);
        bump(unique[j] as string, unique[i] as string);
      }
    }
  }

  const out = new Map<string, CoPurchase[]>();
  for (const [id, row] of pairCount) {
    const list: CoPurchase[] = [];
    for (const [other, count] of row) if (count >= minCount) list.push({ id: other, count: Math.min(count, MAX_STORED_COUNT) });
    list.sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (list.length > 0 && topK > 0) out.set(id, list.slice(0, topK));
  }
  return out;
}
