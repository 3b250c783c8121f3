// The worker's one service, behind the RerankWorkerApi. A rerank runs four
// named steps: load history → prepare the ranking's inputs (backend, encoder,
// vectors: rank-inputs.ts) → rank → respond. Whatever is not known leaves the
// server order in place; failures that stop a call are thrown as
// EdgeRerankError (api.ts carries them to the page with their code).
import { EdgeRerankError } from '../errors.ts';
import type { HistoryExport, HistoryStore } from '../history/history-store.ts';
import { learnFromClick } from '../rank/click-learning.ts';
import { DEFAULT_MODELS } from '../rank/default-weights.ts';
import { offsetsFromWeights, weightsFromOffsets } from '../rank/learned-weights.ts';
import { rank } from '../rank/ranker.ts';
import type { RankResult } from '../rank/types.ts';
import {
  FreshWorkerNeeded,
  type RerankRequest,
  type RerankResponse,
  type RerankWorkerApi,
  type TrackEvent,
  type WorkerReport,
} from './api.ts';
import { NeedsFreshWorker } from './encoder-host.ts';
import { HistoryAccess, LEARNED_WEIGHTS_KEY, storageProblem, type HistorySnapshot } from './history-snapshot.ts';
import { IndexCache } from './index-cache.ts';
import { noteProgress, reportProgress } from './progress.ts';
import { prepareRankInput, type PreparedInput } from './rank-inputs.ts';
import { RecentRankings } from './recent-rankings.ts';
import { RerankRun } from './rerank-run.ts';
import { VectorStep } from './vector-step.ts';

const NO_HISTORY: HistorySnapshot = { events: [], weightOffsets: undefined, problems: [] };

export class RerankService implements RerankWorkerApi {
  readonly #history = new HistoryAccess();
  readonly #indexes = new IndexCache();
  readonly #vectors = new VectorStep(this.#indexes);
  readonly #rankings = new RecentRankings();

  async rerank(request: RerankRequest, historyChanges?: number): Promise<RerankResponse> {
    const run = new RerankRun();
    try {
      this.#history.pageHeard(historyChanges);
      const { history, store } = await run.time('history', () => this.#loadHistory(run));
      const sources = { vectors: this.#vectors, indexes: this.#indexes, store, onSkipped: this.#history.skippedListener(run.problems) };
      const prepared = await prepareRankInput(request, history, sources, run);
      const result = await run.time('rank', async () => rank(prepared.input));
      return this.#respond(result, prepared, run);
    } catch (err) {
      if (err instanceof NeedsFreshWorker) throw new FreshWorkerNeeded(err.message, err.avoidWebgpu);
      throw EdgeRerankError.from('worker', err);
    }
  }

  /** Step 1: this shopper's history; none (and a storage problem) when IndexedDB fails. */
  async #loadHistory(run: RerankRun): Promise<{ history: HistorySnapshot; store: HistoryStore | null }> {
    try {
      const store = await this.#history.store();
      const history = await this.#history.snapshot();
      run.problems.push(...history.problems);
      noteProgress();
      return { history, store };
    } catch (err) {
      run.problems.push(storageProblem(err));
      return { history: NO_HISTORY, store: null };
    }
  }

  /** Step 4: the response, with an id a click on this list sends back. */
  #respond(result: RankResult, prepared: PreparedInput, run: RerankRun): RerankResponse {
    return {
      rankingId: this.#rankings.add(result),
      order: result.order,
      scores: result.scores,
      reasons: result.reasons,
      backend: prepared.backend,
      situation: result.situation,
      usedEncoder: prepared.usedEncoder,
      historySize: prepared.input.history.length,
      embedded: prepared.embedded,
      timings: run.finish(),
      problems: run.problems,
    };
  }

  async track(event: TrackEvent): Promise<void> {
    try {
      const store = await this.#history.store();
      await store.addEvent(event);
      const ranking = event.type === 'click' ? this.#rankings.get(event.rankingId) : undefined;
      if (ranking?.order.includes(event.itemId)) await this.#learnFromClick(store, ranking, event.itemId);
    } catch (err) {
      throw EdgeRerankError.from('storage', err);
    }
  }

  /** A click on a ranked list: one bounded step of the on-device weights,
   *  from what is stored now, around the model that ranked that list. */
  async #learnFromClick(store: HistoryStore, ranking: RankResult, itemId: string): Promise<void> {
    const fitted = DEFAULT_MODELS[ranking.situation].weights;
    const offsets = await this.#history.learnedOffsets();
    const learned = learnFromClick(weightsFromOffsets(offsets, fitted), ranking, itemId);
    await store.setMeta(LEARNED_WEIGHTS_KEY, offsetsFromWeights(learned, fitted));
  }

  async forget(): Promise<void> {
    this.#rankings.clear();
    this.#vectors.clear();
    try {
      await (await this.#history.store()).forget();
    } catch (err) {
      throw EdgeRerankError.from('storage', err);
    }
  }

  async exportHistory(): Promise<HistoryExport> {
    try {
      return await (await this.#history.store()).exportHistory();
    } catch (err) {
      throw EdgeRerankError.from('storage', err);
    }
  }

  listen(listener: (report: WorkerReport) => void): void {
    reportProgress(listener);
  }
}
