// `edge-rerank-index inspect`: one item as the widget would read it, as a
// short summary (the raw vector only when asked for).
import { EdgeRerankError } from '../../src/errors.ts';
import type { Manifest } from '../../src/index/manifest.ts';
import type { IndexedItem } from '../../src/index/types.ts';
import { openIndexFolder } from './file-fetch.ts';

export interface InspectedItem {
  item: IndexedItem;
  manifest: Manifest;
  /** The shard file the item was read from, relative to the index folder. */
  shardFile: string;
}

export async function inspectItem(dir: string, id: string): Promise<InspectedItem> {
  const index = await openIndexFolder(dir);
  const item = (await index.lookup([id])).get(id);
  const shardFile = index.manifest.shards[index.shardOf(id)]?.file ?? '?';
  if (!item) throw new EdgeRerankError('input', `${dir}: no item with id ${id} (it would be in ${shardFile})`);
  return { item, manifest: index.manifest, shardFile };
}

const PREVIEW = 8;

/** The lines `inspect` prints; the vector as one JSON array (last line) only with `vector`. */
export function describeItem({ item, manifest, shardFile }: InspectedItem, options: { vector: boolean }): string[] {
  const { model } = manifest;
  const norm = Math.sqrt(item.vector.reduce((sum, v) => sum + v * v, 0));
  const preview = Array.from(item.vector.subarray(0, PREVIEW), (v) => v.toFixed(4)).join(' ');
  const lines = [
    `item: ${item.id}`,
    `shard: ${shardFile} (one of ${manifest.shards.length}; the index holds ${manifest.count} items)`,
    `model: ${model.id} ${model.dtype}, sha256 ${model.sha256.slice(0, 12)}…, ${model.arithmetic} arithmetic, pooling ${model.pooling ?? 'not recorded'}`,
    `vector: ${item.vector.length} dimensions (stored as ${manifest.vectorDtype}), norm ${norm.toFixed(4)}, starts ${preview} …${options.vector ? '' : ' (--vector prints it all)'}`,
  ];
  if (item.neighbours.length) {
    lines.push(`neighbours: ${item.neighbours.length}, strongest first (item id, weight):`);
    for (const n of item.neighbours) lines.push(`  ${n.id}\t${n.weight}`);
  } else {
    lines.push(`neighbours: none${manifest.behaviour === 'none' ? ' (the index was built without --interactions)' : ''}`);
  }
  if (options.vector) lines.push(JSON.stringify(Array.from(item.vector)));
  return lines;
}
