// Worker thread of the TokenizerPool: tokenises slices of texts so that on a
// many-core GPU box tokenising keeps up with the model.
import { parentPort, workerData } from 'node:worker_threads';
import { loadTokenizer, packRows, tokenIds } from './item-tokenizer.ts';

const tokenizer = await loadTokenizer((workerData as { modelDir: string }).modelDir);
parentPort?.on('message', ({ job, texts }: { job: number; texts: string[] }) => {
  const packed = packRows(texts.map((text) => tokenIds(tokenizer, text)));
  parentPort?.postMessage({ job, ...packed }, [packed.lengths.buffer as ArrayBuffer, packed.ids.buffer as ArrayBuffer]);
});
parentPort?.postMessage({ ready: true });
