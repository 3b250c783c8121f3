// The "resolve vectors" step of a rerank: loads the encoder and finds a
// vector for every candidate and history item, cheapest source first
// (candidate-vectors.ts). The query is not embedded: no fitted model reads a
// query vector (src/rank/default-weights.ts), and on WASM one costs 4–12 ms of
// every new search. The worker keeps its one encoder and the in-memory front
// of the vector cache here.
import type { HistoryEvent, HistoryStore } from '../history/history-store.ts';
import type { SkippedRowsListener } from '../history/stored-rows.ts';
import type { Encoder } from '../model/types.ts';
import type { Backend, RerankRequest } from './api.ts';
import { resolveVectors, type VectorItem } from './candidate-vectors.ts';
import { EncoderHost } from './encoder-host.ts';
import type { IndexCache } from './index-cache.ts';
import { noteProgress } from './progress.ts';
import { RecentVectors } from './recent-vectors.ts';
import type { RerankRun } from './rerank-run.ts';

export interface ResolvedVectors {
  /** By candidate id and history item id. */
  vectors: Map<string, Float32Array>;
  /** Texts embedded on the device for this rerank. */
  embedded: number;
  /** What the encoder ran on. */
  backend: Backend;
}

/** Vectors compare only within one model file and one pooling ('graph' keeps the key older caches used). */
function cacheKeyOf(encoder: Encoder): string {
  return `${encoder.modelId}@${encoder.modelSha256.slice(0, 16)}${encoder.pooling === 'graph' ? '' : `:${encoder.pooling}`}`;
}

/** Candidates first, then history items that are not on screen (device-only sources). */
function vectorItems(request: RerankRequest, events: HistoryEvent[]): VectorItem[] {
  const items: VectorItem[] = request.candidates.map((c) => ({ ...c, inline: c.vector }));
  const seen = new Set(items.map((i) => i.id));
  for (const e of events) {
    if (seen.has(e.itemId)) continue;
    seen.add(e.itemId);
    items.push({ id: e.itemId, title: e.title, category: e.category, brand: e.brand, historyOnly: true });
  }
  return items;
}

/** Where vectors are cached on this device (no store: memory only). */
export interface VectorCache {
  store: HistoryStore | null;
  onSkipped: SkippedRowsListener;
}

export class VectorStep {
  readonly #encoders = new EncoderHost();
  readonly #recent = new RecentVectors();
  readonly #indexes: IndexCache;

  constructor(indexes: IndexCache) {
    this.#indexes = indexes;
  }

  /** Throws NeedsFreshWorker when this worker's runtime cannot serve `backend`;
   *  any other throw means the model could not be used. */
  async resolve(
    request: RerankRequest,
    events: HistoryEvent[],
    backend: Backend,
    cache: VectorCache,
    run: RerankRun,
  ): Promise<ResolvedVectors> {
    const encoder = await run.time('encoderLoad', () => this.#encoders.encoder(request.model, backend));
    let used: Backend = encoder.device === 'webgpu' ? 'webgpu' : 'wasm';
    noteProgress();
    const embed = async (texts: string[]) => {
      const vectors = await this.#encoders.embed(request.model, used, texts);
      noteProgress(); // one batch done: a long list is not a stall
      return vectors;
    };
    const resolved = await run.time('vectors', async () => {
      const index = request.index
        ? await this.#indexes.open(request.index, { modelSha256: encoder.modelSha256, pooling: encoder.pooling }, run.problems)
        : null;
      return resolveVectors(
        vectorItems(request, events),
        {
          dim: encoder.dim,
          lookupIndex: index ? (ids) => index.lookup(ids) : undefined,
          ...this.#cache(cacheKeyOf(encoder), cache),
          embed,
        },
        run.problems,
      );
    });
    used = this.#encoders.currentBackend ?? used;
    return { vectors: resolved.vectors, embedded: resolved.embedded, backend: used };
  }

  /** Forgets every vector kept in memory. */
  clear(): void {
    this.#recent.clear();
  }

  /** The vector cache: memory first, then IndexedDB. */
  #cache(key: string, { store, onSkipped }: VectorCache) {
    return {
      readCache: async (ids: string[]) => {
        const found = this.#recent.get(key, ids);
        const rest = ids.filter((id) => !found.has(id));
        if (store && rest.length) {
          const stored = await store.getVectors(key, rest, onSkipped);
          this.#recent.put(key, stored);
          for (const [id, vector] of stored) found.set(id, vector);
        }
        return found;
      },
      writeCache: async (vectors: Map<string, Float32Array>) => {
        this.#recent.put(key, vectors);
        if (store) await store.putVectors(key, vectors);
      },
    };
  }
}
