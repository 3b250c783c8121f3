// Starts onnxruntime-web's wasm the moment the worker knows it needs the
// model, instead of after the model download as transformers.js would: V8
// starts compiling it at once, streaming (during the download on a first
// visit), while transformers.js is imported, the model files are read and
// checked and the tokenizer is built.
//
// Where from, in order:
// 1. the browser's HTTP cache (same-origin runtimes): for a wasm response from
//    there Chromium keeps V8's optimised code beside it, and a returning page
//    starts with that code. Compiled from any other copy, every page starts
//    from cold code: measured here (Chromium 156), ORT's session creation then
//    took ~1.1 s and its first run ~0.4 s, against ~0.2 s and ~0.04 s;
// 2. the Cache API, where the first visit keeps a copy (an incognito window's
//    HTTP cache is in memory and too small for 14 MB; a CDN origin cannot be
//    asked for its HTTP-cached copy alone);
// 3. the network, then kept in the Cache API.
//
// ORT is handed the compiled module, not the bytes: V8 does not reuse a
// module compiled from the same bytes (instantiating the 14 MB compiles them
// again: 80–180 ms here, against ~10 ms from the module). ORT's loader takes
// only bytes (`env.wasm.wasmBinary`), so it gets a token buffer in their place
// that `WebAssembly.instantiate` answers with the module (ort-instantiation.ts).
import { answerTokenWith } from './ort-instantiation.ts';

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

/** The HTTP cache's copy alone, never the network; undefined when it has none (or the runtime is on another origin). */
async function fromHttpCache(url: string): Promise<Response | undefined> {
  try {
    const response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' });
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

async function fetchRuntime(url: string, cache: Cache | undefined): Promise<Response> {
  const cached = (await fromHttpCache(url)) ?? (await cache?.match(url).catch(() => undefined));
  if (cached) return cached;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (cache) void cache.put(url, response.clone()).catch(() => undefined);
  return response;
}

/**
 * Fetches the runtime `url` (see above) and starts compiling it. Resolves,
 * once the response has begun, with the buffer to set as ORT's
 * `env.wasm.wasmBinary`: ORT's instantiation of it gets the compiled module
 * (or, if compiling failed, the runtime's bytes). Rejects only when the
 * runtime cannot be had at all (ORT then tries itself, and reports the failure).
 */
export async function startOrtRuntime(url: string, cacheName: string): Promise<ArrayBuffer> {
  const cache = await openCache(cacheName);
  const module = compileFrom(await fetchRuntime(url, cache));
  compiled = module;
  return answerTokenWith(module, async () => (await fetchRuntime(url, cache)).arrayBuffer());
}

/** Whether V8 compiled the runtime ahead of ORT (benchmarks and diagnostics report it). */
export function ortRuntimeCompiled(): Promise<boolean> {
  return (compiled ?? Promise.resolve(undefined)).then((module) => module !== undefined);
}
