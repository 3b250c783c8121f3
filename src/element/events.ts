// The element's documented events: all bubble and cross shadow roots, so a
// shop can listen on document.
import type { Backend, Problem, WorkerTimings } from '../worker/api.ts';
import type { Reason } from '../rank/types.ts';
import type { Situation } from '../rank/situation.ts';

export const READY_EVENT = 'edge-rerank-ready';
export const RERANKED_EVENT = 'edge-rerank-reranked';
export const ERROR_EVENT = 'edge-rerank-error';
export const PROGRESS_EVENT = 'edge-rerank-progress';

export interface ReadyDetail {
  backend: Backend;
}

/** A model or index file loading, in the spirit of transformers.js's `progress_callback`. */
export interface ProgressDetail {
  /** The file's URL. */
  file: string;
  /** Bytes received so far. */
  loaded: number;
  /** The file's size in bytes (0 when the server did not say). */
  total: number;
}

/** `control`: this shopper is in the experiment's control group and saw the server order. */
export type Variant = 'control' | 'personalized';

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
  /** What this list gave, which picked the fitted model: `full` (the index's co-purchase data), `no-log` (category or brand), `titles-only`. */
  situation: Situation;
  /** Whether the on-device encoder ranked this list: models that read no content vectors never download it. */
  usedEncoder: boolean;
  timings: RerankTimings;
  /** False when the result came after the budget and the shopper was already using the list. */
  applied: boolean;
  /** History events this ranking used (0 → server order). */
  historySize: number;
  /** Candidates and history items embedded on the device for this rerank (0 when all came from data-vector, the index or the cache). */
  embedded: number;
  /** Which arm of the `experiment` this shopper is in (`personalized` when there is no experiment). */
  variant: Variant;
}

export type ErrorDetail = Problem;

/** Every event the elements fire, by name: `emit` only accepts these, with their detail. */
export interface EdgeRerankEventMap {
  'edge-rerank-ready': CustomEvent<ReadyDetail>;
  'edge-rerank-reranked': CustomEvent<RerankedDetail>;
  'edge-rerank-progress': CustomEvent<ProgressDetail>;
  'edge-rerank-error': CustomEvent<ErrorDetail>;
}

type DetailOf<K extends keyof EdgeRerankEventMap> = EdgeRerankEventMap[K] extends CustomEvent<infer D> ? D : never;

export function emit<K extends keyof EdgeRerankEventMap>(target: EventTarget, type: K, detail: DetailOf<K>): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  // Typed listeners: el.addEventListener('edge-rerank-reranked', (e) => e.detail.order)
  interface HTMLElementEventMap {
    'edge-rerank-ready': CustomEvent<ReadyDetail>;
    'edge-rerank-reranked': CustomEvent<RerankedDetail>;
    'edge-rerank-progress': CustomEvent<ProgressDetail>;
    'edge-rerank-error': CustomEvent<ErrorDetail>;
  }
}
