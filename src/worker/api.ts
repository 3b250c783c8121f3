// The worker's API: one TypeScript interface exposed through comlink. Only
// plain data crosses the thread boundary; errors come back as data (comlink
// would drop EdgeRerankError's `code`).
import type { ErrorCode } from '../errors.ts';
import type { NewEvent } from '../history/history-store.ts';
import type { Reason } from '../rank/types.ts';

export type Backend = 'webgpu' | 'wasm';

/** One result item as read from the shop's DOM, in server order. */
export interface WireCandidate {
  id: string;
  serverRank: number;
  serverScore?: number | undefined;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
  description?: string | undefined;
  /** data-vector as the page wrote it (base64 int8 or float32); decoded in the worker. */
  vector?: string | undefined;
  pinned?: boolean | undefined;
}

export interface RerankRequest {
  query: string;
  candidates: WireCandidate[];
  /** Absolute model folder URL, or a hub id. */
  model: string;
  /** Absolute index base URL, or null. */
  index: string | null;
  device: 'auto' | 'webgpu' | 'wasm';
  strength: number;
  maxDisplacement: number;
}

export interface Problem {
  code: ErrorCode;
  message: string;
}

export interface WorkerTimings {
  history: number;
  encoderLoad: number;
  query: number;
  vectors: number;
  rank: number;
  total: number;
}

export interface RerankResponse {
  order: string[];
  scores: Record<string, number>;
  /** Structured reasons (the element turns them into text). */
  reasons: Record<string, Reason>;
  backend: Backend;
  /** Number of history events the ranking used (0 → server order). */
  historySize: number;
  /** Candidates and history items embedded on the device for this rerank. */
  embedded: number;
  timings: WorkerTimings;
  /** Anything that went wrong but did not stop the rerank. */
  problems: Problem[];
}

/** One thing the shopper did, as the HistoryStore records it. */
export type TrackEvent = NewEvent;

export type Outcome<T> =
  | { ok: true; value: T }
  /** restart: this worker cannot serve the request (e.g. WebGPU asked after a
   *  WASM-only start); a fresh one can — on WASM only when avoidWebgpu. */
  | { ok: false; problem: Problem; restart?: boolean; avoidWebgpu?: boolean };

/** What the main thread tells every call, so a retry in a fresh worker can change course. */
export interface CallContext {
  /** WebGPU failed on this page: every later rerank uses WASM. */
  avoidWebgpu: boolean;
}

export interface RerankWorkerApi {
  rerank(request: RerankRequest): Promise<Outcome<RerankResponse>>;
  /** Records one history event; a click also teaches the on-device weights. */
  track(event: TrackEvent): Promise<Outcome<null>>;
  forget(): Promise<Outcome<null>>;
  exportHistory(): Promise<Outcome<unknown>>;
}
