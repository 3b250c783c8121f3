// The page's `data-vector`: base64 of `dim` int8 values or of `dim`
// little-endian float32 values (told apart by length), L2-normalised on
// decoding so it compares with the encoder's vectors whatever scale the page
// used.
import { l2NormalizeInPlace } from './l2.ts';
import { quantizeInt8 } from './int8.ts';

export type InlineVectorResult = { ok: true; vector: Float32Array } | { ok: false; reason: string };

/** 6-bit value of each base64 character code (standard alphabet), -1 for any other. */
const SEXTET = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((c, i) => (SEXTET[c.charCodeAt(0)] = i));

/** Canonical base64 (standard alphabet, padded, no whitespace), as pages and
 *  encodeInlineVectorInt8 write it, decoded in one pass; null for anything
 *  else. A list of 200 vectors is ~140 kB of text: four regular-expression
 *  passes and atob cost more than the ranking's other steps. */
function canonicalBase64Bytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const chars = text.length - padding;
  const bytes = new Uint8Array((chars * 3) >> 2);
  let bits = 0;
  let held = 0;
  let out = 0;
  for (let i = 0; i < chars; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (SEXTET[code] as number) : -1;
    if (value < 0) return null;
    bits = ((bits << 6) | value) & 0xffffff;
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[out++] = (bits >> held) & 0xff; // the bits below a last byte are dropped, as atob drops them
    }
  }
  return bytes;
}

function base64Bytes(text: string): Uint8Array | null {
  const fast = canonicalBase64Bytes(text);
  if (fast) return fast;
  // Anything else (url-safe alphabet, whitespace, no padding) as atob reads it, or null.
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export function decodeInlineVector(text: string, dim: number): InlineVectorResult {
  const bytes = base64Bytes(text);
  if (!bytes) return { ok: false, reason: 'is not base64' };
  let values: Float32Array;
  if (bytes.length === dim) {
    values = new Float32Array(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  } else if (bytes.length === dim * 4) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    values = new Float32Array(dim);
    for (let i = 0; i < dim; i++) values[i] = view.getFloat32(i * 4, true);
  } else {
    return { ok: false, reason: `has ${bytes.length} bytes; expected ${dim} (int8) or ${dim * 4} (float32) for this model` };
  }
  const norm = l2NormalizeInPlace(values);
  if (!Number.isFinite(norm) || norm === 0) return { ok: false, reason: 'is all zeros or not finite' };
  return { ok: true, vector: values };
}

/** The inverse, for pages and tests that write data-vector: int8 with the largest magnitude at ±127. */
export function encodeInlineVectorInt8(vector: ArrayLike<number>): string {
  const codes = quantizeInt8(vector)?.codes;
  if (!codes) throw new Error('a vector with NaN or Infinity cannot be written as data-vector');
  let binary = '';
  for (const b of new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength)) binary += String.fromCharCode(b);
  return btoa(binary);
}
