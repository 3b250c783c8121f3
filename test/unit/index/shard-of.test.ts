import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shardCountFor, shardOf } from '../../../src/index/shard-of.ts';
import { fnv1a32 } from '../../../src/rank/fnv1a32.ts';

test('fnv1a32 matches the published FNV-1a test vectors', () => {
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
});

test('fnv1a32 hashes UTF-8 bytes, not UTF-16 code units', () => {
  // "é" is the two bytes C3 A9: hash them by hand.
  let h = 0x811c9dc5;
  for (const byte of [0xc3, 0xa9]) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  assert.equal(fnv1a32('é'), h);
});

test('shardOf is the hash modulo the shard count', () => {
  assert.equal(shardOf('a', 16), 0xe40c292c % 16);
  assert.equal(shardOf('foobar', 7), 0xbf9cf968 % 7);
  assert.equal(shardOf('anything', 1), 0);
});

test('shardCountFor picks the smallest power of two that keeps shards at the target size', () => {
  assert.equal(shardCountFor(0), 1);
  assert.equal(shardCountFor(128), 1);
  assert.equal(shardCountFor(129), 2);
  assert.equal(shardCountFor(4385), 64);
  assert.equal(shardCountFor(20_000), 256);
  assert.equal(shardCountFor(10, 4), 4);
});
