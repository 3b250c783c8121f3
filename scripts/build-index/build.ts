// buildIndex(): the batch builder behind `edge-rerank-index build`, also
// called from Node by the evaluation. Catalog (+ interaction log) in, a
// static index folder out (see docs/INDEX-FORMAT.md).
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EdgeRerankError } from '../../src/errors.ts';
import type { EncoderPooling } from '../../src/model/types.ts';
import { neighbourKey } from '../../src/rank/neighbour-key.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { learnNeighbours, type CoPurchase } from './behaviour.ts';
import { BUILD_DIR, planShards, writePlan, writeRecord, type PlannedItem } from './build-plan.ts';
import { readCatalog, type InputProblem } from './catalog.ts';
import {
  DEFAULT_BATCH,
  DEFAULT_CHECKPOINT_ITEMS,
  DEFAULT_MODEL_DIR,
  type Arithmetic,
  type IndexDevice,
  type ModelDtype,
  type ResolvedDevice,
  type ShardPart,
} from './build-settings.ts';
import { openEmbedder } from './embedder.ts';
import { readInteractions } from './interactions.ts';
import { shardFileName } from './manifest-writer.ts';
import { finishedShard, mergeIndex } from './merge.ts';
import { encodeShard } from './shard-writer.ts';

export interface BuildOptions {
  catalog: string;
  out: string;
  model?: string | undefined;
  dtype?: ModelDtype | undefined;
  device?: IndexDevice | undefined;
  /** float32 (default, the browser's arithmetic) or int8 (CPU integer kernels, ~2× faster). */
  arithmetic?: Arithmetic | undefined;
  batch?: number | undefined;
  /** Build only shard files s with s % count === index; `merge` writes the manifest. */
  shard?: ShardPart | undefined;
  /** Keep shards a crashed or earlier run finished for the same inputs. */
  resume?: boolean | undefined;
  interactions?: string | undefined;
  /** A pair of items becomes a neighbour only when at least this many
   *  shoppers bought both (default 1). Raise it so no stored pair rests on
   *  one shopper's basket; see docs/RANKING.md for what it costs. */
  minPairShoppers?: number | undefined;
  threads?: number | undefined;
  /** Tokenizer worker threads (default: all cores but two). */
  tokenizerWorkers?: number | undefined;
  /** Items per shard file the shard count aims at (default 128): smaller
   *  shards, fewer wasted bytes per page, more requests. */
  itemsPerShard?: number | undefined;
  /** Items embedded between two resume checkpoints (shards written); default 2048. */
  checkpointItems?: number | undefined;
  log?: ((line: string) => void) | undefined;
  progress?: ((done: number, total: number) => void) | undefined;
}

export interface BuildSummary {
  items: number;
  lines: number;
  skipped: InputProblem[];
  /** Skipped lines counted by reason. */
  skippedByReason: Record<string, number>;
  duplicates: InputProblem[];
  device: ResolvedDevice;
  model: { id: string; sha256: string; dtype: ModelDtype; arithmetic: Arithmetic; pooling: EncoderPooling };
  dim: number;
  shardCount: number;
  shardsBuilt: number;
  shardsReused: number;
  embedded: number;
  /** Items embedded per second of embedding and writing (model loading excluded). */
  itemsPerSecond: number;
  bytesWritten: number;
  seconds: number;
  /** Path of manifest.json, or null for one part of a split build. */
  manifest: string | null;
  itemsWithNeighbours: number;
}

function countBy(problems: InputProblem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of problems) out[p.reason] = (out[p.reason] ?? 0) + 1;
  return out;
}

