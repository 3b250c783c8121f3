import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, parseManifest, type Manifest } from '../../../src/index/manifest.ts';
import { manifestJson, shardFileName } from '../../../scripts/build-index/manifest-writer.ts';

const sha = (c: string) => c.repeat(64);
const manifest: Manifest = {
  format: INDEX_FORMAT,
  formatVersion: INDEX_FORMAT_VERSION,
  model: { id: 'm', sha256: sha('1'), dtype: 'q8', arithmetic: 'float32' },
  dim: 4,
  vectorDtype: 'int8',
  textTemplateVersion: 1,
  shardHash: 'fnv1a32',
  count: 3,
  behaviour: 'none',
  shards: [
    { file: shardFileName(0, sha('2')), sha256: sha('2'), count: 1, bytes: 40 },
    { file: shardFileName(1, sha('3')), sha256: sha('3'), count: 2, bytes: 60 },
  ],
};

test('shard files are named by index and content hash', () => {
  assert.equal(shardFileName(3, `abcdef0123456789${'0'.repeat(48)}`), 'shards/00003-abcdef0123456789.bin');
});

test('manifestJson writes keys in one fixed order whatever the object order', () => {
  const shuffled = Object.fromEntries(Object.entries(manifest).reverse()) as unknown as Manifest;
  assert.equal(manifestJson(shuffled), manifestJson(manifest));
  assert.ok(manifestJson(manifest).startsWith('{\n "format": "edge-rerank-index",\n "formatVersion": 2,'));
});

test('a written manifest parses back to the same value', () => {
  assert.deepEqual(parseManifest(JSON.parse(manifestJson(manifest)), 'x'), manifest);
});

test('a manifest written before the arithmetic field existed reads as float32; an unknown arithmetic is refused', () => {
  const { arithmetic: _, ...older } = manifest.model;
  assert.equal(parseManifest({ ...manifest, model: older }, 'x').model.arithmetic, 'float32');
  assert.equal(parseManifest({ ...manifest, model: { ...older, arithmetic: 'int8' } }, 'x').model.arithmetic, 'int8');
  assert.throws(
    () => parseManifest({ ...manifest, model: { ...older, arithmetic: 'int4' } }, 'x'),
    /model arithmetic int4 is not float32 or int8/,
  );
});

test('pooling is written when known and read back; an unknown pooling is refused', () => {
  const cls: Manifest = { ...manifest, model: { ...manifest.model, pooling: 'cls' } };
  assert.match(manifestJson(cls), /"arithmetic": "float32",\n {2}"pooling": "cls"/);
  assert.deepEqual(parseManifest(JSON.parse(manifestJson(cls)), 'x'), cls);
  assert.doesNotMatch(manifestJson(manifest), /pooling/);
  assert.throws(
    () => parseManifest({ ...manifest, model: { ...manifest.model, pooling: 'first-and-last' } }, 'x'),
    /model pooling first-and-last is not graph, mean, cls or max/,
  );
});

test('bad manifests are refused with the reason', () => {
  const bad = (patch: Record<string, unknown>) => () => parseManifest({ ...manifest, ...patch }, 'idx/manifest.json');
  assert.throws(bad({ format: 'other' }), /idx\/manifest.json: not an edge-rerank-index manifest/);
  assert.throws(bad({ formatVersion: 3 }), /format version 3, this reader knows 2$/);
  assert.throws(bad({ behaviour: 'neighbours' }), /behaviour must be co-purchase or none/);
  assert.throws(bad({ count: 4 }), /shards hold 3 items but count says 4/);
  assert.throws(bad({ model: { id: 'm', sha256: 'short', dtype: 'q8' } }), /model must have/);
  assert.throws(bad({ shards: [] }), /no shards/);
  assert.throws(bad({ shards: [{ file: '../../etc/passwd', sha256: sha('2'), count: 3, bytes: 1 }] }), /leaves the index folder/);
});

test('a version 1 manifest (JSON cosine neighbours) is refused with what changed and what to do', () => {
  assert.throws(
    () => parseManifest({ ...manifest, formatVersion: 1, behaviour: 'neighbours' }, 'old/manifest.json'),
    /old\/manifest.json: format version 1, this reader knows 2 \(version 1 stored neighbours as JSON co-purchase cosines .*\): rebuild the index with this version of edge-rerank-index build/,
  );
});
