// The reader over an in-memory folder: which files it asks for, and what it
// refuses. (The browser test runs it over HTTP with the Cache API.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CandidateIndex } from '../../../src/index/candidate-index.ts';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, type Manifest } from '../../../src/index/manifest.ts';
import { manifestJson, shardFileName } from '../../../scripts/build-index/manifest-writer.ts';
import { encodeShard, type ShardItem } from '../../../scripts/build-index/shard-writer.ts';
import { neighbourKey } from '../../../src/rank/neighbour-key.ts';
import { shardOf } from '../../../src/index/shard-of.ts';
import { ITEM_TEXT_VERSION } from '../../../src/model/item-text.ts';
import { EdgeRerankError } from '../../../src/errors.ts';

const MODEL_SHA = 'a'.repeat(64);
const SHARDS = 4;

function unit(x: number, y: number): Float32Array {
  const n = Math.hypot(x, y);
  return new Float32Array([x / n, y / n]);
}

/** An index of ids p0…p9 as files in a Map, plus a fetch that records requests. */
function memoryIndex(overrides: Partial<Manifest> = {}) {
  const items: ShardItem[] = Array.from({ length: 10 }, (_, i) => ({
    id: `p${i}`,
    vector: unit(1, i),
    neighbours: i === 0 ? [{ id: 'p1', count: 2 }] : [],
  }));
  const files = new Map<string, Uint8Array>();
  const shards = Array.from({ length: SHARDS }, (_, s) => {
    const bytes = encodeShard(
      items.filter((item) => shardOf(item.id, SHARDS) === s),
      2,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = shardFileName(s, sha256);
    files.set(`mem://idx/${file}`, bytes);
    return { file, sha256, count: decodeCount(bytes), bytes: bytes.length };
  });
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    model: { id: 'test/model', sha256: MODEL_SHA, dtype: 'q8', arithmetic: 'float32' },
    dim: 2,
    vectorDtype: 'int8',
    textTemplateVersion: ITEM_TEXT_VERSION,
    shardHash: 'fnv1a32',
    count: 10,
    behaviour: 'co-purchase',
    shards,
    ...overrides,
  };
  files.set('mem://idx/manifest.json', new TextEncoder().encode(manifestJson(manifest)));
  const requests: string[] = [];
  const fetchFn = (async (input: string | URL | Request) => {
    const url = String(input);
    requests.push(url);
    const body = files.get(url);
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('not found', { status: 404 });
  }) as typeof fetch;
  return { files, requests, fetchFn };
}

function decodeCount(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
}

test('lookup fetches the manifest and only the shards of the ids asked for', async () => {
  const { requests, fetchFn } = memoryIndex();
  const index = await CandidateIndex.open('mem://idx', { fetch: fetchFn, modelSha256: MODEL_SHA, cache: false });
  const found = await index.lookup(['p3', 'p0', 'missing']);
  const expectedShards = new Set([shardOf('p3', SHARDS), shardOf('p0', SHARDS), shardOf('missing', SHARDS)]);
  assert.equal(requests[0], 'mem://idx/manifest.json');
  assert.deepEqual(new Set(requests.slice(1).map((url) => Number(url.split('/').pop()?.slice(0, 5)))), expectedShards);
  assert.deepEqual([...found.keys()].sort(), ['p0', 'p3']);
  const p3 = found.get('p3');
  assert.ok(p3);
  const want = unit(1, 3);
  assert.ok(Math.abs((p3.vector[0] ?? 0) * (want[0] ?? 0) + (p3.vector[1] ?? 0) * (want[1] ?? 0) - 1) < 1e-4);
  assert.deepEqual(found.get('p0')?.neighbours, [{ key: neighbourKey('p1'), count: 2 }]);
});

