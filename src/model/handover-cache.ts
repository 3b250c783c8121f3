// The cache transformers.js reads model files through (env.customCache). The
// encoder fetches the model files itself — to hash and verify them before
// anything uses them — and hands those exact bytes over here, so nothing is
// downloaded twice and nothing unchecked is used. Everything else passes through to the browser's Cache API
// (absent in Node), as transformers.js would do on its own.
import { BROWSER_CACHE_NAME } from './model-files.ts';

export class HandoverCache {
  readonly #files = new Map<string, { bytes: Uint8Array; modelId: string; file: string }>();

  /** `location` as the encoder read it; transformers.js asks by that path or
   *  by a hub-style key that holds `modelId` and ends with `file`. */
  hand(location: string, modelId: string, file: string, bytes: Uint8Array): void {
    this.#files.set(location, { bytes, modelId, file });
  }

  release(location: string): void {
    this.#files.delete(location);
  }

  async match(request: string): Promise<Response | undefined> {
    for (const [location, { bytes, modelId, file }] of this.#files) {
      // Exact tails only: "…/1_Pooling/config.json" must not be answered with the folder's config.json.
      const same = request === location || request.endsWith(location) || request.endsWith(`${modelId}/resolve/main/${file}`);
      if (same) return new Response(bytes as Uint8Array<ArrayBuffer>);
    }
    const cache = await this.#browserCache();
    return (await cache?.match(request).catch(() => undefined)) ?? undefined;
  }

  async put(request: string, response: Response): Promise<void> {
    const cache = await this.#browserCache();
    await cache?.put(request, response).catch(() => undefined);
  }

  async #browserCache(): Promise<Cache | undefined> {
    if (typeof caches === 'undefined') return undefined;
    return caches.open(BROWSER_CACHE_NAME).catch(() => undefined);
  }
}
