// Turns scores into an order that keeps the shop's promises: pinned items stay
// in their slots, nothing moves more than `maxDisplacement` places, and
// personalization does not stack near-duplicates on top of each other.

export interface PlacementInput {
  /** Blended score per item, items given in server order. */
  scores: readonly number[];
  /** Pinned items keep their server slot. */
  pinned: readonly boolean[];
  /** No item lands more than this many slots from its server slot. */
  maxDisplacement: number;
  /** True when two items (server positions) are near-duplicates. */
  isNearDuplicate?: ((a: number, b: number) => boolean) | undefined;
  /** An item moving up is not placed within this many slots after a near-duplicate (0 = off). */
  duplicateGap?: number | undefined;
}

/**
 * Returns server positions in their new order. Greedy, slot by slot: the
 * best-scoring item that may take the slot and still leaves a valid place for
 * every other item. Because every item's allowed window [p − D, p + D] moves
 * monotonically with its server position p, the leftover items always fit iff
 * the k-th leftover item (by server position) fits the k-th leftover free
 * slot, so each check is linear.
 */
export function placeItems(input: PlacementInput): number[] {
  const n = input.scores.length;
  const limit = Math.max(0, Math.floor(Number.isFinite(input.maxDisplacement) ? input.maxDisplacement : n));
  const gap = Math.max(0, Math.floor(input.duplicateGap ?? 0));
  const order: number[] = new Array<number>(n).fill(-1);
  const placed: boolean[] = new Array<boolean>(n).fill(false);
  const freeSlots: number[] = [];
  for (let p = 0; p < n; p++) {
    if (input.pinned[p]) {
      order[p] = p;
      placed[p] = true;
    } else freeSlots.push(p);
  }
  const score = (p: number): number => {
    const s = input.scores[p] as number;
    return Number.isFinite(s) ? s : -Infinity;
  };

  const byScore = (a: number, b: number): number => (a === b ? 0 : a > b ? -1 : 1);

  /** Would placing `x` in freeSlots[slotIndex] leave a valid spot for every other item? */
  const leavesRoom = (x: number, slotIndex: number): boolean => {
    if (limit >= n - 1) return true; // every free slot is within reach of every item
    let k = slotIndex + 1;
    for (let p = 0; p < n; p++) {
      if (placed[p] || p === x) continue;
      const slot = freeSlots[k++] as number;
      if (Math.abs(slot - p) > limit) return false;
    }
    return true;
  };

  const blockedAsDuplicate = (x: number, slot: number): boolean => {
    if (gap === 0 || !input.isNearDuplicate || slot >= x) return false;
    for (let s = Math.max(0, slot - gap); s < slot; s++) {
      const other = order[s] as number;
      if (other >= 0 && input.isNearDuplicate(x, other)) return true;
    }
    return false;
  };

  // Every item, best first (ties: server order). A slot's choices are the
  // unplaced items within reach, in this order: one sort, not one per slot.
  const ranked = Array.from({ length: n }, (_, p) => p).sort((a, b) => byScore(score(a), score(b)) || a - b);
  freeSlots.forEach((slot, slotIndex) => {
    let chosen = -1;
    let fallback = -1;
    let first = -1;
    for (const p of ranked) {
      if (placed[p] || Math.abs(slot - p) > limit) continue;
      if (first < 0) first = p;
      if (!leavesRoom(p, slotIndex)) continue;
      if (fallback < 0) fallback = p;
      if (!blockedAsDuplicate(p, slot)) {
        chosen = p;
        break;
      }
    }
    if (chosen < 0) chosen = fallback;
    // The server order itself is always valid, so a choice always exists;
    // this guard only protects against a broken invariant.
    if (chosen < 0) chosen = first >= 0 ? first : (freeSlots.find((p) => !placed[p]) ?? slot);
    order[slot] = chosen;
    placed[chosen] = true;
  });
  return order;
}