test('neighbours() gives only the items that have neighbours, as lookup() reads them, from the same shards', async () => {
  const { requests, fetchFn } = memoryIndex();
  const index = await CandidateIndex.open('mem://idx', { fetch: fetchFn, cache: false });
  const neighbours = await index.neighbours(['p3', 'p0', 'missing']);
  assert.deepEqual([...neighbours], [['p0', [{ key: neighbourKey('p1'), count: 2 }]]], 'p3 is indexed but has none');
  const shardsRead = requests.length;
  assert.deepEqual(neighbours.get('p0'), (await index.lookup(['p0'])).get('p0')?.neighbours);
  assert.equal(requests.length, shardsRead, 'lookup() reads the shards neighbours() already has');
});

test('a shard is fetched once, however many lookups need it', async () => {
  const { requests, fetchFn } = memoryIndex();
  const index = await CandidateIndex.open('mem://idx/', { fetch: fetchFn, cache: false });
  await Promise.all([index.lookup(['p1']), index.lookup(['p1', 'p1'])]);
  await index.lookup(['p1']);
  assert.equal(requests.length, 2); // manifest + one shard
});

test('a manifest for another model is refused, naming both sha256s', async () => {
  const { fetchFn } = memoryIndex();
  const other = 'b'.repeat(64);
  await assert.rejects(
    CandidateIndex.open('mem://idx', { fetch: fetchFn, modelSha256: other }),
    (err: unknown) =>
      err instanceof EdgeRerankError &&
      err.code === 'index' &&
      err.message.includes(MODEL_SHA) &&
      err.message.includes(other) &&
      err.message.includes('mem://idx/manifest.json'),
  );
});

test('same model file, other pooling: refused; an index from before the pooling field is not checked', async () => {
  const cls = memoryIndex({ model: { id: 'test/model', sha256: MODEL_SHA, dtype: 'q8', arithmetic: 'float32', pooling: 'cls' } });
  await assert.rejects(
    CandidateIndex.open('mem://idx', { fetch: cls.fetchFn, modelSha256: MODEL_SHA, pooling: 'mean', cache: false }),
    /mem:\/\/idx\/manifest\.json was built with cls pooling, but the loaded model pools with mean/,
  );
  assert.ok(await CandidateIndex.open('mem://idx', { fetch: cls.fetchFn, modelSha256: MODEL_SHA, pooling: 'cls', cache: false }));
  const older = memoryIndex(); // no pooling recorded
  assert.ok(await CandidateIndex.open('mem://idx', { fetch: older.fetchFn, modelSha256: MODEL_SHA, pooling: 'mean', cache: false }));
});

test('a missing manifest is an index error with the URL', async () => {
  const { fetchFn } = memoryIndex();
  await assert.rejects(CandidateIndex.open('mem://nowhere/', { fetch: fetchFn }), /mem:\/\/nowhere\/manifest\.json.*HTTP 404/);
});

test('a shard whose bytes do not match the manifest sha256 is refused', async () => {
  const { files, fetchFn } = memoryIndex();
  const index = await CandidateIndex.open('mem://idx', { fetch: fetchFn, cache: false });
  const url = new URL(index.manifest.shards[index.shardOf('p2')]?.file ?? '', index.baseUrl).href;
  const bytes = files.get(url);
  assert.ok(bytes);
  bytes[20] = (bytes[20] ?? 0) ^ 1; // flip one bit of a scale
  await assert.rejects(index.lookup(['p2']), /corrupt: sha256/);
});

test('an index built with another item text template is refused', async () => {
  const { fetchFn } = memoryIndex({ textTemplateVersion: ITEM_TEXT_VERSION + 1 });
  await assert.rejects(CandidateIndex.open('mem://idx', { fetch: fetchFn }), /item text template/);
});

test('a relative index URL outside a page is an index error, not a TypeError', async () => {
  await assert.rejects(
    CandidateIndex.open('/index/'),
    (err: unknown) =>
      err instanceof EdgeRerankError && err.code === 'index' && /index URL "\/index\/" is not a valid URL/.test(err.message),
  );
});
