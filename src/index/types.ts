// What the widget's CandidateIndex hands the Ranker for one item.
import type { Neighbour } from '../rank/types.ts';

export interface IndexedItem {
  id: string;
  /** Dequantised, L2-normalised content vector. */
  vector: Float32Array;
  /** Behavioural neighbours (keys + co-purchase counts), ascending by key; empty without an interaction log. */
  neighbours: Neighbour[];
}
