// The main thread's handle on the rerank worker: started lazily on first use,
// shared by every element on the page, and replaced after a crash or a stall.
// Either rejects every pending call with a 'worker' EdgeRerankError instead
// of hanging: a call never waits for a worker that stopped making progress.
// The WebGPU retry policy lives here and nowhere else.
import { wrap, proxy, releaseProxy, type Remote } from 'comlink';
import { EdgeRerankError, messageOf } from '../errors.ts';
import {
  DEFAULT_STALL_MS,
  FreshWorkerNeeded,
  installErrorTransfer,
  type HistoryExport,
  type LoadProgress,
  type RerankRequest,
  type RerankResponse,
  type RerankWorkerApi,
  type TrackEvent,
  type WorkerReport,
} from '../worker/api.ts';
import { DIST_FILES } from '../worker/dist-files.ts';
import { DEFAULT_DB_NAME } from '../history/schema.ts';
import { TabSync } from '../history/tab-sync.ts';
import { blockedSince, cspError, cspMark, watchCsp, type CspBlock } from '../worker/csp.ts';
import { crossOriginWorkerUrl } from './cross-origin-worker.ts';

/** Resolved from this module's own URL so dist/ works from any static host;
 *  the name carries a content hash (worker/dist-files.ts). */
export const WORKER_URL = new URL(`./${DIST_FILES.worker}`, import.meta.url);

export interface CallOptions {
  /** ms without progress from the worker after which the call gives up (default DEFAULT_STALL_MS). */
  stallMs?: number | undefined;
}

/** What changed in this shopper's stored history, here or in another tab. */
export interface HistoryChange {
  kind: 'forgotten' | 'recorded';
}

export interface WorkerClient {
  /** Throws EdgeRerankError (its code kept); notices that did not stop the rerank are in `problems`. */
  rerank(request: RerankRequest, options?: CallOptions): Promise<RerankResponse>;
  track(event: TrackEvent): Promise<void>;
  forget(): Promise<void>;
  exportHistory(): Promise<HistoryExport>;
  /** Download progress of model, runtime and index files; returns the unsubscribe function. */
  onProgress(listener: (progress: LoadProgress) => void): () => void;
  /** History recorded or forgotten by this page or any other tab of the shop. */
  onHistoryChange(listener: (change: HistoryChange) => void): () => void;
}

/** dist/ on another origin (a CDN) starts through a same-origin blob (cross-origin-worker.ts). */
function workerScriptUrl(): string | URL {
  if (typeof location === 'undefined' || WORKER_URL.origin === location.origin) return WORKER_URL;
  return crossOriginWorkerUrl(WORKER_URL.href, location.href);
}

/** Violations that stopped the worker itself: its script, or the blob: bootstrap a CDN needs. */
function workerBlocks(mark: number): CspBlock[] {
  return blockedSince(mark).filter((b) => b.directive.startsWith('worker-src') || b.blocked === WORKER_URL.href);
}

/** One started worker: its comlink proxy, its end, and its watchdog. */
class WorkerProcess {
  readonly api: Remote<RerankWorkerApi>;
  /** Rejects with a 'worker' EdgeRerankError once this worker is gone (crashed, stalled or stopped). */
  readonly ended: Promise<never>;
  readonly #worker: Worker;
  #end: (error: EdgeRerankError) => void = () => {};
  /** When the worker's step count (worker/progress.ts) last changed. */
  #progressedAt = performance.now();
  #steps = -1;
  #stopped = false;

