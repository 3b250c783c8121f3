import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { fetchNotingProgress, noteProgress, PROGRESS_INTERVAL_MS, PROGRESS_KEY, reportProgress } from '../../../src/worker/progress.ts';

let posted: number[] = [];
beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  posted = [];
  reportProgress((message) => posted.push(message[PROGRESS_KEY] ?? Number.NaN));
});
afterEach(() => mock.timers.reset());

test('progress is posted once a second at most, with the count at that time; an idle worker posts nothing', () => {
  mock.timers.tick(5 * PROGRESS_INTERVAL_MS);
  assert.deepEqual(posted, [], 'nothing happened, nothing is posted');
  noteProgress();
  noteProgress();
  noteProgress();
  mock.timers.tick(PROGRESS_INTERVAL_MS - 1);
  assert.deepEqual(posted, []);
  mock.timers.tick(1);
  assert.equal(posted.length, 1);
  const first = posted[0]!;
  noteProgress();
  mock.timers.tick(PROGRESS_INTERVAL_MS);
  assert.deepEqual(posted, [first, first + 1]);
  mock.timers.tick(5 * PROGRESS_INTERVAL_MS);
  assert.equal(posted.length, 2);
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
  noteProgress();
  mock.timers.tick(PROGRESS_INTERVAL_MS);
  const before = posted[0]!;

  const response = await fetchNotingProgress(async () => original)('https://shop.example/ort/ort.wasm');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm'); // WebAssembly.instantiateStreaming needs it
  assert.equal(response.url, 'https://shop.example/ort/ort.wasm');
  assert.equal(await response.text(), 'abcdef');
  mock.timers.tick(PROGRESS_INTERVAL_MS);
  assert.deepEqual(posted, [before, before + 1 + chunks.length]);
});

test('a response without a body (304, 204) is passed through as it is', async () => {
  const empty = new Response(null, { status: 204 });
  assert.equal(await fetchNotingProgress(async () => empty)('x'), empty);
});
