import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeShard, encodeShard, type ShardItem } from '../../../src/index/shard-format.ts';
import { EdgeRerankError } from '../../../src/errors.ts';

const items: ShardItem[] = [
  { id: 'b', vector: new Float32Array([0, 1]), neighbours: [] },
  {
    id: 'a',
    vector: new Float32Array([1, 0]),
    neighbours: [
      { id: 'b', weight: 0.75 },
      { id: 'z', weight: 0.25 },
    ],
  },
];

test('a two-item shard has the documented byte layout', () => {
  const bytes = encodeShard(items, 2);
  const json = '{"ids":["a","b"],"neighbours":[[["b",0.75],["z",0.25]],[]]}';
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'ERIX');
  assert.equal(view.getUint32(4, true), 1); // version
  assert.equal(view.getUint32(8, true), 2); // count
  assert.equal(view.getUint32(12, true), 2); // dim
  assert.equal(view.getUint32(16, true), json.length);
  assert.equal(view.getFloat32(20, true), Math.fround(1 / 127)); // scale of "a"
  assert.equal(view.getFloat32(24, true), Math.fround(1 / 127)); // scale of "b"
  assert.deepEqual([...new Int8Array(bytes.buffer, bytes.byteOffset + 28, 4)], [127, 0, 0, 127]); // sorted: a, b
  assert.equal(new TextDecoder().decode(bytes.subarray(32)), json);
  assert.equal(bytes.length, 32 + json.length);
});

test('encoding ignores input order: same items, same bytes', () => {
  assert.deepEqual(encodeShard(items, 2), encodeShard([...items].reverse(), 2));
});

test('decode gives back ids, codes, scales and neighbours', () => {
  const shard = decodeShard(encodeShard(items, 2), 'test');
  assert.deepEqual(shard.ids, ['a', 'b']);
  assert.equal(shard.dim, 2);
  assert.deepEqual([...shard.codes], [127, 0, 0, 127]);
  assert.deepEqual(shard.neighbours, [
    [
      { id: 'b', weight: 0.75 },
      { id: 'z', weight: 0.25 },
    ],
    [],
  ]);
});

test('an empty shard round-trips', () => {
  const shard = decodeShard(encodeShard([], 4), 'empty');
  assert.deepEqual(shard.ids, []);
  assert.equal(shard.codes.length, 0);
});

test('truncated or foreign bytes are an index error naming the source', () => {
  const bytes = encodeShard(items, 2);
  assert.throws(
    () => decodeShard(bytes.subarray(0, bytes.length - 1), 'shards/x.bin'),
    (err: unknown) => err instanceof EdgeRerankError && err.code === 'index' && err.message.includes('shards/x.bin'),
  );
  assert.throws(() => decodeShard(new TextEncoder().encode('<html>not found</html>'), 'y'), /bad magic/);
});

test('a vector of the wrong length is refused', () => {
  assert.throws(() => encodeShard([{ id: 'a', vector: new Float32Array(3), neighbours: [] }], 2), /expected 2/);
});

test('a shard whose id table lies about its neighbours is refused, not half-read', () => {
  const bytes = encodeShard([{ id: 'a', vector: new Float32Array([1, 0]), neighbours: [] }], 2);
  const table = new TextEncoder().encode('{"ids":["a"],"neighbours":[[["b"]]]}');
  const forged = new Uint8Array(26 + table.length); // 20 header + 4 scale + 2 codes
  forged.set(bytes.subarray(0, 26));
  new DataView(forged.buffer).setUint32(16, table.length, true);
  forged.set(table, 26);
  assert.throws(() => decodeShard(forged, 'forged'), /neighbours of item 0 are malformed/);
});
