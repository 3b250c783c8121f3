// Plain data in, plain data out: the Ranker's contract. Nothing here touches
// the DOM, the worker, storage or the network, so the same ranking runs in
// the browser, the batch builder and the offline evaluation.

/** A behavioural neighbour learned offline from the shop's anonymised log
 *  (e.g. "bought together"): weight > 0, larger is stronger. */
export interface Neighbour {
  id: string;
  weight: number;
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
  /** No item moves more than this many places (up or down). */
  maxDisplacement: number;
  /** Blend weights; the shipped defaults when absent. */
  weights?: Record<string, number> | undefined;
  /** "Now" for recency, ms since epoch (passed in so ranking stays pure). */
  now: number;
}

export interface RankInput {
  /** L2-normalised query vector; absent when the query is empty. */
  queryVector?: Float32Array | undefined;
  candidates: RankCandidate[];
  /** Oldest first. */
  history: HistoryItem[];
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
}
