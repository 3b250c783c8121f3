// Catalog signals for the evaluation, from the real code paths: the batch
// builder (buildIndex) embeds items.jsonl with the embedded default model and
// learns co-purchase neighbours from purchases.jsonl into an index folder;
// the widget's CandidateIndex reads it back; the encoder (loadEncoder, Node,
// CPU, q8 — as the device runs it) embeds the queries. Built indexes and query
// vectors are cached under --cache, keyed by the hashes of their inputs.
// Without the model files (or with --content none) only the co-purchase
// neighbours are learned, by the same learnNeighbours the builder uses.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ITEM_TEXT_VERSION } from '../../src/model/item-text.ts';
import { DEFAULT_MODEL_DIR } from '../package-root.ts';
import type { Dataset } from './dataset.ts';
import { behaviourOnlySignals, type CatalogSignals } from './catalog-signals.ts';

export interface SignalOptions {
  content: 'auto' | 'none';
  cacheDir: string;
  log: (line: string) => void;
}

export const MODEL_DIR = join(DEFAULT_MODEL_DIR, '/');
const MODEL_FILE = join(MODEL_DIR, 'onnx', 'model_quantized.onnx');

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Reads file: URLs from disk, for CandidateIndex in Node. */
const fileFetch: typeof fetch = async (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  try {
    return new Response(readFileSync(fileURLToPath(url)));
  } catch {
    return new Response(null, { status: 404 });
  }
};

async function indexFolder(dataset: Dataset, modelSha: string, options: SignalOptions): Promise<string> {
  const key = sha256([dataset.sha256.items, dataset.sha256.purchases ?? '-', modelSha, ITEM_TEXT_VERSION].join(':')).slice(0, 20);
  const out = join(options.cacheDir, `index-${key}`);
  if (existsSync(join(out, 'manifest.json'))) {
    options.log(`index: cached ${out}`);
    return out;
  }
  const { buildIndex } = await import('../build-index/build.ts');
  options.log(`index: building ${out} from ${dataset.dir} with the batch builder…`);
  const summary = await buildIndex({
    catalog: join(dataset.dir, 'items.jsonl'),
    interactions: dataset.purchases ? join(dataset.dir, 'purchases.jsonl') : undefined,
    out,
    model: MODEL_DIR,
    dtype: 'q8',
    device: 'cpu',
  });
  options.log(`index: ${summary.items} items, ${summary.itemsWithNeighbours} with neighbours, ${summary.seconds.toFixed(1)} s`);
  return out;
}

interface EncoderLike {
  modelSha256: string;
  dim: number;
  embed(texts: string[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}

async function queryVectors(texts: string[], encoder: EncoderLike, options: SignalOptions): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(texts)].sort();
  const key = sha256([encoder.modelSha256, ...unique].join('\n')).slice(0, 20);
  const path = join(options.cacheDir, `queries-${key}.bin`);
  let flat: Float32Array;
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } else {
    flat = await encoder.embed(unique);
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
    renameSync(tmp, path);
  }
  const dim = flat.length / Math.max(1, unique.length);
  return new Map(unique.map((text, i) => [text, flat.slice(i * dim, (i + 1) * dim)]));
}

export async function catalogSignals(dataset: Dataset, options: SignalOptions): Promise<CatalogSignals> {
  if (options.content === 'none') return behaviourOnlySignals(dataset);
  if (!existsSync(MODEL_FILE)) {
    options.log(`content: none (no model at ${MODEL_FILE}; run npm run build:model)`);
    return behaviourOnlySignals(dataset);
  }
  mkdirSync(options.cacheDir, { recursive: true });
  const { loadEncoder } = await import('../../src/model/encoder.ts');
  const { CandidateIndex } = await import('../../src/index/candidate-index.ts');
  const encoder = await loadEncoder({ model: MODEL_DIR, device: 'cpu', dtype: 'q8' });
  try {
    const folder = await indexFolder(dataset, encoder.modelSha256, options);
    const index = await CandidateIndex.open(pathToFileURL(`${folder}/`).href, {
      modelSha256: encoder.modelSha256,
      fetch: fileFetch,
      cache: false,
    });
    const found = await index.lookup([...dataset.items.keys()]);
    const vectors = new Map<string, Float32Array>();
    const neighbours = new Map<string, import('../../src/rank/types.ts').Neighbour[]>();
    for (const [id, item] of found) {
      vectors.set(id, item.vector);
      if (item.neighbours.length) neighbours.set(id, item.neighbours);
    }
    // Case queries, plus every category: the click simulation searches those.
    const texts = [...dataset.cases.map((c) => c.query), ...[...dataset.items.values()].flatMap((i) => (i.category ? [i.category] : []))];
    const queries = await queryVectors(texts, encoder, options);
    return {
      vectors,
      neighbours,
      queryVectors: queries,
      source: {
        content: `${encoder.modelId} (sha256 ${encoder.modelSha256.slice(0, 12)}…, q8, cpu) via buildIndex + CandidateIndex`,
        behaviour: dataset.purchases ? 'buildIndex neighbours from purchases.jsonl' : 'none',
      },
    };
  } finally {
    await encoder.dispose();
  }
}
