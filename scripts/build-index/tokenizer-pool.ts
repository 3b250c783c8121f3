// Tokenises on the main thread, or across worker threads when the machine
// has cores to spare (a GPU box: the model is then faster than one tokenizer).
// Either way every text gets the same ids.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { EdgeRerankError } from '../../src/errors.ts';
import { tokenIds, unpackRows, type PackedRows } from './item-tokenizer.ts';

/** Below this many texts a call stays on the main thread: messaging costs more. */
const MIN_TEXTS_PER_WORKER = 256;

export interface TokenizerPool {
  readonly workers: number;
  tokenize(texts: string[]): Promise<BigInt64Array[]>;
  close(): Promise<void>;
}

/** Leave two cores to onnxruntime and the main thread; none on small machines. */
export function defaultTokenizerWorkers(): number {
  return Math.max(0, Math.min(8, availableParallelism() - 2));
}

export async function openTokenizerPool(tokenizer: PreTrainedTokenizer, modelDir: string, workers: number): Promise<TokenizerPool> {
  const inline = (texts: string[]) => texts.map((text) => tokenIds(tokenizer, text));
  if (workers <= 0) return { workers: 0, tokenize: async (texts) => inline(texts), close: async () => {} };

  const threads = await Promise.all(
    Array.from({ length: workers }, async () => {
      // A .mjs entry that registers tsx itself, so any cwd and launcher works.
      const worker = new Worker(new URL('./tokenize-worker.mjs', import.meta.url), { workerData: { modelDir } });
      await new Promise<void>((ready, fail) => {
        worker.once('message', () => ready());
        worker.once('error', (err) =>
          fail(new EdgeRerankError('model-load', `tokenizer worker failed to start: ${err.message}`, { cause: err })),
        );
      });
      return worker;
    }),
  );
  let nextJob = 0;
  const run = (worker: Worker, texts: string[]) =>
    new Promise<BigInt64Array[]>((done, fail) => {
      const job = nextJob++;
      const onMessage = (msg: PackedRows & { job: number }) => {
        if (msg.job !== job) return;
        worker.off('message', onMessage);
        worker.off('error', fail);
        done(unpackRows(msg));
      };
      worker.on('message', onMessage);
      worker.once('error', fail);
      worker.postMessage({ job, texts });
    });
  return {
    workers,
    async tokenize(texts) {
      if (texts.length < MIN_TEXTS_PER_WORKER * 2) return inline(texts);
      const size = Math.ceil(texts.length / threads.length);
      const parts = await Promise.all(threads.map((w, i) => run(w, texts.slice(i * size, (i + 1) * size))));
      return parts.flat();
    },
    async close() {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}
