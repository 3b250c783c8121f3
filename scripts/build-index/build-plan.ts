// The build plan: what every shard of an index must contain, known before any
// vector is computed. Every process of a split build (--shard i/n) derives the
// same plan from the same inputs; merge and --resume trust a finished shard
// only when its record names the input hash the plan expects.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';
import type { ManifestModel } from '../../src/index/manifest.ts';
import { SHARD_FORMAT_VERSION } from '../../src/index/shard-format.ts';
import { shardCountFor, shardOf } from '../../src/index/shard-of.ts';
import { itemText, ITEM_TEXT_VERSION, type ItemFields } from '../../src/model/item-text.ts';
import { writeFileAtomic } from './atomic-file.ts';
import type { CoPurchase } from './behaviour.ts';

/** Hidden work folder inside the output folder; removed after a merge. */
export const BUILD_DIR = '.build';

export interface PlannedItem {
  id: string;
  text: string;
  neighbours: CoPurchase[];
}

export interface BuildPlan {
  model: ManifestModel;
  dim: number;
  textTemplateVersion: number;
  count: number;
  behaviour: 'co-purchase' | 'none';
  /** sha256 of each shard's inputs (items, texts, neighbours, model), by shard index. */
  inputs: string[];
}

/** What a finished shard left behind: written after its file, atomically. */
export interface ShardRecord {
  index: number;
  inputHash: string;
  file: string;
  sha256: string;
  count: number;
  bytes: number;
}

export function planShards(
  items: ItemFields[],
  neighbours: Map<string, CoPurchase[]> | undefined,
  model: ManifestModel,
  dim: number,
  itemsPerShard?: number,
): { plan: BuildPlan; shards: PlannedItem[][] } {
  const shardCount = shardCountFor(items.length, itemsPerShard);
  const shards: PlannedItem[][] = Array.from({ length: shardCount }, () => []);
  for (const item of items) {
    shards[shardOf(item.id, shardCount)]?.push({ id: item.id, text: itemText(item), neighbours: neighbours?.get(item.id) ?? [] });
  }
  for (const shard of shards) shard.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inputs = shards.map((shard) =>
    createHash('sha256')
      .update(
        JSON.stringify({
          shardFormat: SHARD_FORMAT_VERSION,
          model,
          dim,
          text: ITEM_TEXT_VERSION,
          items: shard.map((i) => [i.id, i.text, i.neighbours.map((n) => [n.id, n.count])]),
        }),
      )
      .digest('hex'),
  );
  const plan: BuildPlan = {
    model,
    dim,
    textTemplateVersion: ITEM_TEXT_VERSION,
    count: items.length,
    behaviour: neighbours ? 'co-purchase' : 'none',
    inputs,
  };
  return { plan, shards };
}

export const planPath = (out: string) => join(out, BUILD_DIR, 'plan.json');
export const recordPath = (out: string, index: number) => join(out, BUILD_DIR, `shard-${String(index).padStart(5, '0')}.json`);

export async function writePlan(out: string, plan: BuildPlan): Promise<void> {
  await writeFileAtomic(planPath(out), `${JSON.stringify(plan)}\n`);
}

export async function readPlan(out: string): Promise<BuildPlan> {
  try {
    return JSON.parse(await readFile(planPath(out), 'utf8')) as BuildPlan;
  } catch (err) {
    throw new EdgeRerankError('index', `${planPath(out)}: no build plan here (run build with --shard i/n first): ${messageOf(err)}`, {
      cause: err,
    });
  }
}

export async function readRecord(out: string, index: number): Promise<ShardRecord | undefined> {
  try {
    return JSON.parse(await readFile(recordPath(out, index), 'utf8')) as ShardRecord;
  } catch {
    return undefined;
  }
}

export async function writeRecord(out: string, record: ShardRecord): Promise<void> {
  await writeFileAtomic(recordPath(out, record.index), `${JSON.stringify(record)}\n`);
}
