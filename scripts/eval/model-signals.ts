// Catalog signals for the evaluation, from the real code paths: the batch
// builder (buildIndex) embeds items.jsonl with the embedded default model and
// learns co-purchase neighbours from purchases.jsonl into an index folder;
// the widget's CandidateIndex reads it back; the encoder (loadEncoder, Node,
// CPU, q8 — as the device runs it) embeds the queries and, for titles-only,
// the items' titles as the device would (itemText of id + title). Built
// indexes, title vectors and query vectors are cached under --cache, keyed by
// the hashes of their inputs. Without the model files (or with --content
// none) only the co-purchase neighbours are learned, by the builder's code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ITEM_TEXT_VERSION, itemText } from '../../src/model/item-text.ts';
import type { Neighbour } from '../../src/rank/types.ts';
import { DEFAULT_MODEL_DIR } from '../package-root.ts';
import type { Condition } from './conditions.ts';
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

async function indexFolder(dataset: Dataset, modelSha: string, options: SignalOptions): Promise<string> {
  const { INDEX_FORMAT_VERSION } = await import('../../src/index/manifest.ts');
  const key = sha256(
    [dataset.sha256.items, dataset.sha256.purchases ?? '-', modelSha, ITEM_TEXT_VERSION, INDEX_FORMAT_VERSION].join(':'),
  ).slice(0, 20);
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

/** Vectors of `texts`, computed once and kept under the cache folder (`kind` names the file). */
async function cachedVectors(
  kind: string,
  texts: string[],
  encoder: EncoderLike,
  options: SignalOptions,
): Promise<Map<string, Float32Array>> {
  const unique = [...new Set(texts)].sort();
  const key = sha256([encoder.modelSha256, ...unique].join('\n')).slice(0, 20);
  const path = join(options.cacheDir, `${kind}-${key}.bin`);
  let flat: Float32Array;
  if (existsSync(path)) {
    const bytes = readFileSync(path);
    flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } else {
    options.log(`${kind}: embedding ${unique.length} texts on the CPU…`);
    flat = await encoder.embed(unique);
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, new Uint8Array(flat.buffer, flat.byteOffset, flat.byteLength));
    renameSync(tmp, path);
  }
  const dim = flat.length / Math.max(1, unique.length);
  return new Map(unique.map((text, i) => [text, flat.slice(i * dim, (i + 1) * dim)]));
}

/** Every condition's signals (those the data allows), from one index build and one title embedding. */
export async function conditionSignals(
  dataset: Dataset,
  conditions: readonly Condition[],
  options: SignalOptions,
): Promise<Map<Condition, CatalogSignals>> {
  const out = new Map<Condition, CatalogSignals>();
  if (options.content === 'none' || !existsSync(MODEL_FILE)) {
    if (options.content !== 'none') options.log(`content: none (no model at ${MODEL_FILE}; run npm run build:model)`);
    for (const c of conditions) out.set(c, behaviourOnlySignals(dataset, c));
    return out;
  }
  mkdirSync(options.cacheDir, { recursive: true });
  const { loadEncoder } = await import('../../src/model/encoder.ts');
  const { openIndexFolder } = await import('../build-index/file-fetch.ts');
  const encoder = await loadEncoder({ model: MODEL_DIR, device: 'cpu', dtype: 'q8' });
  try {
    // Case queries, plus every category: the click simulation searches those.
    const queryTexts = [
      ...dataset.cases.map((c) => c.query),
      ...[...dataset.items.values()].flatMap((i) => (i.category ? [i.category] : [])),
    ];
    const queryVectors = await cachedVectors('queries', queryTexts, encoder, options);
    const content = `${encoder.modelId} (sha256 ${encoder.modelSha256.slice(0, 12)}…, q8, cpu)`;

    if (conditions.some((c) => c !== 'titles-only')) {
      const index = await openIndexFolder(await indexFolder(dataset, encoder.modelSha256, options), { modelSha256: encoder.modelSha256 });
      const found = await index.lookup([...dataset.items.keys()]);
      const vectors = new Map<string, Float32Array>();
      const neighbours = new Map<string, Neighbour[]>();
      for (const [id, item] of found) {
        vectors.set(id, item.vector);
        if (item.neighbours.length) neighbours.set(id, item.neighbours);
      }
      const terms = undefined;
      for (const condition of conditions.filter((c) => c !== 'titles-only')) {
        // no-log reads the same index without its neighbours: its vectors do not depend on the log.
        const withLog = condition === 'full';
        out.set(condition, {
          condition,
          fields: 'all',
          vectors,
          neighbours: withLog ? neighbours : new Map(),
          terms,
          queryVectors,
          source: {
            content: `${content} via buildIndex + CandidateIndex`,
            behaviour: withLog ? 'buildIndex co-purchase counts from purchases.jsonl, via CandidateIndex' : 'none',
            terms: terms ? 'the index' : 'page titles',
          },
        });
      }
    }
    if (conditions.includes('titles-only')) {
      // As the device embeds an item it knows only by id and title.
      const textOf = (id: string) => itemText({ id, title: dataset.items.get(id)?.title ?? id });
      const byText = await cachedVectors('titles', [...dataset.items.keys()].map(textOf), encoder, options);
      const vectors = new Map([...dataset.items.keys()].map((id) => [id, byText.get(textOf(id)) as Float32Array]));
      out.set('titles-only', {
        condition: 'titles-only',
        fields: 'titles',
        vectors,
        neighbours: new Map(),
        queryVectors,
        source: { content: `${content}, item titles embedded as on the device (no index)`, behaviour: 'none', terms: 'page titles' },
      });
    }
    return out;
  } finally {
    await encoder.dispose();
  }
}
