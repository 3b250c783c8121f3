import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EdgeRerankError } from '../../../src/errors.ts';
import { modelFileLocation, resolveModelSource } from '../../../src/model/model-source.ts';

/** A stand-in hub host (a mirror), as transformers.js's env.remoteHost would give it. */
const HUB = 'https://hub-mirror.example/';

const PAGE = 'https://shop.example/search?q=shoes';

test('browser: an origin-relative folder becomes a path on the page origin', () => {
  assert.deepEqual(resolveModelSource('/models/default/', PAGE), { kind: 'folder', path: '/models/default', label: '/models/default/' });
  assert.equal(resolveModelSource('./models/v2/', 'https://shop.example/app/page').kind, 'folder');
  assert.equal((resolveModelSource('./models/v2/', 'https://shop.example/app/page') as { path: string }).path, '/app/models/v2');
  assert.equal((resolveModelSource('https://shop.example/models/default/', PAGE) as { path: string }).path, '/models/default');
});

test('browser: a folder on another origin is refused, naming the value', () => {
  assert.throws(
    () => resolveModelSource('https://cdn.example/models/default/', PAGE),
    (e: unknown) => e instanceof EdgeRerankError && e.code === 'input' && e.message.includes('cdn.example/models/default/'),
  );
});

test('an owner/name value is a hub id (remote loading is opt-in by naming one)', () => {
  assert.deepEqual(resolveModelSource('Xenova/all-MiniLM-L6-v2', PAGE), {
    kind: 'hub',
    id: 'Xenova/all-MiniLM-L6-v2',
    label: 'Xenova/all-MiniLM-L6-v2',
  });
  assert.equal(resolveModelSource('Xenova/bge-small-zh-v1.5').kind, 'hub');
});

test('Node: anything not a hub id is a filesystem path; URLs are refused', () => {
  assert.deepEqual(resolveModelSource('/srv/models/default/'), {
    kind: 'folder',
    path: '/srv/models/default',
    label: '/srv/models/default/',
  });
  assert.equal(resolveModelSource('public/models/default/').kind, 'folder');
  assert.throws(() => resolveModelSource('https://shop.example/models/'), /not a URL/);
});

test('an empty model value is an input error', () => {
  assert.throws(
    () => resolveModelSource('  '),
    (e: unknown) => e instanceof EdgeRerankError && e.code === 'input',
  );
});

test('file locations: under the folder, or the hub resolve URL', () => {
  assert.equal(
    modelFileLocation({ kind: 'folder', path: '/models/default', label: '' }, 'onnx/model.onnx', HUB),
    '/models/default/onnx/model.onnx',
  );
  assert.equal(modelFileLocation({ kind: 'folder', path: '/', label: '' }, 'config.json', HUB), '/config.json');
  assert.equal(
    modelFileLocation({ kind: 'hub', id: 'Xenova/all-MiniLM-L6-v2', label: '' }, 'onnx/model_quantized.onnx', HUB),
    'https://hub-mirror.example/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx',
  );
});
