// The candidate indexes this worker has opened, one per URL and model. A
// broken index is reported once, then ignored — until INDEX_RETRY_MS have
// passed, since a network blip should not switch the index off for the rest
// of the page's life.
import { EdgeRerankError, type Problem } from '../errors.ts';
import { CandidateIndex } from '../index/candidate-index.ts';
import type { EncoderPooling } from '../model/types.ts';
import type { Neighbour } from '../rank/types.ts';

/** A failed index is tried again after this long. */
const INDEX_RETRY_MS = 5 * 60_000;

export interface IndexModel {
  modelSha256?: string | undefined;
  pooling?: EncoderPooling | undefined;
}

export class IndexCache {
  readonly #indexes = new Map<string, { opening: Promise<CandidateIndex>; failedAt?: number }>();

  /** The index at `url` for `model` (any model when not given), or null when it cannot be used. */
  async open(url: string, model: IndexModel, problems: Problem[]): Promise<CandidateIndex | null> {
    const key = `${url} ${model.modelSha256 ?? 'any model'} ${model.pooling ?? ''}`;
    let entry = this.#indexes.get(key);
    const first = !entry || (entry.failedAt !== undefined && Date.now() - entry.failedAt > INDEX_RETRY_MS);
    if (!entry || first) {
      entry = { opening: CandidateIndex.open(url, model) };
      this.#indexes.set(key, entry);
    }
    try {
      return await entry.opening;
    } catch (err) {
      entry.failedAt ??= Date.now();
      if (first) {
        const { message } = EdgeRerankError.problem('index', err);
        problems.push({ code: 'index', message: `${message}; ignoring the index and embedding on the device` });
      }
      return null;
    }
  }

  /** Behavioural neighbours without a model: the index's vectors cannot be checked against one, so they are not decoded. */
  async neighbours(url: string, ids: string[], problems: Problem[]): Promise<Map<string, Neighbour[]>> {
    const index = await this.open(url, {}, problems);
    if (index?.manifest.behaviour !== 'co-purchase') return new Map(); // built without a log: no shard to read
    try {
      return await index.neighbours(ids);
    } catch (err) {
      problems.push(EdgeRerankError.problem('index', err));
      return new Map();
    }
  }
}
