// The main thread's handle on the rerank worker: started lazily on first use,
// shared by every element on the page, and restarted after a crash or a
// stall. Either answers every pending call with a 'worker' problem instead of
// hanging: a call never waits for a worker that stopped making progress.
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { CallContext, Outcome, Problem, RerankWorkerApi } from '../worker/api.ts';
import { DIST_FILES } from '../worker/dist-files.ts';
import { crossOriginWorkerUrl } from './cross-origin-worker.ts';
import { PROGRESS_KEY } from '../worker/progress.ts';

/** Resolved from this module's own URL so dist/ works from any static host;
 *  the name carries a content hash (worker/dist-files.ts). */
export const WORKER_URL = new URL(`./${DIST_FILES.worker}`, import.meta.url);

/** A worker that reports no progress for this long while a call waits is stopped. */
export const DEFAULT_STALL_MS = 30_000;

interface Running {
  worker: Worker;
  api: Remote<RerankWorkerApi>;
  /** Settles with the reason once this worker is gone (crashed, stalled or stopped). */
  ended: Promise<string>;
  end: (reason: string) => void;
  /** When the worker's progress count (worker/progress.ts) last changed. */
  progressedAt: number;
  stopped: boolean;
}

let running: Running | null = null;
const context: CallContext = { avoidWebgpu: false };

/** An outcome, plus what happened on the way (e.g. the worker was restarted after WebGPU failed). */
export type CallOutcome<T> = Outcome<T> & { notices?: Problem[] };

/** dist/ on another origin (a CDN) starts through a same-origin blob (cross-origin-worker.ts). */
function workerScriptUrl(): string | URL {
  if (typeof location === 'undefined' || WORKER_URL.origin === location.origin) return WORKER_URL;
  return crossOriginWorkerUrl(WORKER_URL.href, location.href);
}

function start(): Running {
  const worker = new Worker(workerScriptUrl(), { type: 'module', name: 'edge-rerank' });
  let end: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => (end = resolve));
  const current: Running = { worker, api: wrap<RerankWorkerApi>(worker), ended, end, progressedAt: performance.now(), stopped: false };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    stop(current, `the worker ${WORKER_URL.href} crashed or failed to start${event.message ? `: ${event.message}` : ''}`);
  });
  worker.addEventListener('messageerror', () => stop(current, 'the worker sent a message that could not be read'));
  let lastCount: unknown;
  worker.addEventListener('message', (event: MessageEvent) => {
    const count = (event.data as Record<string, unknown> | null)?.[PROGRESS_KEY];
    if (typeof count === 'number' && count !== lastCount) {
      lastCount = count;
      current.progressedAt = performance.now();
    }
  });
  return current;
}

function stop(which: Running, reason: string): void {
  if (running === which) running = null;
  if (which.stopped) return;
  which.stopped = true;
  which.end(reason);
  which.api[releaseProxy]();
  which.worker.terminate();
}

/** Stops `which` when it makes no progress for `stallMs` after `since`; returns the cancel function. */
function watch(which: Running, since: number, stallMs: number): () => void {
  const timer = setInterval(
    () => {
      if (performance.now() - Math.max(since, which.progressedAt) < stallMs) return;
      stop(
        which,
        `the worker made no progress for ${Math.round(stallMs / 1000)} s (a download that never finishes, or a frozen runtime); it was stopped and the next rerank starts a fresh one`,
      );
    },
    Math.min(1000, stallMs / 4),
  );
  return () => clearInterval(timer);
}

export interface CallOptions {
  /** ms without progress from the worker after which the call gives up (default DEFAULT_STALL_MS). */
  stallMs?: number | undefined;
}

/** Runs one worker call; a crash or a stall (now or during the call) becomes a
 *  'worker' problem. A worker that cannot serve the call (WebGPU failed, or
 *  needs a runtime it did not start with) is replaced once and the call retried. */
export async function callWorker<T>(
  call: (api: Remote<RerankWorkerApi>, ctx: CallContext) => Promise<Outcome<T>>,
  options: CallOptions = {},
  retry = true,
): Promise<CallOutcome<T>> {
  let current: Running;
  try {
    current = running ??= start();
  } catch (err) {
    return { ok: false, problem: { code: 'worker', message: `cannot start the worker ${WORKER_URL.href}: ${String(err)}` } };
  }
  const ended = current.ended.then((message): Outcome<T> => ({ ok: false, problem: { code: 'worker', message } }));
  const unwatch = watch(current, performance.now(), options.stallMs ?? DEFAULT_STALL_MS);
  try {
    const outcome = await Promise.race([call(current.api, { ...context }), ended]);
    if (!outcome.ok && outcome.restart && retry) {
      if (outcome.avoidWebgpu) context.avoidWebgpu = true;
      stop(current, `the worker was replaced: ${outcome.problem.message}`);
      const again = await callWorker(call, options, false);
      return outcome.avoidWebgpu ? { ...again, notices: [outcome.problem, ...(again.notices ?? [])] } : again;
    }
    return outcome;
  } catch (err) {
    return { ok: false, problem: { code: 'worker', message: `worker call failed: ${err instanceof Error ? err.message : String(err)}` } };
  } finally {
    unwatch();
  }
}

/** Ends the worker (a later call starts a fresh one): tests and device switches. */
export function restartWorker(): void {
  if (running) stop(running, 'the worker was restarted');
}