/** Shards go through the model in chunks: big enough to batch well, small enough to bound memory. */
function chunks(shards: number[], planned: PlannedItem[][], minItems: number): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let items = 0;
  for (const s of shards) {
    current.push(s);
    items += planned[s]?.length ?? 0;
    if (items >= minItems) {
      out.push(current);
      current = [];
      items = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Ids whose neighbourKey another id of the catalog has too. */
function sharedNeighbourKeys(ids: string[]): string[] {
  const byKey = new Map<number, string[]>();
  for (const id of ids) byKey.set(neighbourKey(id), [...(byKey.get(neighbourKey(id)) ?? []), id]);
  return [...byKey.values()].filter((list) => list.length > 1).flat();
}

export async function buildIndex(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  const batch = Math.max(1, Math.floor(options.batch ?? DEFAULT_BATCH));

  const catalog = await readCatalog(options.catalog, options.catalog);
  const skippedByReason = countBy(catalog.skipped);
  if (catalog.items.length === 0) {
    const why = Object.entries(skippedByReason)
      .map(([r, n]) => `${n} ${r}`)
      .join(', ');
    throw new EdgeRerankError(
      'input',
      `catalog ${options.catalog}: no valid items (${catalog.lines} lines${why ? `; skipped: ${why}` : ''}); nothing was written`,
    );
  }

  let neighbours: Map<string, CoPurchase[]> | undefined;
  if (options.interactions) {
    const interactions = await readInteractions(options.interactions, options.interactions);
    for (const p of interactions.skipped.slice(0, 20)) log(`skipped ${p.where}: ${p.reason}`);
    neighbours = learnNeighbours(interactions.histories, { minCount: options.minPairShoppers });
    log(
      `interactions: ${interactions.events} events from ${interactions.histories.length} shoppers, ${interactions.skipped.length} lines skipped; neighbours for ${neighbours.size} items`,
    );
    const shared = sharedNeighbourKeys(catalog.items.map((i) => i.id));
    if (shared.length)
      log(
        `neighbour keys: ${shared.length} ids share a key with another id (their co-purchases mix), e.g. ${shared.slice(0, 3).join(', ')}`,
      );
  }

  const embedder = await openEmbedder({
    modelDir: options.model ?? DEFAULT_MODEL_DIR,
    dtype: options.dtype ?? 'q8',
    device: options.device ?? 'auto',
    arithmetic: options.arithmetic,
    threads: options.threads,
    tokenizerWorkers: options.tokenizerWorkers,
    log,
  });
  try {
    // The arithmetic is part of every shard's input hash: --resume never mixes the two.
    const model = {
      id: embedder.modelId,
      sha256: embedder.modelSha256,
      dtype: embedder.dtype,
      arithmetic: embedder.arithmetic,
      pooling: embedder.pooling,
    };
    const { plan, shards } = planShards(catalog.items, neighbours, model, embedder.dim, options.itemsPerShard);
    await mkdir(join(out, 'shards'), { recursive: true });
    await mkdir(join(out, BUILD_DIR), { recursive: true });
    await writePlan(out, plan);

    const part = options.shard ?? { index: 0, count: 1 };
    const mine = plan.inputs.map((_, s) => s).filter((s) => s % part.count === part.index);
    const todo: number[] = [];
    let reused = 0;
    for (const s of mine) {
      if (options.resume && (await finishedShard(out, s, plan.inputs[s] as string))) reused++;
      else todo.push(s);
    }
    if (reused) log(`resume: ${reused} of ${mine.length} shards already built for these inputs`);

    const total = todo.reduce((sum, s) => sum + (shards[s]?.length ?? 0), 0);
    const embedStarted = performance.now();
    let embedded = 0;
    let bytesWritten = 0;
    let shardsDone = 0;
    for (const chunk of chunks(todo, shards, Math.max(batch, options.checkpointItems ?? DEFAULT_CHECKPOINT_ITEMS))) {
      const items = chunk.flatMap((s) => shards[s] ?? []);
      const vectors = await embedder.embed(
        items.map((i) => i.text),
        batch,
        (n) => options.progress?.(embedded + n, total),
      );
      let at = 0;
      for (const s of chunk) {
        const planned = shards[s] ?? [];
        const bytes = encodeShard(
          planned.map((item, k) => ({ id: item.id, vector: vectors[at + k] as Float32Array, neighbours: item.neighbours })),
          embedder.dim,
        );
        at += planned.length;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const file = shardFileName(s, sha256);
        await writeFileAtomic(join(out, file), bytes);
        await writeRecord(out, { index: s, inputHash: plan.inputs[s] as string, file, sha256, count: planned.length, bytes: bytes.length });
        bytesWritten += bytes.length;
      }
      embedded += items.length;
      shardsDone += chunk.length;
      log(`checkpoint: ${shardsDone}/${todo.length} shards written`);
      options.progress?.(embedded, total);
    }
    const embedSeconds = (performance.now() - embedStarted) / 1000;

    let manifest: string | null = null;
    if (!options.shard) {
      const merged = await mergeIndex(out);
      manifest = merged.manifest;
    } else {
      log(`part ${part.index}/${part.count} done; when every part is, run: edge-rerank-index merge --out ${options.out}`);
    }
    return {
      items: catalog.items.length,
      lines: catalog.lines,
      skipped: catalog.skipped,
      skippedByReason,
      duplicates: catalog.duplicates,
      device: embedder.device,
      model,
      dim: embedder.dim,
      shardCount: plan.inputs.length,
      shardsBuilt: todo.length,
      shardsReused: reused,
      embedded,
      itemsPerSecond: embedded > 0 && embedSeconds > 0 ? embedded / embedSeconds : 0,
      bytesWritten,
      seconds: (performance.now() - started) / 1000,
      manifest,
      itemsWithNeighbours: neighbours ? catalog.items.filter((i) => (neighbours.get(i.id)?.length ?? 0) > 0).length : 0,
    };
  } finally {
    await embedder.dispose();
  }
}
