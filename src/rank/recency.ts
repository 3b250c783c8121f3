// How much each history item counts: recent items more than old ones, both by
// position (the last few things a shopper did) and by age in days (a view
// from last year says little), and purchases more than passing views.
import type { HistoryEventType, HistoryItem } from './types.ts';

/** Each step back in the history keeps this share of the weight. */
export const POSITION_DECAY = 0.85;
/** Weight halves every this many days. */
export const HALF_LIFE_DAYS = 60;
const DAY_MS = 86_400_000;

export const EVENT_WEIGHT: Record<HistoryEventType, number> = {
  purchase: 1,
  cart: 0.8,
  click: 0.6,
  view: 0.4,
};

/** One weight per history item (oldest first in, same order out), in (0, 1]. */
export function historyWeights(history: readonly HistoryItem[], now: number): number[] {
  const n = history.length;
  return history.map((h, index) => {
    const stepsBack = n - 1 - index;
    const ageDays = Number.isFinite(h.time) && Number.isFinite(now) ? Math.max(0, (now - h.time) / DAY_MS) : 0;
    const typeWeight = EVENT_WEIGHT[h.type] ?? EVENT_WEIGHT.view;
    return typeWeight * POSITION_DECAY ** stepsBack * 0.5 ** (ageDays / HALF_LIFE_DAYS);
  });
}
