// Writes one binary shard (layout: src/index/shard-format.ts). Builder-only:
// the widget never writes an index.
import { EdgeRerankError } from '../../src/errors.ts';
import { SHARD_FORMAT_VERSION, SHARD_MAGIC, shardLayout } from '../../src/index/shard-format.ts';
import { neighbourKey } from '../../src/rank/neighbour-key.ts';
import { quantizeInt8 } from '../../src/vector/int8.ts';
import { MAX_STORED_COUNT, type CoPurchase } from './behaviour.ts';

export interface ShardItem {
  id: string;
  /** L2-normalised content vector (float32, before quantisation). */
  vector: Float32Array;
  neighbours: CoPurchase[];
}

/** An item's neighbours as stored: by key, ascending; a key twice (two ids
 *  that hash alike) keeps the larger count. */
function storedNeighbours(neighbours: CoPurchase[]): Array<[number, number]> {
  const byKey = new Map<number, number>();
  for (const n of neighbours) {
    const key = neighbourKey(n.id);
    const count = Math.max(1, Math.min(MAX_STORED_COUNT, Math.round(n.count)));
    byKey.set(key, Math.max(byKey.get(key) ?? 0, count));
  }
  return [...byKey].sort((a, b) => a[0] - b[0]);
}

export function encodeShard(items: ShardItem[], dim: number): Uint8Array {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lists = sorted.map((item) => storedNeighbours(item.neighbours));
  const tooMany = lists.findIndex((l) => l.length > 0xffff);
  if (tooMany >= 0) throw new EdgeRerankError('index', `item ${sorted[tooMany]?.id}: more than 65535 neighbours`);
  const ids = new TextEncoder().encode(JSON.stringify(sorted.map((item) => item.id)));
  const n = sorted.length;
  const t = lists.reduce((sum, l) => sum + l.length, 0);
  const at = shardLayout(n, dim, t, ids.length);
  const bytes = new Uint8Array(at.end);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(SHARD_MAGIC), 0);
  view.setUint32(4, SHARD_FORMAT_VERSION, true);
  view.setUint32(8, n, true);
  view.setUint32(12, dim, true);
  view.setUint32(16, t, true);
  view.setUint32(20, ids.length, true);
  let k = 0;
  sorted.forEach((item, i) => {
    if (item.vector.length !== dim) {
      throw new EdgeRerankError('index', `item ${item.id}: vector has ${item.vector.length} values, expected ${dim}`);
    }
    const quantized = quantizeInt8(item.vector);
    if (!quantized) throw new EdgeRerankError('index', `item ${item.id}: vector has NaN or Infinity values`);
    view.setFloat32(at.scales + 4 * i, quantized.scale, true);
    bytes.set(new Uint8Array(quantized.codes.buffer, quantized.codes.byteOffset, dim), at.codes + i * dim);
    const list = lists[i] as Array<[number, number]>;
    view.setUint16(at.perItem + 2 * i, list.length, true);
    for (const [key, count] of list) {
      view.setUint32(at.keys + 4 * k, key, true);
      view.setUint16(at.counts + 2 * k, count, true);
      k++;
    }
  });
  bytes.set(ids, at.ids);
  return bytes;
}
