// Where a ranking's inputs are prepared: the wire → rank mapping (in one
// place), and the decision of what each ranking needs — nothing without
// history; behavioural neighbours from the index, which need no model; the
// encoder only when the fitted model for what the list has (its situation,
// src/rank/situation.ts) reads content vectors (rankingUsesEncoder). New
// signals plug in here (prepareRankInput).
import { EdgeRerankError } from '../errors.ts';
import type { HistoryEvent, HistoryStore } from '../history/history-store.ts';
import type { SkippedRowsListener } from '../history/stored-rows.ts';
import { rankingUsesEncoder } from '../rank/encoder-use.ts';
import { availabilityOf } from '../rank/situation.ts';
import type { HistoryItem, RankCandidate, RankInput } from '../rank/types.ts';
import type { Backend, RerankRequest, WireCandidate } from './api.ts';
import { chooseBackend } from './backend-choice.ts';
import { NeedsFreshWorker } from './encoder-host.ts';
import type { HistorySnapshot } from './history-snapshot.ts';
import type { IndexCache } from './index-cache.ts';
import type { RerankRun } from './rerank-run.ts';
import type { ResolvedVectors, VectorStep } from './vector-step.ts';

/** A candidate as the page sent it → as the Ranker reads it. */
export function rankCandidate(c: WireCandidate): RankCandidate {
  return {
    id: c.id,
    serverRank: c.serverRank,
    title: c.title,
    category: c.category,
    brand: c.brand,
    pinned: c.pinned,
  };
}

/** A stored history event → as the Ranker reads it. */
export function historyItem(e: HistoryEvent): HistoryItem {
  return { itemId: e.itemId, title: e.title, type: e.type, time: e.time, category: e.category, brand: e.brand };
}

export interface PreparedInput {
  input: RankInput;
  backend: Backend;
  /** Texts embedded on the device for this rerank. */
  embedded: number;
  /** Whether this ranking read content vectors (and so loaded the encoder). */
  usedEncoder: boolean;
}

/** What preparing inputs may use. */
export interface InputSources {
  vectors: VectorStep;
  indexes: IndexCache;
  /** null when IndexedDB failed: nothing is read from or written to the vector cache. */
  store: HistoryStore | null;
  /** Hears about malformed cached vectors. */
  onSkipped: SkippedRowsListener;
}

/** No history → the ranking is the server order exactly: nothing to load. */
function hasHistory(request: RerankRequest, history: HistorySnapshot): boolean {
  return history.events.length > 0 && request.strength > 0;
}

function withVectors(input: RankInput, resolved: ResolvedVectors): RankInput {
  return {
    ...input,
    candidates: input.candidates.map((c) => ({ ...c, vector: resolved.vectors.get(c.id) })),
    history: input.history.map((h) => ({ ...h, vector: resolved.vectors.get(h.itemId) })),
  };
}

/** The index's co-purchase neighbours of the candidates: no model needed, so
 *  they are known before deciding whether to load one. `usable` is false when
 *  the index failed (its problem is reported once, here). */
async function withNeighbours(
  input: RankInput,
  request: RerankRequest,
  indexes: IndexCache,
  run: RerankRun,
): Promise<{ input: RankInput; usable: boolean }> {
  if (!request.index) return { input, usable: false };
  const ids = input.candidates.map((c) => c.id);
  const reported = run.problems.length;
  const neighbours = await run.time('vectors', () => indexes.neighbours(request.index!, ids, run.problems));
  const candidates = input.candidates.map((c) => ({ ...c, neighbours: neighbours.get(c.id) }));
  return { input: { ...input, candidates }, usable: run.problems.length === reported };
}

/** The seam: everything rank() gets for this request. Throws NeedsFreshWorker
 *  when this worker cannot serve it; every other failure leaves a problem and
 *  ranks with what is known. */
export async function prepareRankInput(
  request: RerankRequest,
  history: HistorySnapshot,
  sources: InputSources,
  run: RerankRun,
): Promise<PreparedInput> {
  const choice = await chooseBackend(request.device);
  if (choice.note) run.problems.push({ code: 'backend', message: choice.note });
  const bare: RankInput = {
    candidates: request.candidates.map(rankCandidate),
    history: history.events.map(historyItem),
    options: {
      strength: request.strength,
      maxDisplacement: request.maxDisplacement,
      weightOffsets: history.weightOffsets,
      now: Date.now(),
    },
  };
  if (!hasHistory(request, history)) return { input: bare, backend: choice.backend, embedded: 0, usedEncoder: false };
  const { input, usable } = await withNeighbours(bare, request, sources.indexes, run);
  // The model and its runtime (~10 MB on a first visit) load only for a list
  // whose fitted model reads content vectors; the others rank without them.
  if (!rankingUsesEncoder(availabilityOf(input.candidates))) return { input, backend: choice.backend, embedded: 0, usedEncoder: false };
  try {
    const vectorRequest = usable ? request : { ...request, index: null }; // a failed index is not asked twice
    const resolved = await sources.vectors.resolve(vectorRequest, history.events, choice.backend, sources, run);
    return { input: withVectors(input, resolved), backend: resolved.backend, embedded: resolved.embedded, usedEncoder: true };
  } catch (err) {
    if (err instanceof NeedsFreshWorker) throw err;
    // Without vectors the Ranker still has its title, brand, category and
    // repeat signals, and the neighbours, which need no model.
    run.problems.push(EdgeRerankError.problem('model-load', err));
    return { input, backend: choice.backend, embedded: 0, usedEncoder: false };
  }
}
