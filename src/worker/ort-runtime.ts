// Starts onnxruntime-web's wasm the moment the worker knows it needs the
// model, instead of after the model download as transformers.js would: the
// runtime comes from the Cache API (or the network, then kept there, where
// transformers.js looks for it) and V8 starts compiling it at once, streaming
// (during the download on a first visit), while transformers.js is imported,
// the model files are read and checked and the tokenizer is built. When ORT
// later instantiates the same bytes, V8 finds the module it already compiled
// (its native module cache is keyed by the bytes).
//
// What V8 compiled is kept referenced for the worker's life: it is ORT's code.

/** Kept referenced for the worker's life: ORT's instance runs this code. */
let compiled: Promise<WebAssembly.Module | undefined> | undefined;

async function openCache(name: string): Promise<Cache | undefined> {
  try {
    return typeof caches === 'undefined' ? undefined : await caches.open(name);
  } catch {
    return undefined; // insecure or opaque origins: the network alone will do
  }
}

async function compileFrom(response: Response): Promise<WebAssembly.Module | undefined> {
  const copy = response.clone();
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // A response without the application/wasm type (some servers): compile the bytes instead.
    return WebAssembly.compile(await copy.arrayBuffer()).catch(() => undefined);
  }
}

/**
 * Fetches the runtime into the Cache API `cacheName` (unless it is there) and
 * starts compiling it. Resolves once transformers.js will find it there; with
 * no Cache API, resolves with the bytes, for ORT's `env.wasm.wasmBinary`.
 * Rejects only when the runtime cannot be had at all (ORT then tries itself,
 * and reports the failure).
 */
export async function startOrtRuntime(url: string, cacheName: string): Promise<ArrayBuffer | undefined> {
  const cache = await openCache(cacheName);
  const cached = await cache?.match(url).catch(() => undefined);
  if (cached) {
    compiled = compileFrom(cached);
    return undefined;
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  compiled = compileFrom(response.clone());
  if (!cache) return response.arrayBuffer();
  await cache.put(url, response);
  return undefined;
}

/** Whether V8 compiled the runtime ahead of ORT (benchmarks and diagnostics report it). */
export function ortRuntimeCompiled(): Promise<boolean> {
  return (compiled ?? Promise.resolve(undefined)).then((module) => module !== undefined);
}
