// The worker's sign of life for the page's watchdog (element/worker-client.ts).
// Progress (a downloaded chunk, a finished step) is reported to the page at
// most once a second, and only when there is some: an idle worker posts
// nothing and wakes nothing. A worker that is busy-looping or stuck on a
// request that never answers reports no progress either, and the page stops
// waiting for it. A slow download is not a stall: every chunk counts.

/** Key of the progress message; comlink ignores messages it did not send. */
export const PROGRESS_KEY = 'edgeRerankProgress';
export const PROGRESS_INTERVAL_MS = 1000;

let count = 0;
let post: ((message: Record<string, number>) => void) | null = null;
let scheduled = false;

/** Something moved forward (a step finished, a chunk arrived). */
export function noteProgress(): void {
  count++;
  if (!post || scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    post?.({ [PROGRESS_KEY]: count });
  }, PROGRESS_INTERVAL_MS);
}

/** Where progress goes: the worker's postMessage. */
export function reportProgress(to: (message: Record<string, number>) => void): void {
  post = to;
}

/** `fetchFn`, with every body chunk it delivers noted as progress. */
export function fetchNotingProgress(fetchFn: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchFn(input, init);
    noteProgress();
    if (!response.body) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          noteProgress();
          controller.enqueue(chunk);
        },
      }),
    );
    const copy = new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    // A constructed Response has an empty url; callers resolve relative paths against it.
    Object.defineProperty(copy, 'url', { value: response.url });
    return copy;
  };
}
