// sha256 of model bytes, hex: indexes and the widget key their vectors by it.
import { sha256Portable } from './sha256-portable.ts';

const hex = (digest: Uint8Array) => Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // crypto.subtle exists only in secure contexts (https, localhost); plain-http pages hash in JS.
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return hex(sha256Portable(bytes));
  return hex(new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}
