// The page's `data-vector`: base64 of `dim` int8 values or of `dim`
// little-endian float32 values (told apart by length), L2-normalised on
// decoding so it compares with the encoder's vectors whatever scale the page
// used.
import { l2NormalizeInPlace } from './l2.ts';
import { quantizeInt8 } from './int8.ts';

export type InlineVectorResult = { ok: true; vector: Float32Array } | { ok: false; reason: string };

function base64Bytes(text: string): Uint8Array | null {
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
    values = Float32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
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
