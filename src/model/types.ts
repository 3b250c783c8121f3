// The encoder's contract, shared by the worker (browser), the batch builder
// and the evaluation (Node).

import type { PoolingMode } from './pooling.ts';

export type EncoderDevice = 'webgpu' | 'wasm' | 'cpu';
/** How a text becomes one vector: 'graph' when the model pools in its graph
 *  (sentence_embedding), else the mode applied to last_hidden_state. Part of
 *  what makes two vectors comparable, next to the model's sha256. */
export type EncoderPooling = 'graph' | PoolingMode;
export type EncoderDtype = 'fp32' | 'q8';

export interface EncoderOptions {
  /** A folder URL or path ("/models/default/") or a hub id ("Xenova/all-MiniLM-L6-v2"). */
  model: string;
  device: EncoderDevice;
  dtype: EncoderDtype;
  /** Browser only: URL prefix of onnxruntime-web's .wasm/.mjs files, or the
   *  two files themselves (picks the ORT build: plain SIMD for WASM-only,
   *  asyncify for WebGPU). Left out: the caller has set transformers.js's env. */
  wasmPaths?: string | { mjs: string; wasm: string } | undefined;
  /** With dtype q8: 'int8' runs the folder's integer-arithmetic file (onnx/model_int8.onnx, which
   *  build:model writes and config.json's edge_rerank.int8_arithmetic names) on the same int8
   *  weights — faster on WASM and CPUs; vectors within cosine 0.999 of float arithmetic's, under
   *  the q8 file's modelSha256. A folder without one runs model_quantized.onnx. Default 'float'. */
  arithmetic?: 'float' | 'int8' | undefined;
  /** Browser only: session creation waits for it — the worker's early start of ORT's runtime
   *  (src/worker/ort-runtime.ts). A rejection is ignored: ORT then fetches its runtime itself. */
  runtime?: Promise<unknown> | undefined;
}

export interface Encoder {
  /** e.g. "edge-rerank/use-lite-en" or the hub id. */
  readonly modelId: string;
  /** sha256 (hex) of the ONNX file actually loaded: indexes are keyed by it. */
  readonly modelSha256: string;
  readonly dim: number;
  readonly device: EncoderDevice;
  readonly pooling: EncoderPooling;
  /** One L2-normalised row of `dim` floats per text, flat. */
  embed(texts: string[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}
