// Plain data in, plain data out: the Ranker's contract. Nothing here touches
// the DOM, the worker, storage or the network, so the same ranking runs in
// the browser, the batch builder and the offline evaluation.
import type { FeatureName } from './features.ts';
import type { Situation } from './situation.ts';
import type { RankingModel } from './default-weights.ts';

/** A behavioural neighbour learned offline from the shop's anonymised log:
 *  an item that other shoppers bought together with this one. The index
 *  stores ids as keys (`neighbourKey(id)`, src/rank/neighbour-key.ts), so the
 *  device matches them against its own history without any lookup. */
export interface Neighbour {
  /** neighbourKey(id) of the other item. */
  key: number;
  /** How many shoppers bought both (raw co-purchase count, > 0). */
  count: number;
}

export type HistoryEventType = 'view' | 'click' | 'cart' | 'purchase';

/** One product in the server's list, in server order. */
export interface RankCandidate {
  id: string;
  /** 0-based position in the server's list. */
  serverRank: number;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
  /** L2-normalised content vector; absent when none could be had. */
  vector?: Float32Array | undefined;
  /** Behavioural neighbours from the index; absent when the shop has none. */
  neighbours?: Neighbour[] | undefined;
  /** Pinned items keep their slot. */
  pinned?: boolean | undefined;
}

/** One thing this shopper did, from their own device's history. */
export interface HistoryItem {
  itemId: string;
  title: string;
  type: HistoryEventType;
  /** ms since epoch. */
  time: number;
  category?: string | undefined;
  brand?: string | undefined;
  /** L2-normalised content vector of the item, when known. */
  vector?: Float32Array | undefined;
}

export interface RankOptions {
  /** 0 = server order, 1 = full personalization. */
  strength: number;
  /** No item moves more than this many places (up or down); the fitted
   *  model's own limit applies when it is smaller. */
  maxDisplacement: number;
  /** Blend weights replacing the fitted ones for this list's situation (the
   *  trainer and the evaluation's ablations); unknown keys are ignored. */
  weights?: Record<string, number> | undefined;
  /** What this shopper's clicks taught: added to the fitted weights of this
   *  list's situation (src/rank/learned-weights.ts). */
  weightOffsets?: Record<string, number> | undefined;
  /** A whole model replacing the fitted one for this list's situation
   *  (the trainer's grid); `weights` still overrides its weights. */
  model?: RankingModel | undefined;
  /** "Now" for recency, ms since epoch (passed in so ranking stays pure). */
  now: number;
}

/** How many catalog titles contain a term: the index's IDF table, fetched
 *  whole (never per term, which would reveal the history's words). Terms are
 *  the title grams' 32-bit hashes (titleGrams in src/rank/lexical.ts). */
export interface TermStatistics {
  /** Titles the statistics were counted over. */
  documents: number;
  /** Titles containing the term (0 for a term never seen). */
  documentFrequency(termHash: number): number;
}

export interface RankInput {
  /** L2-normalised query vector; absent when the query is empty. Not used by
   *  the fitted blends (query relevance is the server's job, and the small
   *  encoder does it worse: docs/RANKING.md). */
  queryVector?: Float32Array | undefined;
  candidates: RankCandidate[];
  /** Oldest first. */
  history: HistoryItem[];
  /** The catalog's term statistics, when an index provides them. */
  terms?: TermStatistics | undefined;
  options: RankOptions;
}

/** Which signal carried the push that a reason names. */
export type ReasonKind = 'bought-together' | 'similar' | 'same-brand' | 'same-category' | 'seen-before' | 'bought-before';

/** Why an item moved up: the history item that pushed it most, as data (the
 *  element turns it into text, with the shop's own templates when given). */
export interface Reason {
  /** The candidate that moved up. */
  itemId: string;
  /** The history item that pushed it most. */
  historyItemId: string;
  historyTitle: string;
  /** What the shopper did with that history item. */
  historyType: HistoryEventType;
  kind: ReasonKind;
}

export interface RankResult {
  /** All candidate ids, new order. */
  order: string[];
  /** Final score per candidate id. */
  scores: Record<string, number>;
  /** Only for items that moved up because of history: names a real history item. */
  reasons: Record<string, Reason>;
  /** Per-candidate signal values, for on-device learning from clicks. */
  features: Record<string, Record<string, number>>;
  /** Which fitted blend ranked this list (from the signals it had). */
  situation: Situation;
  /** The weights it ranked with (fitted + offsets, or the given override). */
  weights: Record<FeatureName, number>;
}
