import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeInlineVector, encodeInlineVectorInt8 } from '../../../src/vector/inline.ts';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

test('int8: 4 bytes for dim 4, normalised to unit length', () => {
  const text = base64(new Uint8Array(new Int8Array([3, -4, 0, 0]).buffer)); // norm 5
  const result = decodeInlineVector(text, 4);
  assert.ok(result.ok);
  assert.deepEqual(
    Array.from(result.vector),
    [0.6, -0.8, 0, 0].map((v) => Math.fround(v)),
  );
});

test('float32 little-endian: 16 bytes for dim 4', () => {
  const text = base64(new Uint8Array(new Float32Array([0, 2, 0, 0]).buffer));
  const result = decodeInlineVector(text, 4);
  assert.ok(result.ok);
  assert.deepEqual(Array.from(result.vector), [0, 1, 0, 0]);
});

test('url-safe base64 and whitespace are accepted', () => {
  // bytes [251, 255] → "+/8=" in standard, "-_8=" url-safe; as int8 [-5, -1]
  const result = decodeInlineVector(' -_8= ', 2);
  assert.ok(result.ok);
  const n = Math.hypot(5, 1);
  assert.deepEqual(
    Array.from(result.vector),
    [-5 / n, -1 / n].map((v) => Math.fround(v)),
  );
});

test('a wrong length says what was expected for this model', () => {
  const result = decodeInlineVector(base64(new Uint8Array(6)), 4);
  assert.deepEqual(result, { ok: false, reason: 'has 6 bytes; expected 4 (int8) or 16 (float32) for this model' });
});

test('not base64, all zeros and NaN are refused', () => {
  assert.deepEqual(decodeInlineVector('<script>', 4), { ok: false, reason: 'is not base64' });
  assert.deepEqual(decodeInlineVector(base64(new Uint8Array(4)), 4), { ok: false, reason: 'is all zeros or not finite' });
  assert.equal(decodeInlineVector(base64(new Uint8Array(new Float32Array([NaN, 1, 0, 0]).buffer)), 4).ok, false);
});

test('encodeInlineVectorInt8 round-trips within int8 precision', () => {
  const v = [0.5, -0.5, 0.5, -0.5];
  const result = decodeInlineVector(encodeInlineVectorInt8(v), 4);
  assert.ok(result.ok);
  assert.deepEqual(Array.from(result.vector), v);
});

test('canonical base64 (read in one pass) decodes exactly as the general path (atob) reads the same text', () => {
  // A leading space makes a text non-canonical: the general path reads it, as every text was read before.
  const general = (text: string) => decodeInlineVector(` ${text}`, 4);
  const writings = (b: string): string[] => [
    b,
    b.replace(/=+$/, ''),
    `${b}=`,
    `=${b}`,
    b.slice(1),
    `${b.slice(0, 2)}*${b.slice(3)}`,
    `${b}ÿ`,
  ];
  const lengths = fc.oneof(fc.constant(4), fc.constant(16), fc.integer({ min: 0, max: 20 }));
  fc.assert(
    fc.property(
      lengths.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
      (bytes) => {
        for (const text of writings(base64(bytes))) assert.deepEqual(decodeInlineVector(text, 4), general(text), JSON.stringify(text));
      },
    ),
    { numRuns: 500 },
  );
  assert.deepEqual(decodeInlineVector('AQID/w==', 4), general('AQID/w=='), '[1, 2, 3, -1] as int8');
  assert.equal(decodeInlineVector('AQID/w==', 4).ok, true);
});
