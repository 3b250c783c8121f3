// The main thread's handle on the rerank worker: started lazily on first use,
// shared by every element on the page, and restarted after a crash. A crash
// answers every pending call with a 'worker' problem instead of hanging.
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { Outcome, RerankWorkerApi } from '../worker/api.ts';

/** Resolved from this module's own URL so dist/ works from any static host. */
export const WORKER_URL = new URL('./edge-rerank.worker.js', import.meta.url);

interface Running {
  worker: Worker;
  api: Remote<RerankWorkerApi>;
  crashed: Promise<string>;
}

let running: Running | null = null;

function start(): Running {
  const worker = new Worker(WORKER_URL, { type: 'module', name: 'edge-rerank' });
  const crashed = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      resolve(`the worker ${WORKER_URL.href} crashed or failed to start${event.message ? `: ${event.message}` : ''}`);
    });
    worker.addEventListener('messageerror', () => resolve('the worker sent a message that could not be read'));
  });
  const current: Running = { worker, api: wrap<RerankWorkerApi>(worker), crashed };
  void crashed.then(() => stop(current));
  return current;
}

function stop(which: Running): void {
  which.api[releaseProxy]();
  which.worker.terminate();
  if (running === which) running = null;
}

/** Runs one worker call; a crash (now or during the call) becomes a 'worker' problem. */
export async function callWorker<T>(call: (api: Remote<RerankWorkerApi>) => Promise<Outcome<T>>, retry = true): Promise<Outcome<T>> {
  let current: Running;
  try {
    current = running ??= start();
  } catch (err) {
    return { ok: false, problem: { code: 'worker', message: `cannot start the worker ${WORKER_URL.href}: ${String(err)}` } };
  }
  const crash = current.crashed.then((message): Outcome<T> => ({ ok: false, problem: { code: 'worker', message } }));
  try {
    const outcome = await Promise.race([call(current.api), crash]);
    if (!outcome.ok && outcome.restart && retry) {
      stop(current);
      return callWorker(call, false);
    }
    return outcome;
  } catch (err) {
    return { ok: false, problem: { code: 'worker', message: `worker call failed: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** Ends the worker (a later call starts a fresh one): tests and device switches. */
export function restartWorker(): void {
  if (running) stop(running);
}
