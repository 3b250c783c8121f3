// The worker's reports to the page: a step count for the page's watchdog
// (element/worker-client.ts) and per-file download progress for the
// shop's progress bar. The count is reported at most once a second and
// downloads at most every DOWNLOAD_INTERVAL_MS, only when something moved:
// an idle worker posts nothing and wakes nothing. A worker that is
// busy-looping or stuck on a request that never answers reports nothing
// either, and the page stops waiting for it. A slow download is not a stall:
// every chunk counts.
import type { LoadProgress, WorkerReport } from './api.ts';

export const PROGRESS_INTERVAL_MS = 1000;
export const DOWNLOAD_INTERVAL_MS = 200;

let steps = 0;
let reportedSteps = 0;
const moved = new Map<string, LoadProgress>();
let post: ((report: WorkerReport) => void) | null = null;
let stepTimer = false;
let downloadTimer = false;

function flush(): void {
  if (!post || (steps === reportedSteps && moved.size === 0)) return;
  const report: WorkerReport = { steps, downloads: [...moved.values()] };
  reportedSteps = steps;
  moved.clear();
  post(report);
}

function later(ms: number, done: () => void): void {
  setTimeout(() => {
    done();
    flush();
  }, ms);
}

/** Something moved forward (a step finished, a chunk arrived). */
export function noteProgress(): void {
  steps++;
  if (!post || stepTimer) return;
  stepTimer = true;
  later(PROGRESS_INTERVAL_MS, () => (stepTimer = false));
}

/** A download moved: `loaded` of `total` bytes of `file` (total 0: unknown). */
export function noteDownload(progress: LoadProgress): void {
  moved.set(progress.file, progress);
  if (!post || downloadTimer) return;
  downloadTimer = true;
  later(DOWNLOAD_INTERVAL_MS, () => (downloadTimer = false));
}

/** Where reports go (the page's listener); null stops reporting. */
export function reportProgress(to: ((report: WorkerReport) => void) | null): void {
  post = to;
}

/** The size a response announces, or 0 when its body size is unknown: a
 *  compressed response's Content-Length counts bytes before decoding. */
function announcedSize(response: Response): number {
  if (response.headers.get('content-encoding')) return 0;
  const length = Number(response.headers.get('content-length'));
  return Number.isFinite(length) && length > 0 ? length : 0;
}

/** `fetchFn`, with every body chunk it delivers noted as progress of that file. */
export function fetchNotingProgress(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    noteProgress();
    if (!response.body) return response;
    const file = response.url || (input instanceof Request ? input.url : String(input));
    const total = announcedSize(response);
    let loaded = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          noteProgress();
          noteDownload({ file, loaded, total: total > 0 ? Math.max(total, loaded) : 0 });
          controller.enqueue(chunk);
        },
        flush() {
          noteDownload({ file, loaded, total: loaded }); // done: now the size is known
        },
      }),
    );
    const copy = new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    // A constructed Response has an empty url; callers resolve relative paths against it.
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
}
