import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wasmThreads } from '../../../src/model/wasm-threads.ts';

const page = (crossOriginIsolated: boolean, hardwareConcurrency?: number) => ({
  crossOriginIsolated,
  navigator: hardwareConcurrency === undefined ? {} : { hardwareConcurrency },
});

test('one thread unless the page is cross-origin isolated', () => {
  assert.equal(wasmThreads(page(false, 16)), 1);
  assert.equal(wasmThreads({}), 1);
});

test('isolated: one core is left to the page, at most 4 threads', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 8, 16].map((cores) => wasmThreads(page(true, cores))),
    [1, 1, 2, 3, 4, 4, 4],
  );
  assert.equal(wasmThreads(page(true)), 1, 'core count unknown');
});
