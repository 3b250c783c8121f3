// onnxruntime-web's own files, copied by the dist build next to the worker
// (dist/ort/). WASM-only sessions use the plain SIMD build (3.7 MB gzip);
// WebGPU needs the asyncify build (6.6 MB gzip), which also runs WASM. ORT
// takes one build per worker, chosen before its first session.

export type OrtBuild = 'plain' | 'asyncify';

export interface OrtPaths {
  mjs: string;
  wasm: string;
}

export function ortPaths(build: OrtBuild, base: string | URL = import.meta.url): OrtPaths {
  const stem = build === 'asyncify' ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
  return { mjs: new URL(`./ort/${stem}.mjs`, base).href, wasm: new URL(`./ort/${stem}.wasm`, base).href };
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
