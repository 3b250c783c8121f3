// What on-device learning stores: the shopper's offset from the shipped
// default weights, not absolute weights. When an update ships new defaults,
// a returning shopper keeps what their clicks taught on top of the new
// defaults instead of ranking with weights fitted around the old ones; and
// one set of offsets applies to whichever situation's model ranks a list.
import { FEATURE_NAMES, type FeatureName } from './features.ts';

export type WeightOffsets = Partial<Record<FeatureName, number>>;

function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Weights to rank with: defaults plus the stored offsets (bad values count as 0). */
export function weightsFromOffsets(
  offsets: Record<string, number> | undefined,
  defaults: Record<FeatureName, number>,
): Record<FeatureName, number> {
  const out = {} as Record<FeatureName, number>;
  for (const name of FEATURE_NAMES) out[name] = defaults[name] + finite(offsets?.[name]);
  return out;
}

/** Offsets to store after learning produced `weights`. */
export function offsetsFromWeights(weights: Record<FeatureName, number>, defaults: Record<FeatureName, number>): WeightOffsets {
  const out: WeightOffsets = {};
  for (const name of FEATURE_NAMES) {
    const offset = finite(weights[name]) - defaults[name];
    if (offset !== 0) out[name] = offset;
  }
  return out;
}
