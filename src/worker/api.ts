// The worker protocol, in one file: what the page and the worker exchange
// through comlink (plain data only), the error transfer that keeps an
// EdgeRerankError's `code` across the thread boundary, and the constants both
// sides share.
import { transferHandlers, type TransferHandler } from 'comlink';
import { EdgeRerankError, type ErrorCode, type Problem } from '../errors.ts';
import type { HistoryExport, NewEvent } from '../history/history-store.ts';
import type { Reason } from '../rank/types.ts';
import type { Situation } from '../rank/situation.ts';

export type { Problem } from '../errors.ts';
export type { HistoryExport } from '../history/history-store.ts';
export { EVENT_TYPES } from '../history/schema.ts';

/** What a page may ask for (`device` attribute). */
export const DEVICES = ['auto', 'webgpu', 'wasm'] as const;
export type Device = (typeof DEVICES)[number];
/** What a rerank ran on. */
export type Backend = Exclude<Device, 'auto'>;

/** ms without progress from the worker after which a waiting call gives up. */
export const DEFAULT_STALL_MS = 30_000;

/** One result item as read from the shop's DOM, in server order. */
export interface WireCandidate {
  id: string;
  serverRank: number;
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
  device: Device;
  strength: number;
  maxDisplacement: number;
}

export interface WorkerTimings {
  history: number;
  encoderLoad: number;
  /** Embedding the query: 0, since no fitted model reads a query vector (kept for pages that read the field). */
  query: number;
  vectors: number;
  rank: number;
  total: number;
}

export interface RerankResponse {
  /** Names this ranking: a click on this list sends it back (TrackEvent.rankingId). */
  rankingId: string;
  order: string[];
  scores: Record<string, number>;
  /** Structured reasons (the element turns them into text). */
  reasons: Record<string, Reason>;
  backend: Backend;
  /** What the list gave, which picked the fitted model (src/rank/situation.ts). */
  situation: Situation;
  /** Whether this ranking used the on-device encoder (only models that read content vectors load it). */
  usedEncoder: boolean;
  /** Number of history events the ranking used (0 → server order). */
  historySize: number;
  /** Candidates and history items embedded on the device for this rerank. */
  embedded: number;
  timings: WorkerTimings;
  /** Anything that went wrong but did not stop the rerank. */
  problems: Problem[];
}

/** One thing the shopper did. A click on a ranked list names that ranking,
 *  so on-device learning compares the click with what that list showed. */
export interface TrackEvent extends NewEvent {
  rankingId?: string | undefined;
}

/** One file the worker is downloading (model, runtime, index shard). `total`
 *  is 0 while unknown (no Content-Length, or a compressed response). */
export interface LoadProgress {
  file: string;
  loaded: number;
  total: number;
}

/** What the worker reports while it works, at most a few times a second. */
export interface WorkerReport {
  /** Grows with every downloaded chunk and finished step: the page's watchdog
   *  stops a worker whose count stands still while a call waits. */
  steps: number;
  /** Downloads that moved since the previous report. */
  downloads: LoadProgress[];
}

/** The worker's API. Failures are thrown as EdgeRerankError (code kept). */
export interface RerankWorkerApi {
  /** `historyChanges`: how many history changes the page has heard of; when
   *  it differs from the last call's, the worker reads history afresh. */
  rerank(request: RerankRequest, historyChanges?: number): Promise<RerankResponse>;
  /** Records one history event; a click on a ranked list also teaches the on-device weights. */
  track(event: TrackEvent): Promise<void>;
  forget(): Promise<void>;
  exportHistory(): Promise<HistoryExport>;
  /** Where reports go (a comlink proxy of the page's function). */
  listen(listener: (report: WorkerReport) => void): void;
}

/** This worker cannot serve the request and a fresh one can: thrown by the
 *  worker; the page's client replaces the worker and retries once (on WASM
 *  from then on when `avoidWebgpu`). */
export class FreshWorkerNeeded extends EdgeRerankError {
  constructor(
    message: string,
    readonly avoidWebgpu: boolean,
  ) {
    super('backend', message);
    this.name = 'FreshWorkerNeeded';
  }
}

interface ThrownEdgeError {
  edgeRerank: true;
  code: ErrorCode;
  message: string;
  /** Set for FreshWorkerNeeded. */
  avoidWebgpu?: boolean;
}

function isThrownEdgeError(value: unknown): value is ThrownEdgeError {
  return typeof value === 'object' && value !== null && (value as ThrownEdgeError).edgeRerank === true;
}

/** Makes comlink carry EdgeRerankError (and FreshWorkerNeeded) whole: both
 *  the worker and the page call this before their first message. Other
 *  errors keep comlink's own handling (message and name). */
export function installErrorTransfer(): void {
  const base = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, unknown>;
  if ((base as { edgeRerank?: boolean }).edgeRerank) return;
  const handler: TransferHandler<{ value: unknown }, unknown> & { edgeRerank: true } = {
    edgeRerank: true,
    canHandle: (value): value is { value: unknown } => base.canHandle(value),
    serialize({ value }) {
      if (!(value instanceof EdgeRerankError)) return base.serialize({ value });
      const wire: ThrownEdgeError = { edgeRerank: true, code: value.code, message: value.message };
      if (value instanceof FreshWorkerNeeded) wire.avoidWebgpu = value.avoidWebgpu;
      return [wire, []];
    },
    deserialize(wire) {
      if (!isThrownEdgeError(wire)) return base.deserialize(wire);
      throw wire.avoidWebgpu === undefined
        ? new EdgeRerankError(wire.code, wire.message)
        : new FreshWorkerNeeded(wire.message, wire.avoidWebgpu);
    },
  };
  transferHandlers.set('throw', handler);
}
