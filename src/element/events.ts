// The element's documented events: all bubble and cross shadow roots, so a
// shop can listen on document.
import type { Backend, Problem, WorkerTimings } from '../worker/api.ts';
import type { Reason } from '../rank/types.ts';

export const READY_EVENT = 'edge-rerank-ready';
export const RERANKED_EVENT = 'edge-rerank-reranked';
export const ERROR_EVENT = 'edge-rerank-error';

export interface ReadyDetail {
  backend: Backend;
}

export interface RerankTimings extends WorkerTimings {
  /** Reading the DOM into candidates (main thread). */
  readDom: number;
  /** Moving nodes and badges (main thread). */
  apply: number;
  /** Start of the rerank → DOM reordered, as the shopper sees it. */
  endToEnd: number;
}

export interface RerankedDetail {
  /** Candidate ids in their new order (== server order when nothing better is known). */
  order: string[];
  scores: Record<string, number>;
  /** Only items moved up because of history: the text shown, by item id; each names a real history item. */
  reasons: Record<string, string>;
  /** The same reasons as data, in the new order: which history item pushed each item up, and through which signal. */
  reasonDetails: Reason[];
  backend: Backend;
  timings: RerankTimings;
  /** False when the result came after the budget and the shopper was already using the list. */
  applied: boolean;
  /** History events this ranking used (0 → server order). */
  historySize: number;
  /** Candidates and history items embedded on the device for this rerank (0 when all came from data-vector, the index or the cache). */
  embedded: number;
}

export type ErrorDetail = Problem;

export function emit<T>(target: EventTarget, type: string, detail: T): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'edge-rerank-ready': CustomEvent<ReadyDetail>;
    'edge-rerank-reranked': CustomEvent<RerankedDetail>;
    'edge-rerank-error': CustomEvent<ErrorDetail>;
  }
}
