// The widget's reader of a static index folder: the manifest first, then only
// the shards that hold the ids asked for. Shard files are content-addressed,
// so a cached copy (Cache API) never goes stale and a rebuilt index simply
// names new files.
import { EdgeRerankError, messageOf } from '../errors.ts';
import { ITEM_TEXT_VERSION } from '../model/item-text.ts';
import { sha256Hex } from '../model/sha256.ts';
import type { EncoderPooling } from '../model/types.ts';
import { dequantizeInt8 } from '../vector/int8.ts';
import { parseManifest, type Manifest } from './manifest.ts';
import { decodeShard, neighboursOf, type DecodedShard } from './shard-format.ts';
import { shardOf } from './shard-of.ts';
import type { IndexedItem } from './types.ts';
import type { Neighbour } from '../rank/types.ts';

export interface CandidateIndexExpect {
  /** sha256 of the model file the caller loaded; a different one → error. */
  modelSha256?: string | undefined;
  /** How the caller's model pools; an index pooled otherwise → error. */
  pooling?: EncoderPooling | undefined;
  /** Another fetch (e.g. one that reads file: URLs from disk in Node). */
  fetch?: typeof fetch | undefined;
  /** Keep shards in the Cache API when it exists (default true). */
  cache?: boolean | undefined;
}

/** Cache API bucket for shard files. */
export const INDEX_CACHE_NAME = 'edge-rerank-index';
/** Decoded shards kept in memory; older ones are read again from the cache. */
const MAX_SHARDS_IN_MEMORY = 256;

export class CandidateIndex {
  readonly manifest: Manifest;
  readonly baseUrl: string;
  readonly #fetchFn: typeof fetch;
  readonly #cache: Promise<Cache | undefined>;
  readonly #shards = new Map<number, Promise<DecodedShard>>();

  private constructor(baseUrl: string, manifest: Manifest, fetchFn: typeof fetch, cache: Promise<Cache | undefined>) {
    this.baseUrl = baseUrl;
    this.manifest = manifest;
    this.#fetchFn = fetchFn;
    this.#cache = cache;
  }

  get dim(): number {
    return this.manifest.dim;
  }

  get modelId(): string {
    return this.manifest.model.id;
  }

  get modelSha256(): string {
    return this.manifest.model.sha256;
  }