  constructor(onReport: (report: WorkerReport) => void) {
    watchCsp();
    const mark = cspMark();
    this.#worker = new Worker(workerScriptUrl(), { type: 'module', name: 'edge-rerank' });
    this.ended = new Promise<never>((_, reject) => (this.#end = reject));
    this.ended.catch(() => undefined); // nobody may be waiting when it ends
    this.#worker.addEventListener('error', (event) => {
      event.preventDefault();
      const reason = `the worker ${WORKER_URL.href} crashed or failed to start${event.message ? `: ${event.message}` : ''}`;
      // The policy's violation event is queued as a task of its own; read it after.
      setTimeout(() => {
        const blocks = workerBlocks(mark);
        this.stop(blocks.length ? cspError('the worker', blocks) : reason);
      });
    });
    this.#worker.addEventListener('messageerror', () => this.stop('the worker sent a message that could not be read'));
    this.api = wrap<RerankWorkerApi>(this.#worker);
    const listener = (report: WorkerReport) => {
      if (report.steps !== this.#steps) {
        this.#steps = report.steps;
        this.#progressedAt = performance.now();
      }
      onReport(report);
    };
    // The worker's reports come back through this (comlink proxies the function).
    this.api.listen(proxy(listener)).catch(() => undefined); // a dead worker is reported through `ended`
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(reason: string | EdgeRerankError): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#end(typeof reason === 'string' ? new EdgeRerankError('worker', reason) : reason);
    this.api[releaseProxy]();
    this.#worker.terminate();
  }

  /** Stops this worker when it makes no progress for `stallMs` from now; returns the cancel function. */
  watch(stallMs: number): () => void {
    const since = performance.now();
    const timer = setInterval(
      () => {
        if (performance.now() - Math.max(since, this.#progressedAt) < stallMs) return;
        this.stop(
          `the worker made no progress for ${Math.round(stallMs / 1000)} s (a download that never finishes, or a frozen runtime); it was stopped and the next rerank starts a fresh one`,
        );
      },
      Math.min(1000, stallMs / 4),
    );
    return () => clearInterval(timer);
  }
}

class PageWorkerClient implements WorkerClient {
  #process: WorkerProcess | null = null;
  /** WebGPU failed on this page: every later rerank runs on WASM. */
  #avoidWebgpu = false;
  readonly #progressListeners = new Set<(progress: LoadProgress) => void>();
  #tabSync: TabSync | null = null;
  /** History changes this page has heard of; a rerank sent after one reads history afresh. */
  #historyChanges = 0;

  async rerank(request: RerankRequest, options: CallOptions = {}): Promise<RerankResponse> {
    this.#hearHistory();
    const attempt = () =>
      this.#call((api) => api.rerank(this.#avoidWebgpu ? { ...request, device: 'wasm' } : request, this.#historyChanges), options);
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof FreshWorkerNeeded)) throw err;
      // This worker's runtime cannot serve the request (WebGPU failed, or it
      // started on the WASM-only build): a fresh worker can, once.
      if (err.avoidWebgpu) this.#avoidWebgpu = true;
      this.#process?.stop(`the worker was replaced: ${err.message}`);
      const response = await attempt();
      return err.avoidWebgpu ? { ...response, problems: [err.toJSON(), ...response.problems] } : response;
    }
  }

  track(event: TrackEvent): Promise<void> {
    return this.#call((api) => api.track(event));
  }

  forget(): Promise<void> {
    return this.#call((api) => api.forget());
  }

  exportHistory(): Promise<HistoryExport> {
    return this.#call((api) => api.exportHistory());
  }

  onProgress(listener: (progress: LoadProgress) => void): () => void {
    this.#progressListeners.add(listener);
    return () => this.#progressListeners.delete(listener);
  }

  onHistoryChange(listener: (change: HistoryChange) => void): () => void {
    return this.#hearHistory().subscribe((change) => {
      if (change === 'forgotten') listener({ kind: 'forgotten' });
      else if (change === 'events') listener({ kind: 'recorded' });
    });
  }

  /** Every HistoryStore tells every tab (this one too) over a BroadcastChannel;
   *  listening here needs no worker. The count goes with each rerank: this
   *  page may hear a change (e.g. a forget in another tab) before its worker
   *  does, and the rerank it then asks for must not use the worker's older read. */
  #hearHistory(): TabSync {
    if (!this.#tabSync) {
      this.#tabSync = new TabSync(DEFAULT_DB_NAME);
      this.#tabSync.subscribe(() => this.#historyChanges++);
    }
    return this.#tabSync;
  }

  #report = (report: WorkerReport): void => {
    for (const download of report.downloads) for (const listener of this.#progressListeners) listener(download);
  };

  /** Runs one call on the current worker (starting one when needed); a crash
   *  or a stall, now or during the call, rejects with a 'worker' error. */
  async #call<T>(call: (api: Remote<RerankWorkerApi>) => Promise<T>, options: CallOptions = {}): Promise<T> {
    let current: WorkerProcess;
    try {
      if (!this.#process || this.#process.stopped) this.#process = new WorkerProcess(this.#report);
      current = this.#process;
    } catch (err) {
      throw new EdgeRerankError('worker', `cannot start the worker ${WORKER_URL.href}: ${messageOf(err)}`, { cause: err });
    }
    const unwatch = current.watch(options.stallMs ?? DEFAULT_STALL_MS);
    try {
      return await Promise.race([call(current.api), current.ended]);
    } catch (err) {
      if (err instanceof EdgeRerankError) throw err;
      throw new EdgeRerankError('worker', `worker call failed: ${messageOf(err)}`, { cause: err });
    } finally {
      unwatch();
    }
  }
}

/** The page's one client: every element shares it, and so one worker. */
export const workerClient: WorkerClient = new PageWorkerClient();

installErrorTransfer();
