import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  DOWNLOAD_INTERVAL_MS,
  fetchNotingProgress,
  noteProgress,
  PROGRESS_INTERVAL_MS,
  reportProgress,
} from '../../../src/worker/progress.ts';
import type { WorkerReport } from '../../../src/worker/api.ts';

let reports: WorkerReport[] = [];
let posted: number[] = [];
beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  reports = [];
  posted = [];
  reportProgress((report) => {
    reports.push(report);
    posted.push(report.steps);
  });
});
afterEach(() => {
  reportProgress(null);
  mock.timers.reset();
});

/** A response whose body arrives in `parts`, from `url`. */
function responseOf(parts: string[], url: string, headers: Record<string, string> = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
  const response = new Response(body, { status: 200, statusText: 'OK', headers });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

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
  assert.deepEqual(
    reports.map((r) => r.downloads),
    [[], []],
    'steps are not downloads',
  );
});

test('a download counts once for its headers and once per body chunk, and arrives unchanged', async () => {
  const original = responseOf(['abc', 'de', 'f'], 'https://shop.example/ort/ort.wasm', { 'Content-Type': 'application/wasm' });
  noteProgress();
  mock.timers.tick(PROGRESS_INTERVAL_MS);
  const before = posted[0]!;

  const response = await fetchNotingProgress(async () => original)('https://shop.example/ort/ort.wasm');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm'); // WebAssembly.instantiateStreaming needs it
  assert.equal(response.url, 'https://shop.example/ort/ort.wasm');
  assert.equal(await response.text(), 'abcdef');
  mock.timers.tick(PROGRESS_INTERVAL_MS);
  assert.deepEqual(posted, [before, before + 1 + 3]);
});

test('download progress: {file, loaded, total} within DOWNLOAD_INTERVAL_MS, the latest per file, total from Content-Length', async () => {
  const url = 'https://shop.example/models/default/onnx/model_quantized.onnx';
  const response = await fetchNotingProgress(async () => responseOf(['abcd', 'efgh'], url, { 'Content-Length': '8' }))(url);
  const reader = response.body!.getReader();
  await reader.read();
  mock.timers.tick(DOWNLOAD_INTERVAL_MS);
  assert.deepEqual(reports.at(-1)?.downloads, [{ file: url, loaded: 4, total: 8 }]);
  while (!(await reader.read()).done);
  mock.timers.tick(DOWNLOAD_INTERVAL_MS);
  assert.deepEqual(reports.at(-1)?.downloads, [{ file: url, loaded: 8, total: 8 }]);
  mock.timers.tick(5 * PROGRESS_INTERVAL_MS);
  assert.equal(reports.filter((r) => r.downloads.length > 0).length, 2, 'a file is reported again only when it moved');
});

test('a compressed or unsized download reports total 0 until it ends, then its size', async () => {
  const url = 'https://shop.example/index/shard-3.bin';
  const response = await fetchNotingProgress(async () =>
    responseOf(['abc', 'defgh'], url, { 'Content-Length': '4', 'Content-Encoding': 'gzip' }),
  )(url);
  const reader = response.body!.getReader();
  await reader.read();
  mock.timers.tick(DOWNLOAD_INTERVAL_MS);
  assert.deepEqual(reports.at(-1)?.downloads, [{ file: url, loaded: 3, total: 0 }]);
  while (!(await reader.read()).done);
  mock.timers.tick(DOWNLOAD_INTERVAL_MS);
  assert.deepEqual(reports.at(-1)?.downloads, [{ file: url, loaded: 8, total: 8 }]);
  mock.timers.tick(PROGRESS_INTERVAL_MS); // no timer left pending for the next test
});

test('a response without a body (304, 204) is passed through as it is', async () => {
  const empty = new Response(null, { status: 204 });
  assert.equal(await fetchNotingProgress(async () => empty)('x'), empty);
});
