// How many threads ORT's WASM backend gets.

interface Platform {
  crossOriginIsolated?: boolean;
  navigator?: { hardwareConcurrency?: number };
}

/** More than one thread needs cross-origin isolation (SharedArrayBuffer). One
 *  core is left to the page (the shop's own scripts and rendering), and at most
 *  4 are used. On 2 cores that is one thread: there, two were slower than one
 *  for both the encoder and TF.js (bench/results/model.json, docs/MODEL.md),
 *  and each extra thread is one more worker instantiating ORT at load. */
export function wasmThreads(platform: Platform = globalThis as Platform): number {
  const cores = platform.navigator?.hardwareConcurrency ?? 1;
  return platform.crossOriginIsolated === true ? Math.max(1, Math.min(4, cores - 1)) : 1;
}
