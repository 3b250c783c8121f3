// Owns the worker's one encoder: loads transformers.js lazily (pages that only
// record views never download it), picks the ORT build before the first
// session, and falls back to WASM once, clearly, when WebGPU fails.
import { EdgeRerankError } from '../errors.ts';
import type { TextEncoder } from '../model/types.ts';
import type { Backend, Problem } from './api.ts';
import { BROWSER_CACHE_NAME } from '../model/model-files.ts';
import { ortPaths, hasWasmSimd, type OrtBuild } from './ort-files.ts';

/** Thrown when WebGPU is wanted but this worker's ORT was started without it: a fresh worker fixes it. */
export class NeedsFreshWorker extends Error {}

interface Loaded {
  model: string;
  backend: Backend;
  encoder: Promise<TextEncoder>;
}

export class EncoderHost {
  #build: OrtBuild | null = null;
  #loaded: Loaded | null = null;
  /** Set once WebGPU failed in this worker: later reranks stay on WASM. */
  #webgpuBroken = false;

  get currentBackend(): Backend | null {
    return this.#loaded?.backend ?? null;
  }

  /** The encoder for `model` on `backend`, loading (or switching) when needed. */
  async encoder(model: string, wanted: Backend, problems: Problem[]): Promise<TextEncoder> {
    const backend: Backend = wanted === 'webgpu' && this.#webgpuBroken ? 'wasm' : wanted;
    if (this.#loaded && this.#loaded.model === model && this.#loaded.backend === backend) return this.#loaded.encoder;
    if (backend === 'webgpu' && this.#build === 'plain') throw new NeedsFreshWorker('WebGPU needs the asyncify ORT build');
    const previous = this.#loaded;
    const loading = this.#load(model, backend);
    this.#loaded = { model, backend, encoder: loading };
    if (previous) void previous.encoder.then((e) => e.dispose()).catch(() => undefined);
    try {
      return await loading;
    } catch (err) {
      if (this.#loaded?.encoder === loading) this.#loaded = null; // the next rerank tries again
      if (backend === 'webgpu' && !(err instanceof EdgeRerankError && err.code === 'model-load')) {
        return this.#fallBack(model, err, problems);
      }
      throw err;
    }
  }

  /** Embeds; a WebGPU failure mid-session switches this worker to WASM and retries once. */
  async embed(model: string, wanted: Backend, texts: string[], problems: Problem[]): Promise<Float32Array> {
    const encoder = await this.encoder(model, wanted, problems);
    try {
      return await encoder.embed(texts);
    } catch (err) {
      if (encoder.device !== 'webgpu') throw EdgeRerankError.from('backend', err);
      const wasm = await this.#fallBack(model, err, problems);
      return wasm.embed(texts);
    }
  }

  async #fallBack(model: string, err: unknown, problems: Problem[]): Promise<TextEncoder> {
    this.#webgpuBroken = true;
    problems.push({
      code: 'backend',
      message: `WebGPU failed (${err instanceof Error ? err.message : String(err)}); this page now uses WASM`,
    });
    return this.encoder(model, 'wasm', problems);
  }

  async #load(model: string, backend: Backend): Promise<TextEncoder> {
    if (!hasWasmSimd()) throw new EdgeRerankError('backend', 'this browser lacks WebAssembly SIMD, which the model runtime needs');
    const [{ env }, { loadEncoder }] = await Promise.all([import('@huggingface/transformers'), import('../model/encoder.ts')]);
    if (this.#build === null) {
      // Global per worker: choose before the first session (FACTS.md).
      this.#build = backend === 'webgpu' ? 'asyncify' : 'plain';
      const paths = ortPaths(this.#build);
      const wasm = env.backends.onnx.wasm;
      if (wasm) wasm.wasmPaths = { ...paths };
      // ORT asks for its wasm only after the model download: start it now and
      // hand the response to transformers.js when it asks (it fetches through env.fetch).
      const early = fetchUnlessCached(paths.wasm, BROWSER_CACHE_NAME);
      const plainFetch = env.fetch;
      let handed = false;
      env.fetch = async (input: string | URL, init?: RequestInit) => {
        const url = typeof input === 'string' ? input : input.href;
        if (!handed && url === paths.wasm) {
          handed = true;
          const response = await early;
          if (response?.ok) return response;
        }
        return plainFetch(input, init);
      };
    }
    return loadEncoder({ model, device: backend, dtype: 'q8' });
  }

  async dispose(): Promise<void> {
    const loaded = this.#loaded;
    this.#loaded = null;
    if (loaded) await loaded.encoder.then((e) => e.dispose()).catch(() => undefined);
  }
}

/** A reload finds the runtime in the Cache API (transformers.js stores it
 *  there): only a first visit should download it early. */
async function fetchUnlessCached(url: string, cacheName: string): Promise<Response | null> {
  try {
    const cache = typeof caches === 'undefined' ? undefined : await caches.open(cacheName);
    if (await cache?.match(url)) return null;
    return await fetch(url);
  } catch {
    return null;
  }
}
