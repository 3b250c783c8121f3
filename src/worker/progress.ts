// The worker's sign of life for the page's watchdog (element/worker-client.ts).
// Once a second the worker posts how much progress it has made: downloaded
// chunks and finished steps. A worker that is busy-looping posts nothing; one
// stuck on a request that never answers posts the same count. Either way the
// page stops waiting for it. A slow download is not a stall: every chunk counts.

/** Key of the progress message; comlink ignores messages it did not send. */
export const PROGRESS_KEY = 'edgeRerankProgress';
export const PROGRESS_INTERVAL_MS = 1000;

let count = 0;

/** Something moved forward (a step finished, a chunk arrived). */
export function noteProgress(): void {
  count++;
}

export function reportProgress(post: (message: Record<string, number>) => void): void {
  setInterval(() => post({ [PROGRESS_KEY]: count }), PROGRESS_INTERVAL_MS);
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
