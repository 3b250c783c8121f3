// Which signals exist for this list decides which fitted blend ranks it:
// what a shop gives is not the same everywhere (docs/RANKING.md, "Conditions").
//   full        — behavioural neighbours from the shop's log (an index built with one)
//   no-log      — catalog fields (category, brand) but no neighbours
//   titles-only — ids and titles: a plain page without an index
import type { RankCandidate } from './types.ts';

export const SITUATIONS = ['full', 'no-log', 'titles-only'] as const;
export type Situation = (typeof SITUATIONS)[number];

export interface SignalAvailability {
  /** Some candidate has co-purchase neighbours. */
  behaviour: boolean;
  /** Some candidate has a category or a brand. */
  fields: boolean;
  /** Some candidate has a content vector. */
  vectors: boolean;
}

const given = (value: string | undefined): boolean => typeof value === 'string' && value.trim() !== '';

export function availabilityOf(candidates: readonly RankCandidate[]): SignalAvailability {
  return {
    behaviour: candidates.some((c) => (c.neighbours?.length ?? 0) > 0),
    fields: candidates.some((c) => given(c.category) || given(c.brand)),
    vectors: candidates.some((c) => c.vector !== undefined && c.vector.length > 0),
  };
}

export function situationOf(available: Pick<SignalAvailability, 'behaviour' | 'fields'>): Situation {
  if (available.behaviour) return 'full';
  return available.fields ? 'no-log' : 'titles-only';
}
