// One rerank's bookkeeping: how long each step took, and the problems that
// did not stop it (reported with the response).
import type { Problem } from '../errors.ts';
import type { WorkerTimings } from './api.ts';

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export class RerankRun {
  readonly #started = performance.now();
  readonly problems: Problem[] = [];
  readonly timings: WorkerTimings = { history: 0, encoderLoad: 0, query: 0, vectors: 0, rank: 0, total: 0 };

  /** Runs `step`, recording its duration as `timings[name]`. */
  async time<T>(name: keyof WorkerTimings, step: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await step();
    } finally {
      this.timings[name] = round(performance.now() - started);
    }
  }

  /** The timings, with the total up to now. */
  finish(): WorkerTimings {
    this.timings.total = round(performance.now() - this.#started);
    return this.timings;
  }
}
