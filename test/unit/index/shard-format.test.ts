import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeShard, neighboursOf } from '../../../src/index/shard-format.ts';
import { encodeShard, type ShardItem } from '../../../scripts/build-index/shard-writer.ts';
import { neighbourKey } from '../../../src/rank/neighbour-key.ts';
import { EdgeRerankError } from '../../../src/errors.ts';

const items: ShardItem[] = [
  { id: 'b', vector: new Float32Array([0, 1]), neighbours: [] },
  {
    id: 'a',
    vector: new Float32Array([1, 0]),
    neighbours: [
      { id: 'b', count: 7 },
      { id: 'z', count: 2 },
    ],
  },
];
const keysAscending = [
  [neighbourKey('b'), 7],
  [neighbourKey('z'), 2],
].sort((x, y) => (x[0] as number) - (y[0] as number));

test('a two-item shard has the documented byte layout', () => {
  const bytes = encodeShard(items, 2);
  const ids = '["a","b"]';
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'ERIX');
  assert.equal(view.getUint32(4, true), 2); // version
  assert.equal(view.getUint32(8, true), 2); // count
  assert.equal(view.getUint32(12, true), 2); // dim
  assert.equal(view.getUint32(16, true), 2); // neighbours in all
  assert.equal(view.getUint32(20, true), ids.length);
  assert.equal(view.getFloat32(24, true), Math.fround(1 / 127)); // scale of "a"
  assert.equal(view.getFloat32(28, true), Math.fround(1 / 127)); // scale of "b"
  assert.deepEqual([...new Int8Array(bytes.buffer, bytes.byteOffset + 32, 4)], [127, 0, 0, 127]); // sorted: a, b
  assert.deepEqual([view.getUint16(36, true), view.getUint16(38, true)], [2, 0]); // per-item neighbour counts
  assert.deepEqual([view.getUint32(40, true), view.getUint32(44, true)], [keysAscending[0]![0], keysAscending[1]![0]]);
  assert.deepEqual([view.getUint16(48, true), view.getUint16(50, true)], [keysAscending[0]![1], keysAscending[1]![1]]);
  assert.equal(new TextDecoder().decode(bytes.subarray(52)), ids);
  assert.equal(bytes.length, 52 + ids.length);
});

test('a neighbour costs 6 bytes', () => {
  const many = (k: number): ShardItem[] => [
    { id: 'a', vector: new Float32Array([1, 0]), neighbours: Array.from({ length: k }, (_, i) => ({ id: `n${i}`, count: i + 1 })) },
  ];
  assert.equal(encodeShard(many(100), 2).length - encodeShard(many(0), 2).length, 600);
});

test('encoding ignores input order: same items, same bytes', () => {
  assert.deepEqual(encodeShard(items, 2), encodeShard([...items].reverse(), 2));
});

test("decode gives back ids, codes, scales and each item's neighbours by key", () => {
  const shard = decodeShard(encodeShard(items, 2), 'test');
  assert.deepEqual(shard.ids, ['a', 'b']);
  assert.equal(shard.dim, 2);
  assert.deepEqual([...shard.codes], [127, 0, 0, 127]);
  assert.deepEqual(
    neighboursOf(shard, 0),
    keysAscending.map(([key, count]) => ({ key, count })),
  );
  assert.deepEqual(neighboursOf(shard, 1), []);
});

test('counts are stored as at least 1 and at most 65535', () => {
  const shard = decodeShard(
    encodeShard(
      [
        {
          id: 'a',
          vector: new Float32Array([1, 0]),
          neighbours: [
            { id: 'x', count: 1e6 },
            { id: 'y', count: 0.2 },
          ],
        },
      ],
      2,
    ),
    'clamp',
  );
  assert.deepEqual(
    neighboursOf(shard, 0)
      .map((n) => n.count)
      .sort((a, b) => a - b),
    [1, 65535],
  );
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

test('a version 1 shard is refused with what to do', () => {
  const bytes = encodeShard(items, 2);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(4, 1, true);
  assert.throws(() => decodeShard(bytes, 'old.bin'), /old.bin: format version 1, this reader knows 2 \(rebuild the index/);
});

test('a vector of the wrong length is refused', () => {
  assert.throws(() => encodeShard([{ id: 'a', vector: new Float32Array(3), neighbours: [] }], 2), /expected 2/);
});

test('a shard whose per-item neighbour counts disagree with its header is refused, not half-read', () => {
  const bytes = encodeShard(items, 2);
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(36, 1, true); // item a claims 1 neighbour, the header 2
  assert.throws(() => decodeShard(bytes, 'forged'), /neighbour counts add up to 1, header says 2/);
});

test('an id table that does not list every item as a string is refused', () => {
  const bytes = encodeShard([{ id: 'a', vector: new Float32Array([1, 0]), neighbours: [] }], 2);
  bytes.set(new TextEncoder().encode('[123]'), bytes.length - 5); // was ["a"]
  assert.throws(() => decodeShard(bytes, 'ids'), /ids: id table does not list 1 items/);
});
