import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256Portable } from '../../../src/model/sha256-portable.ts';
import { seededRandom } from '../../../scripts/seeded-random.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);

test('the FIPS 180-4 examples: empty, "abc", and the two-block 56-byte message', () => {
  assert.equal(hex(sha256Portable(utf8(''))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hex(sha256Portable(utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    hex(sha256Portable(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('every length around the padding edges (0–200 bytes), a view into a larger buffer and 1 MB agree with node:crypto', () => {
  const next = seededRandom(7);
  const data = Uint8Array.from({ length: (1 << 20) + 3 }, () => Math.floor(next() * 256));
  for (let length = 0; length <= 200; length++) {
    const slice = data.subarray(3, 3 + length); // non-zero byteOffset
    assert.equal(hex(sha256Portable(slice)), createHash('sha256').update(slice).digest('hex'), `length ${length}`);
  }
  assert.equal(hex(sha256Portable(data)), createHash('sha256').update(data).digest('hex'));
});
