// The worker's one service: history (IndexedDB), vectors, the encoder and the
// pure Ranker, behind the RerankWorkerApi. Every failure becomes a Problem;
// whatever is not known leaves the server order in place.
import { EdgeRerankError } from '../errors.ts';
import { HistoryStore, type HistoryEvent } from '../history/history-store.ts';
import { CandidateIndex } from '../index/candidate-index.ts';
import { rank } from '../rank/ranker.ts';
import { learnFromClick } from '../rank/click-learning.ts';
import { offsetsFromWeights, weightsFromOffsets, type WeightOffsets } from '../rank/learned-weights.ts';
import type { HistoryItem, Neighbour, RankCandidate, RankResult } from '../rank/types.ts';
import type { EncoderPooling, TextEncoder } from '../model/types.ts';
import type { Outcome, Problem, RerankRequest, RerankResponse, RerankWorkerApi, TrackEvent, WorkerTimings } from './api.ts';
import { chooseBackend } from './backend-choice.ts';
import { EncoderHost, NeedsFreshWorker } from './encoder-host.ts';
import { resolveVectors, type VectorItem } from './candidate-vectors.ts';
import { noteProgress } from './progress.ts';
import { RecentVectors } from './recent-vectors.ts';

/** IndexedDB meta key of what this shopper's clicks taught: offsets from the shipped default weights. */
export const LEARNED_WEIGHTS_KEY = 'rank-weight-offsets';
/** Most recent history events a ranking looks at. */
export const HISTORY_WINDOW = 100;
/** A history read is reused this long at most (retention cut-offs move with time). */
const SNAPSHOT_MAX_AGE_MS = 60_000;
/** A failed index is tried again after this long. */
const INDEX_RETRY_MS = 5 * 60_000;
/** Query vectors kept in memory. */
const QUERY_MEMO_SIZE = 32;

interface HistorySnapshot {
  events: HistoryEvent[];
  weights: Record<string, number> | undefined;
  readAt: number;
}

function problemOf(code: Problem['code'], err: unknown): Problem {
  const e = EdgeRerankError.from(code, err);
  return { code: e.code, message: e.message };
}

function since(start: number): number {
  return Math.round((performance.now() - start) * 100) / 100;
}

export class RerankService implements RerankWorkerApi {
  readonly #encoders = new EncoderHost();
  #store: Promise<HistoryStore> | null = null;
  readonly #indexes = new Map<string, { opening: Promise<CandidateIndex>; failedAt?: number }>();
  readonly #recentVectors = new RecentVectors();
  readonly #queries = new Map<string, Float32Array>();
  #snapshot: HistorySnapshot | null = null;
  /** The last ranking, so a click can teach the weights what it preferred. */
  #lastResult: RankResult | null = null;

