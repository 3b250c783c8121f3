// Bytes as stored (raw) and as a server would send them compressed (gzip -9,
// brotli -11). Brotli -11 of ORT's 14 MB wasm takes a while, so compressed
// copies are kept on disk (test/.tmp/bench-compressed/, keyed by content hash).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

const STORE = join(process.cwd(), 'test/.tmp/bench-compressed');

/** The file compressed with `encoding` (gzip level 9 or brotli quality 11), from the disk store when made before. */
export function compressed(file: string, encoding: 'gzip' | 'br'): Buffer {
  const raw = readFileSync(file);
  const stored = join(STORE, `${createHash('sha256').update(raw).digest('hex')}.${encoding}`);
  if (existsSync(stored)) return readFileSync(stored);
  const body =
    encoding === 'br'
      ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gzipSync(raw, { level: 9 });
  mkdirSync(STORE, { recursive: true });
  writeFileSync(stored, body);
  return body;
}

export function sizesOf(file: string): Sizes {
  return { raw: readFileSync(file).length, gzip: compressed(file, 'gzip').length, brotli: compressed(file, 'br').length };
}

/** `files`: URL path → file on disk. */
export function totalSizes(files: Map<string, string>): Sizes & { files: Record<string, Sizes> } {
  const total = { raw: 0, gzip: 0, brotli: 0, files: {} as Record<string, Sizes> };
  for (const [path, file] of [...files].sort()) {
    const s = sizesOf(file);
    total.raw += s.raw;
    total.gzip += s.gzip;
    total.brotli += s.brotli;
    total.files[path] = s;
  }
  return total;
}
