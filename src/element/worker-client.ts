// The main thread's handle on the rerank worker: started lazily on first use,
// shared by every element on the page, and restarted after a crash. A crash
// answers every pending call with a 'worker' problem instead of hanging.
import { wrap, releaseProxy, type Remote } from 'comlink';
import type { CallContext, Outcome, Problem, RerankWorkerApi } from '../worker/api.ts';

/** Resolved from this module's own URL so dist/ works from any static host. */
export const WORKER_URL = new URL('./edge-rerank.worker.js', import.meta.url);

interface Running {
  worker: Worker;
  api: Remote<RerankWorkerApi>;
  crashed: Promise<string>;
}

let running: Running | null = null;
const context: CallContext = { avoidWebgpu: false };

/** An outcome, plus what happened on the way (e.g. the worker was restarted after WebGPU failed). */
export type CallOutcome<T> = Outcome<T> & { notices?: Problem[] };

/** Browsers refuse a worker script from another origin (dist/ on a CDN): then
 *  a same-origin blob module imports it, and everything inside still resolves
 *  from the CDN URL. The CDN must send CORS headers, as CDNs do. A blob
 *  worker's base URL is a blob: URL, against which "/models/…" cannot be
 *  fetched, so a first module makes the worker resolve like the page it serves:
 *  the page's location, and origin-relative fetches against the page. */
function workerScriptUrl(): string | URL {
  if (typeof location === 'undefined' || WORKER_URL.origin === location.origin) return WORKER_URL;
  const blob = (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const page = JSON.stringify(location.href);
  const pageLocation = blob(
    `Object.defineProperty(globalThis, 'location', { value: new URL(${page}), configurable: true });\n` +
      `const fetchFromBlob = globalThis.fetch.bind(globalThis);\n` +
      `globalThis.fetch = (input, init) => fetchFromBlob(typeof input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input) ? new URL(input, ${page}).href : input, init);`,
  );
  return blob(`import ${JSON.stringify(pageLocation)};\nimport ${JSON.stringify(WORKER_URL.href)};`);
}

function start(): Running {
  const worker = new Worker(workerScriptUrl(), { type: 'module', name: 'edge-rerank' });
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

/** Runs one worker call; a crash (now or during the call) becomes a 'worker'
 *  problem. A worker that cannot serve the call (WebGPU failed, or needs a
 *  runtime it did not start with) is replaced once and the call retried. */
export async function callWorker<T>(call: (api: Remote<RerankWorkerApi>, ctx: CallContext) => Promise<Outcome<T>>, retry = true): Promise<CallOutcome<T>> {
  let current: Running;
  try {
    current = running ??= start();
  } catch (err) {
    return { ok: false, problem: { code: 'worker', message: `cannot start the worker ${WORKER_URL.href}: ${String(err)}` } };
  }
  const crash = current.crashed.then((message): Outcome<T> => ({ ok: false, problem: { code: 'worker', message } }));
  try {
    const outcome = await Promise.race([call(current.api, { ...context }), crash]);
    if (!outcome.ok && outcome.restart && retry) {
      if (outcome.avoidWebgpu) context.avoidWebgpu = true;
      stop(current);
      const again = await callWorker(call, false);
      return outcome.avoidWebgpu ? { ...again, notices: [outcome.problem, ...(again.notices ?? [])] } : again;
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
