// The names scripts/build-dist.ts gives the worker script and ONNX Runtime's
// files. Each carries a hash of its content, so a new release never runs
// with a copy of an older file that a browser, a CDN or the Cache API kept
// under the same URL (a runtime wasm from another build fails to link).
// The build injects them; code run from source sees the plain names.

/** Which onnxruntime-web build: plain SIMD (WASM only) or asyncify (WebGPU + WASM). */
export type OrtBuild = 'plain' | 'asyncify';

export interface DistFiles {
  /** The worker entry, beside edge-rerank.js. */
  worker: string;
  /** Per ORT build, its loader (.mjs) and its wasm, in dist/ort/. */
  ort: Record<OrtBuild, { mjs: string; wasm: string }>;
}

declare const EDGE_RERANK_DIST_FILES: DistFiles | undefined;

export const PLAIN_DIST_FILES: DistFiles = {
  worker: 'edge-rerank.worker.js',
  ort: {
    plain: { mjs: 'ort-wasm-simd-threaded.mjs', wasm: 'ort-wasm-simd-threaded.wasm' },
    asyncify: { mjs: 'ort-wasm-simd-threaded.asyncify.mjs', wasm: 'ort-wasm-simd-threaded.asyncify.wasm' },
  },
};

export const DIST_FILES: DistFiles = typeof EDGE_RERANK_DIST_FILES === 'undefined' ? PLAIN_DIST_FILES : EDGE_RERANK_DIST_FILES;
