// Owns the worker's one encoder: loads transformers.js lazily (pages that only
// record views never download it) and picks the ORT build before the first
// session. When WebGPU fails (at load or mid-session) this worker's runtime
// cannot be trusted any more (a failed WebGPU run leaves ORT's state broken,
// so even a WASM session here would fail): it asks for a fresh worker on WASM.
import { EdgeRerankError, messageOf } from '../errors.ts';
import { blockedSince, cspError, cspMark, watchCsp } from './csp.ts';
import type { Encoder } from '../model/types.ts';
import type { Backend } from './api.ts';
import { BROWSER_CACHE_NAME } from '../model/model-files.ts';
import { hasWasmSimd, isOtherRuntimeFile, ortPaths, type OrtBuild, type OrtPaths } from './ort-files.ts';
import { startOrtRuntime } from './ort-runtime.ts';

/** This worker cannot serve the request; a fresh one can (on WASM when `avoidWebgpu`). */
export class NeedsFreshWorker extends Error {
  constructor(
    message: string,
    readonly avoidWebgpu: boolean,
  ) {
    super(message);
  }
}

interface Loaded {
  model: string;
  backend: Backend;
  encoder: Promise<Encoder>;
}

function webgpuFailed(err: unknown): NeedsFreshWorker {
  return new NeedsFreshWorker(`WebGPU failed (${messageOf(err)}); this page now uses WASM`, true);
}

watchCsp();

export class EncoderHost {
  #build: OrtBuild | null = null;
  #runtime: Promise<void> = Promise.resolve();
  #loaded: Loaded | null = null;

  get currentBackend(): Backend | null {
    return this.#loaded?.backend ?? null;
  }

  /** The encoder for `model` on `backend`, loading (or switching) when needed. */
  async encoder(model: string, backend: Backend): Promise<Encoder> {
    if (this.#loaded && this.#loaded.model === model && this.#loaded.backend === backend) return this.#loaded.encoder;
    if (backend === 'webgpu' && this.#build === 'plain') throw new NeedsFreshWorker('WebGPU needs the asyncify ORT build', false);
    const previous = this.#loaded;
    const mark = cspMark();
    const loading = this.#load(model, backend);
    this.#loaded = { model, backend, encoder: loading };
    if (previous) void previous.encoder.then((e) => e.dispose()).catch(() => undefined);
    try {
      return await loading;
    } catch (err) {
      if (this.#loaded?.encoder === loading) this.#loaded = null; // the next rerank tries again
      const blocked = blockedSince(mark, err);
      if (blocked.length) throw cspError('the model or its runtime', blocked);
      // A model file that is missing or corrupt fails on every backend: no point in switching.
      if (backend === 'webgpu' && !(err instanceof EdgeRerankError && err.code === 'model-load')) throw webgpuFailed(err);
      throw err;
    }
  }

  async embed(model: string, backend: Backend, texts: string[]): Promise<Float32Array> {
    const encoder = await this.encoder(model, backend);
    try {
      return await encoder.embed(texts);
    } catch (err) {
      if (encoder.device === 'webgpu') throw webgpuFailed(err);
      throw EdgeRerankError.from('backend', err);
    }
  }

  async #load(model: string, backend: Backend): Promise<Encoder> {
    if (!hasWasmSimd()) throw new EdgeRerankError('backend', 'this browser lacks WebAssembly SIMD, which the model runtime needs');
    let runtime: Promise<ArrayBuffer> | null = null;
    if (this.#build === null) {
      // Global per worker: choose before the first session (docs/PLATFORM-NOTES.md).
      this.#build = backend === 'webgpu' ? 'asyncify' : 'plain';
      void dropOtherRuntimes(BROWSER_CACHE_NAME);
      // Fetched and compiled from now on, beside transformers.js's import and the model files (ort-runtime.ts).
      runtime = startOrtRuntime(ortPaths(this.#build).wasm, BROWSER_CACHE_NAME);
    }
    const [{ env, LogLevel }, { loadEncoder }] = await Promise.all([import('@huggingface/transformers'), import('../model/encoder.ts')]);
    // Failures reach the page as one edge-rerank-error + one [edge-rerank] line; the library's own console output would repeat them.
    env.logLevel = LogLevel.NONE;
    const wasm = env.backends.onnx.wasm;
    if (runtime && wasm) {
      wasm.wasmPaths = pinnedLoaderUrl(ortPaths(this.#build));
      // Sessions wait for the compiled runtime, which ORT then instantiates (ort-runtime.ts): transformers.js
      // does not read the bytes from its cache. If the runtime cannot be had, ORT fetches it itself.
      this.#runtime = runtime.then((binary) => {
        env.useWasmCache = false;
        wasm.wasmBinary = binary;
      });
      // Awaited before the session; a failed load never gets there, and must not leave an unhandled rejection.
      this.#runtime.catch(() => undefined);
    }
    return loadEncoder({
      model,
      device: backend,
      dtype: 'q8',
      arithmetic: backend === 'wasm' ? 'int8' : 'float',
      runtime: this.#runtime,
    });
  }
}

/** transformers.js swaps wasmPaths.mjs for a blob: URL of the same code (its
 *  own caching), and a Content-Security-Policy without blob: refuses to import
 *  that: the model then fails to load. This keeps ORT importing the file by
 *  its own URL, which script-src 'self' (or the CDN) allows. */
function pinnedLoaderUrl(paths: OrtPaths): OrtPaths {
  return {
    wasm: paths.wasm,
    get mjs() {
      return paths.mjs;
    },
    set mjs(_ignored: string) {},
  };
}

/** Runtime files of earlier releases (other names, see dist-files.ts) are
 *  never asked for again: free their space (14–27 MB each) in the Cache API. */
async function dropOtherRuntimes(cacheName: string): Promise<void> {
  try {
    if (typeof caches === 'undefined') return;
    const cache = await caches.open(cacheName);
    for (const request of await cache.keys()) if (isOtherRuntimeFile(request.url)) await cache.delete(request);
  } catch {
    // A cache we cannot clean costs space, never correctness.
  }
}
