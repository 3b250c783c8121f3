// Decodes a page's data-vector: base64 of `dim` int8 values or of `dim`
// little-endian float32 values (told apart by length), L2-normalised so it
// compares with the encoder's vectors whatever scale the page used.

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
    const int8 = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    values = Float32Array.from(int8);
  } else if (bytes.length === dim * 4) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    values = new Float32Array(dim);
    for (let i = 0; i < dim; i++) values[i] = view.getFloat32(i * 4, true);
  } else {
    return { ok: false, reason: `has ${bytes.length} bytes; expected ${dim} (int8) or ${dim * 4} (float32) for this model` };
  }
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm);
  if (!Number.isFinite(norm) || norm === 0) return { ok: false, reason: 'is all zeros or not finite' };
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  return { ok: true, vector: values };
}

/** The inverse, for pages and tests that write data-vector: int8 with the largest magnitude at ±127. */
export function encodeInlineVectorInt8(vector: ArrayLike<number>): string {
  let max = 0;
  for (let i = 0; i < vector.length; i++) max = Math.max(max, Math.abs(vector[i] as number));
  const bytes = new Uint8Array(vector.length);
  const int8 = new Int8Array(bytes.buffer);
  for (let i = 0; i < vector.length; i++) int8[i] = max === 0 ? 0 : Math.round(((vector[i] as number) / max) * 127);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
