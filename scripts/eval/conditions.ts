// What a shop gives decides which signals exist on the shopper's device; the
// evaluation replays each case in each of these conditions:
//   full        — catalog fields + the shop's interaction log → an index with
//                 co-purchase neighbours (and content vectors);
//   no-log      — catalog fields and an index of content vectors, no log;
//   titles-only — ids and titles only: no index, no brand, category or
//                 description; items are embedded from their titles on the
//                 device.
import { UsageError } from '../cli/option-table.ts';
import type { Dataset } from './dataset.ts';

export const CONDITIONS = ['full', 'no-log', 'titles-only'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Every condition this folder's data allows: `full` needs purchases.jsonl. */
export function conditionsAllowed(dataset: Dataset): Condition[] {
  return CONDITIONS.filter((c) => c !== 'full' || dataset.purchases !== undefined);
}

/** `--condition a,b` checked against what the data allows (all of them when absent). */
export function chosenConditions(value: string | undefined, dataset: Dataset): Condition[] {
  const allowed = conditionsAllowed(dataset);
  if (value === undefined) return allowed;
  const wanted = value
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const c of wanted) {
    if (!(CONDITIONS as readonly string[]).includes(c)) {
      throw new UsageError(`--condition ${c}: expected one of ${CONDITIONS.join(', ')}`);
    }
    if (!allowed.includes(c as Condition)) {
      throw new UsageError(`--condition ${c}: needs purchases.jsonl in ${dataset.dir} (the shop's interaction log)`);
    }
  }
  return CONDITIONS.filter((c) => wanted.includes(c));
}
