// Co-purchase pushes: how many other shoppers bought this candidate together
// with items of this shopper's history. Only the candidate's own neighbour
// list (from the index) and the device's history meet here.
import type { Neighbour } from './types.ts';

export interface BehaviourPush {
  /** ln(1 + Σ_h weight(h) · count(candidate, h)): the first co-purchases say most, a long tail of them little more. */
  value: number;
  /** Each history index's share of the value. */
  perHistory: Array<[number, number]>;
}

/** `historyByKey`: neighbourKey(history item id) → indexes into the history. */
export function behaviourPush(
  neighbours: readonly Neighbour[] | undefined,
  historyByKey: ReadonlyMap<number, readonly number[]>,
  historyWeight: readonly number[],
): BehaviourPush {
  const raw: Array<[number, number]> = [];
  let sum = 0;
  for (const n of neighbours ?? []) {
    if (!(n.count > 0) || !Number.isFinite(n.count)) continue;
    for (const index of historyByKey.get(n.key) ?? []) {
      const amount = (historyWeight[index] as number) * n.count;
      raw.push([index, amount]);
      sum += amount;
    }
  }
  if (!(sum > 0)) return { value: 0, perHistory: [] };
  const value = Math.log1p(sum);
  return { value, perHistory: raw.map(([index, amount]) => [index, (value * amount) / sum]) };
}