  static async open(baseUrl: string, expect: CandidateIndexExpect = {}): Promise<CandidateIndex> {
    // A relative URL ("/index/") is resolved against the page or worker.
    const here = (globalThis as { location?: { href?: string } }).location?.href;
    let base: string;
    try {
      base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, here).href;
    } catch (err) {
      throw new EdgeRerankError(
        'index',
        `index URL "${baseUrl}" is not a valid URL${here ? '' : ' (give an absolute URL outside a page)'}`,
        { cause: err },
      );
    }
    const fetchFn = expect.fetch ?? globalThis.fetch.bind(globalThis);
    const manifestUrl = new URL('manifest.json', base).href;
    let raw: unknown;
    try {
      const response = await fetchFn(manifestUrl);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      raw = await response.json();
    } catch (err) {
      throw new EdgeRerankError('index', `index manifest ${manifestUrl} could not be read: ${messageOf(err)}`, { cause: err });
    }
    const manifest = parseManifest(raw, manifestUrl);
    if (expect.modelSha256 !== undefined && expect.modelSha256 !== manifest.model.sha256) {
      throw new EdgeRerankError(
        'index',
        `index manifest ${manifestUrl} was built with model sha256 ${manifest.model.sha256} (${manifest.model.id}), but the loaded model has sha256 ${expect.modelSha256}`,
      );
    }
    if (expect.pooling !== undefined && manifest.model.pooling !== undefined && expect.pooling !== manifest.model.pooling) {
      // Same ONNX file, other pooling (1_Pooling/config.json changed after the build): vectors would not compare.
      throw new EdgeRerankError(
        'index',
        `index manifest ${manifestUrl} was built with ${manifest.model.pooling} pooling, but the loaded model pools with ${expect.pooling}`,
      );
    }
    if (manifest.textTemplateVersion !== ITEM_TEXT_VERSION) {
      throw new EdgeRerankError(
        'index',
        `index manifest ${manifestUrl} was built with item text template v${manifest.textTemplateVersion}, this widget uses v${ITEM_TEXT_VERSION}`,
      );
    }
    const useCache = expect.cache !== false && typeof globalThis.caches !== 'undefined';
    const cache = useCache ? globalThis.caches.open(INDEX_CACHE_NAME).catch(() => undefined) : Promise.resolve(undefined);
    const index = new CandidateIndex(base, manifest, fetchFn, cache);
    await index.#pruneCache();
    return index;
  }

  /** Drops cached shards of this index folder that its manifest no longer
   *  names (a rebuilt index), so the cache stays the size of one index. */
  async #pruneCache(): Promise<void> {
    const cache = await this.#cache;
    if (!cache) return;
    try {
      const current = new Set(this.manifest.shards.map((s) => new URL(s.file, this.baseUrl).href));
      const folder = new URL('shards/', this.baseUrl).href;
      for (const request of await cache.keys()) {
        if (request.url.startsWith(folder) && !current.has(request.url)) await cache.delete(request);
      }
    } catch {
      // Pruning only saves space: never let it cost the index.
    }
  }

  /** Which shard an id lives in (whether or not the index holds it). */
  shardOf(id: string): number {
    return shardOf(id, this.manifest.shards.length);
  }

  /** The indexed items among `ids`; ids the index lacks are simply absent. */
  async lookup(ids: string[]): Promise<Map<string, IndexedItem>> {
    const found = new Map<string, IndexedItem>();
    await this.#eachRow(ids, (id, shard, row) => {
      const codes = shard.codes.subarray(row * shard.dim, (row + 1) * shard.dim);
      found.set(id, { id, vector: dequantizeInt8(codes, shard.scales[row] ?? 0), neighbours: neighboursOf(shard, row) });
    });
    return found;
  }

  /** Only the behavioural neighbours of the indexed items among `ids` (none
   *  for an item without any): a ranking that reads no content vector does
   *  not pay for decoding them. */
  async neighbours(ids: string[]): Promise<Map<string, Neighbour[]>> {
    const found = new Map<string, Neighbour[]>();
    await this.#eachRow(ids, (id, shard, row) => {
      const neighbours = neighboursOf(shard, row);
      if (neighbours.length) found.set(id, neighbours);
    });
    return found;
  }

  /** Calls `visit` for each of `ids` the index holds, with its shard and row. */
  async #eachRow(ids: string[], visit: (id: string, shard: DecodedShard, row: number) => void): Promise<void> {
    const wanted = new Map<number, string[]>();
    for (const id of new Set(ids)) {
      const shard = this.shardOf(id);
      if (this.manifest.shards[shard]?.count === 0) continue; // nothing to fetch
      wanted.set(shard, [...(wanted.get(shard) ?? []), id]);
    }
    await Promise.all(
      [...wanted].map(async ([shardIndex, shardIds]) => {
        const shard = await this.#loadShard(shardIndex);
        for (const id of shardIds) {
          const row = binarySearch(shard.ids, id);
          if (row >= 0) visit(id, shard, row);
        }
      }),
    );
  }

  #loadShard(index: number): Promise<DecodedShard> {
    let pending = this.#shards.get(index);
    if (!pending) {
      pending = this.#fetchShard(index);
      pending.catch(() => this.#shards.delete(index)); // let a later lookup retry
      if (this.#shards.size >= MAX_SHARDS_IN_MEMORY) {
        const oldest = this.#shards.keys().next().value;
        if (oldest !== undefined) this.#shards.delete(oldest);
      }
      this.#shards.set(index, pending);
    }
    return pending;
  }

  async #fetchShard(index: number): Promise<DecodedShard> {
    const entry = this.manifest.shards[index];
    if (!entry) throw new EdgeRerankError('index', `index ${this.baseUrl}: no shard ${index}`);
    const url = new URL(entry.file, this.baseUrl).href;
    const cache = await this.#cache;
    let bytes: Uint8Array | undefined;
    const cached = await cache?.match(url).catch(() => undefined);
    if (cached) {
      const candidate = new Uint8Array(await cached.arrayBuffer());
      const sha = await sha256Hex(candidate);
      if (sha === entry.sha256) bytes = candidate;
      else await cache?.delete(url).catch(() => undefined); // damaged copy: fetch again
    }
    if (!bytes) {
      let response: Response;
      try {
        response = await this.#fetchFn(url);
      } catch (err) {
        throw new EdgeRerankError('index', `index shard ${url} could not be fetched: ${messageOf(err)}`, {
          cause: err,
        });
      }
      if (!response.ok) throw new EdgeRerankError('index', `index shard ${url} could not be fetched: HTTP ${response.status}`);
      bytes = new Uint8Array(await response.arrayBuffer());
      const sha = await sha256Hex(bytes);
      if (sha !== entry.sha256) {
        throw new EdgeRerankError('index', `index shard ${url} is corrupt: sha256 ${sha}, manifest says ${entry.sha256}`);
      }
      // Only verified bytes go into the cache; a failed put (quota) is not fatal.
      await cache?.put(url, new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
    }
    const shard = decodeShard(bytes, url);
    if (shard.dim !== this.manifest.dim || shard.ids.length !== entry.count) {
      throw new EdgeRerankError(
        'index',
        `index shard ${url} holds ${shard.ids.length}×${shard.dim}, manifest says ${entry.count}×${this.manifest.dim}`,
      );
    }
    return shard;
  }
}

/** Ids in a shard are sorted (UTF-16 code units), as the builder writes them. */
function binarySearch(sorted: string[], id: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = sorted[mid] as string;
    if (value === id) return mid;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
