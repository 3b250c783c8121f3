// onnxruntime-web's own files, copied by the dist build next to the worker
// (dist/ort/, names with content hashes: dist-files.ts). WASM-only sessions
// use the plain SIMD build (3.7 MB gzip); WebGPU needs the asyncify build
// (6.6 MB gzip), which also runs WASM. ORT takes one build per worker, chosen
// before its first session.
import { DIST_FILES, PLAIN_DIST_FILES, type OrtBuild } from './dist-files.ts';

const RUNTIME_STEM = PLAIN_DIST_FILES.ort.plain.mjs.replace(/\.mjs$/, '');

export type { OrtBuild };

export interface OrtPaths {
  mjs: string;
  wasm: string;
}

export function ortPaths(build: OrtBuild, base: string | URL = import.meta.url): OrtPaths {
  const files = DIST_FILES.ort[build];
  return { mjs: new URL(`./ort/${files.mjs}`, base).href, wasm: new URL(`./ort/${files.wasm}`, base).href };
}

/** Whether a URL is an ORT file of another release: in this ort/ folder, but not one of this build's files. */
export function isOtherRuntimeFile(url: string, base: string | URL = import.meta.url): boolean {
  const folder = new URL('./ort/', base).href;
  const name = url.startsWith(folder) ? url.slice(folder.length) : '';
  const mine = Object.values(DIST_FILES.ort).flatMap((f) => [f.mjs, f.wasm]);
  return name.startsWith(RUNTIME_STEM) && !mine.includes(name);
}

/** A WASM SIMD probe (a tiny module using v128): ORT's builds all need it. */
export function hasWasmSimd(): boolean {
  try {
    return WebAssembly.validate(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]),
    );
  } catch {
    return false;
  }
}
