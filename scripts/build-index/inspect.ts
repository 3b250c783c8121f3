// `edge-rerank-index inspect`: one item as the widget would read it, as a
// short summary (the raw vector only when asked for). Its neighbours' keys
// are named by the ids of this index that have them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgeRerankError } from '../../src/errors.ts';
import type { Manifest } from '../../src/index/manifest.ts';
import type { IndexedItem } from '../../src/index/types.ts';
import { decodeShard } from '../../src/index/shard-format.ts';
import { neighbourKey } from '../../src/rank/neighbour-key.ts';
import { openIndexFolder } from './file-fetch.ts';

export interface InspectedItem {
  item: IndexedItem;
  manifest: Manifest;
  /** The shard file the item was read from, relative to the index folder. */
  shardFile: string;
  /** Most co-purchased first; `ids` are the index's items with that key (none: not in this index). */
  neighbours: Array<{ key: number; count: number; ids: string[] }>;
}

/** Every id of the index by its neighbour key (reads all shards: a command-line tool, not the widget). */
async function idsByKey(dir: string, manifest: Manifest): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const shard of manifest.shards) {
    for (const id of decodeShard(await readFile(join(dir, shard.file)), shard.file).ids) {
      out.set(neighbourKey(id), [...(out.get(neighbourKey(id)) ?? []), id]);
    }
  }
  return out;
}

export async function inspectItem(dir: string, id: string): Promise<InspectedItem> {
  const index = await openIndexFolder(dir);
  const item = (await index.lookup([id])).get(id);
  const shardFile = index.manifest.shards[index.shardOf(id)]?.file ?? '?';
  if (!item) throw new EdgeRerankError('input', `${dir}: no item with id ${id} (it would be in ${shardFile})`);
  const named = item.neighbours.length ? await idsByKey(dir, index.manifest) : new Map<number, string[]>();
  const neighbours = item.neighbours
    .map((n) => ({ key: n.key, count: n.count, ids: named.get(n.key) ?? [] }))
    .sort((a, b) => b.count - a.count || (a.ids[0] ?? '').localeCompare(b.ids[0] ?? ''));
  return { item, manifest: index.manifest, shardFile, neighbours };
}

const PREVIEW = 8;

/** The lines `inspect` prints; the vector as one JSON array (last line) only with `vector`. */
export function describeItem({ item, manifest, shardFile, neighbours }: InspectedItem, options: { vector: boolean }): string[] {
  const { model } = manifest;
  const norm = Math.sqrt(item.vector.reduce((sum, v) => sum + v * v, 0));
  const preview = Array.from(item.vector.subarray(0, PREVIEW), (v) => v.toFixed(4)).join(' ');
  const lines = [
    `item: ${item.id}`,
    `shard: ${shardFile} (one of ${manifest.shards.length}; the index holds ${manifest.count} items)`,
    `model: ${model.id} ${model.dtype}, sha256 ${model.sha256.slice(0, 12)}…, ${model.arithmetic} arithmetic, pooling ${model.pooling ?? 'not recorded'}`,
    `vector: ${item.vector.length} dimensions (stored as ${manifest.vectorDtype}), norm ${norm.toFixed(4)}, starts ${preview} …${options.vector ? '' : ' (--vector prints it all)'}`,
  ];
  if (neighbours.length) {
    lines.push(`neighbours: ${neighbours.length}, most co-purchased first (item id, shoppers who bought both):`);
    for (const n of neighbours) lines.push(`  ${n.ids.join('|') || `key ${n.key} (not in this index)`}\t${n.count}`);
  } else {
    lines.push(`neighbours: none${manifest.behaviour === 'none' ? ' (the index was built without --interactions)' : ''}`);
  }
  if (options.vector) lines.push(JSON.stringify(Array.from(item.vector)));
  return lines;
}
