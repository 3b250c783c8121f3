import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { fetchNotingProgress, noteProgress, PROGRESS_INTERVAL_MS, PROGRESS_KEY, reportProgress } from '../../../src/worker/progress.ts';

/** The count the worker would report now. */
function reportedCount(): number {
  mock.timers.enable({ apis: ['setInterval'] });
  try {
    const posted: Record<string, number>[] = [];
    reportProgress((message) => posted.push(message));
    mock.timers.tick(PROGRESS_INTERVAL_MS);
    return posted[0]?.[PROGRESS_KEY] ?? Number.NaN;
  } finally {
    mock.timers.reset();
  }
}

test('a finished step moves the reported count by one', () => {
  const before = reportedCount();
  noteProgress();
  assert.equal(reportedCount(), before + 1);
});

test('a download counts once for its headers and once per body chunk, and arrives unchanged', async () => {
  const chunks = ['abc', 'de', 'f'].map((s) => new TextEncoder().encode(s));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const original = new Response(body, { status: 200, statusText: 'OK', headers: { 'Content-Type': 'application/wasm' } });
  Object.defineProperty(original, 'url', { value: 'https://shop.example/ort/ort.wasm' });
  const counting = fetchNotingProgress(async () => original);

  const before = reportedCount();
  const response = await counting('https://shop.example/ort/ort.wasm');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm'); // WebAssembly.instantiateStreaming needs it
  assert.equal(response.url, 'https://shop.example/ort/ort.wasm');
  assert.equal(await response.text(), 'abcdef');
  assert.equal(reportedCount(), before + 1 + chunks.length);
});

test('a response without a body (304, 204) is passed through as it is', async () => {
  const empty = new Response(null, { status: 204 });
  assert.equal(await fetchNotingProgress(async () => empty)('x'), empty);
});