  #history(): Promise<HistoryStore> {
    if (!this.#store) {
      this.#store = HistoryStore.open().then((store) => {
        store.onChange(() => (this.#snapshot = null)); // another tab recorded or forgot something
        return store;
      });
      this.#store.catch(() => (this.#store = null)); // IndexedDB may come back (e.g. quota freed)
    }
    return this.#store;
  }

  /** Events and learned weights, read once and reused until something changes. */
  async #historySnapshot(store: HistoryStore): Promise<HistorySnapshot> {
    const now = Date.now();
    if (this.#snapshot && now - this.#snapshot.readAt < SNAPSHOT_MAX_AGE_MS) return this.#snapshot;
    const [events, offsets] = await Promise.all([store.recentEvents(HISTORY_WINDOW), store.getMeta<WeightOffsets>(LEARNED_WEIGHTS_KEY)]);
    this.#snapshot = { events, weights: offsets ? weightsFromOffsets(offsets) : undefined, readAt: now };
    return this.#snapshot;
  }

  /** The query's vector, embedded once per query while it is recent (paging, filters). */
  async #queryVector(model: string, query: string, embed: (texts: string[]) => Promise<Float32Array>, dim: number): Promise<Float32Array> {
    const key = `${model}\u0000${query}`;
    let vector = this.#queries.get(key);
    if (!vector) {
      vector = (await embed([query])).slice(0, dim);
      this.#queries.set(key, vector);
      if (this.#queries.size > QUERY_MEMO_SIZE) this.#queries.delete(this.#queries.keys().next().value as string);
    }
    return vector;
  }

  async rerank(request: RerankRequest): Promise<Outcome<RerankResponse>> {
    const started = performance.now();
    const problems: Problem[] = [];
    const timings: WorkerTimings = { history: 0, encoderLoad: 0, query: 0, vectors: 0, rank: 0, total: 0 };
    try {
      let events: HistoryEvent[] = [];
      let weights: Record<string, number> | undefined;
      let store: HistoryStore | null = null;
      try {
        store = await this.#history();
        ({ events, weights } = await this.#historySnapshot(store));
        noteProgress();
      } catch (err) {
        problems.push(problemOf('storage', err));
      }
      timings.history = since(started);

      const choice = await chooseBackend(request.device);
      if (choice.note) problems.push({ code: 'backend', message: choice.note });
      let backend = choice.backend;
      let candidates: RankCandidate[] = request.candidates.map((c) => ({
        id: c.id,
        serverRank: c.serverRank,
        serverScore: c.serverScore,
        title: c.title,
        category: c.category,
        brand: c.brand,
        pinned: c.pinned,
      }));
      let history: HistoryItem[] = events.map((e) => ({
        itemId: e.itemId,
        title: e.title,
        type: e.type,
        time: e.time,
        category: e.category,
        brand: e.brand,
      }));
      let queryVector: Float32Array | undefined;
      let embedded = 0;

      // No history → the ranking is the server order exactly: no model needed.
      if (history.length > 0 && request.strength > 0) {
        try {
          const loadStarted = performance.now();
          const encoder = await this.#encoders.encoder(request.model, backend);
          backend = encoder.device === 'webgpu' ? 'webgpu' : 'wasm';
          timings.encoderLoad = since(loadStarted);
          noteProgress();
          const embed = async (texts: string[]) => {
            const vectors = await this.#encoders.embed(request.model, backend, texts);
            noteProgress(); // one batch done: a long list is not a stall
            return vectors;
          };

          const queryStarted = performance.now();
          if (request.query) queryVector = await this.#queryVector(request.model, request.query, embed, encoder.dim);
          timings.query = since(queryStarted);

          const vectorsStarted = performance.now();
          const resolved = await this.#vectors(request, events, encoder, store, embed, problems);
          backend = this.#encoders.currentBackend ?? backend;
          candidates = candidates.map((c) => ({ ...c, vector: resolved.vectors.get(c.id), neighbours: resolved.neighbours.get(c.id) }));
          history = history.map((h) => ({ ...h, vector: resolved.vectors.get(h.itemId) }));
          timings.vectors = since(vectorsStarted);
          embedded = resolved.embedded;
        } catch (err) {
          if (err instanceof NeedsFreshWorker) throw err;
          // Without vectors the Ranker still has brand/category/repeat signals,
          // and the index's behavioural neighbours, which need no model.
          problems.push(problemOf('model-load', err));
          if (request.index) {
            const neighbours = await this.#neighboursOnly(
              request.index,
              request.candidates.map((c) => c.id),
              problems,
            );
            candidates = candidates.map((c) => ({ ...c, neighbours: neighbours.get(c.id) }));
          }
        }
      }

      const rankStarted = performance.now();
      const result = rank({
        queryVector,
        candidates,
        history,
        options: { strength: request.strength, maxDisplacement: request.maxDisplacement, weights, now: Date.now() },
      });
      timings.rank = since(rankStarted);
      this.#lastResult = result;
      timings.total = since(started);
      return {
        ok: true,
        value: {
          order: result.order,
          scores: result.scores,
          reasons: result.reasons,
          backend,
          historySize: history.length,
          embedded,
          timings,
          problems,
        },
      };
    } catch (err) {
      if (err instanceof NeedsFreshWorker) {
        return { ok: false, problem: { code: 'backend', message: err.message }, restart: true, avoidWebgpu: err.avoidWebgpu };
      }
      return { ok: false, problem: problemOf('worker', err) };
    }
  }

  async #vectors(
    request: RerankRequest,
    events: HistoryEvent[],
    encoder: TextEncoder,
    store: HistoryStore | null,
    embed: (texts: string[]) => Promise<Float32Array>,
    problems: Problem[],
  ) {
    // Vectors compare only within one model file and one pooling ('graph' keeps the key older caches used).
    const cacheKey = `${encoder.modelId}@${encoder.modelSha256.slice(0, 16)}${encoder.pooling === 'graph' ? '' : `:${encoder.pooling}`}`;
    const index = request.index
      ? await this.#index(request.index, { modelSha256: encoder.modelSha256, pooling: encoder.pooling }, problems)
      : null;
    const items: VectorItem[] = request.candidates.map((c) => ({ ...c, inline: c.vector }));
    const seen = new Set(items.map((i) => i.id));
    for (const e of events) {
      if (seen.has(e.itemId)) continue;
      seen.add(e.itemId);
      items.push({ id: e.itemId, title: e.title, category: e.category, brand: e.brand, historyOnly: true });
    }
    return resolveVectors(
      items,
      {
        dim: encoder.dim,
        lookupIndex: index ? (ids) => index.lookup(ids) : undefined,
        readCache: async (ids) => {
          const found = this.#recentVectors.get(cacheKey, ids);
          const rest = ids.filter((id) => !found.has(id));
          if (store && rest.length) {
            const stored = await store.getVectors(cacheKey, rest);
            this.#recentVectors.put(cacheKey, stored);
            for (const [id, vector] of stored) found.set(id, vector);
          }
          return found;
        },
        writeCache: async (vectors) => {
          this.#recentVectors.put(cacheKey, vectors);
          if (store) await store.putVectors(cacheKey, vectors);
        },
        embed,
      },
      problems,
    );
  }

  /** Behavioural neighbours without a model: its vectors cannot be checked against one, so they go unused. */
  async #neighboursOnly(url: string, ids: string[], problems: Problem[]): Promise<Map<string, Neighbour[]>> {
    const neighbours = new Map<string, Neighbour[]>();
    const index = await this.#index(url, {}, problems);
    try {
      for (const [id, item] of (await index?.lookup(ids)) ?? []) if (item.neighbours.length) neighbours.set(id, item.neighbours);
    } catch (err) {
      problems.push(problemOf('index', err));
    }
    return neighbours;
  }

  /** One open attempt per index URL and model: a broken index is reported once,
   *  then ignored — until INDEX_RETRY_MS have passed, since a network blip
   *  should not switch the index off for the rest of the page's life. */
  async #index(
    url: string,
    model: { modelSha256?: string; pooling?: EncoderPooling },
    problems: Problem[],
  ): Promise<CandidateIndex | null> {
    const key = `${url} ${model.modelSha256 ?? 'any model'} ${model.pooling ?? ''}`;
    let entry = this.#indexes.get(key);
    const failedLongAgo = entry?.failedAt !== undefined && Date.now() - entry.failedAt > INDEX_RETRY_MS;
    const first = !entry || failedLongAgo;
    if (!entry || failedLongAgo) {
      entry = { opening: CandidateIndex.open(url, model) };
      this.#indexes.set(key, entry);
    }
    try {
      return await entry.opening;
    } catch (err) {
      entry.failedAt ??= Date.now();
      if (first)
        problems.push({ code: 'index', message: `${problemOf('index', err).message}; ignoring the index and embedding on the device` });
      return null;
    }
  }

  async track(event: TrackEvent): Promise<Outcome<null>> {
    try {
      const store = await this.#history();
      this.#snapshot = null;
      await store.addEvent(event);
      if (event.type === 'click' && this.#lastResult?.order.includes(event.itemId)) {
        const offsets = await store.getMeta<WeightOffsets>(LEARNED_WEIGHTS_KEY);
        const learned = learnFromClick(weightsFromOffsets(offsets), this.#lastResult, event.itemId);
        await store.setMeta(LEARNED_WEIGHTS_KEY, offsetsFromWeights(learned));
      }
      this.#snapshot = null;
      return { ok: true, value: null };
    } catch (err) {
      return { ok: false, problem: problemOf('storage', err) };
    }
  }

  async forget(): Promise<Outcome<null>> {
    this.#lastResult = null;
    this.#snapshot = null;
    this.#recentVectors.clear();
    this.#queries.clear();
    try {
      const store = await this.#history();
      await store.forget();
      this.#snapshot = null;
      return { ok: true, value: null };
    } catch (err) {
      return { ok: false, problem: problemOf('storage', err) };
    }
  }

  async exportHistory(): Promise<Outcome<unknown>> {
    try {
      const store = await this.#history();
      return { ok: true, value: await store.exportHistory() };
    } catch (err) {
      return { ok: false, problem: problemOf('storage', err) };
    }
  }
}
