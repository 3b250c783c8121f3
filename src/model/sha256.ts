// sha256 of model bytes, hex: indexes and the widget key their vectors by it.
import { EdgeRerankError } from '../errors.ts';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new EdgeRerankError('model-load', 'crypto.subtle is unavailable (the page is not a secure context: serve it over https)');
  }
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
