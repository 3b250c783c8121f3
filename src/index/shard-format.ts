// The binary shard (format version 2): one file per shard, read whole by the
// browser. All numbers little-endian.
//
//   offset 0            "ERIX"                      magic
//          4            u32 format version (2)
//          8            u32 item count n
//         12            u32 dim d
//         16            u32 neighbours stored in all, t
//         20            u32 byte length m of the id table
//         24            f32[n] per-vector scales
//   24 + 4n             i8[n·d] vector codes, item after item
//   A = 24 + 4n + nd    u16[n] neighbour count per item
//   A + 2n              u32[t] neighbour keys (neighbourKey(id)), item after item, ascending within an item
//   A + 2n + 4t         u16[t] co-purchase counts, same order
//   A + 2n + 6t         m bytes UTF-8 JSON array of the n ids
//
// Items are sorted by id (UTF-16 code unit order), so the same items give the
// same bytes whatever order they were built in. The writer is the builder's
// (scripts/build-index/shard-writer.ts); this file only reads.
import { EdgeRerankError, messageOf } from '../errors.ts';
import type { Neighbour } from '../rank/types.ts';

export const SHARD_MAGIC = 'ERIX';
export const SHARD_FORMAT_VERSION = 2;
export const SHARD_HEADER_BYTES = 24;

/** A decoded shard: vectors stay int8 and neighbours packed until an item is asked for. */
export interface DecodedShard {
  dim: number;
  ids: string[];
  scales: Float32Array;
  codes: Int8Array;
  /** Item i's neighbours are keys/counts [start[i], start[i + 1]). */
  neighbourStart: Uint32Array;
  keys: Uint32Array;
  counts: Uint16Array;
}

/** Where each section starts, for writer and reader alike. */
export function shardLayout(n: number, dim: number, neighbours: number, idBytes: number) {
  const codes = SHARD_HEADER_BYTES + 4 * n;
  const perItem = codes + n * dim;
  const keys = perItem + 2 * n;
  const counts = keys + 4 * neighbours;
  const ids = counts + 2 * neighbours;
  return { scales: SHARD_HEADER_BYTES, codes, perItem, keys, counts, ids, end: ids + idBytes };
}

export function neighboursOf(shard: DecodedShard, row: number): Neighbour[] {
  const out: Neighbour[] = [];
  for (let k = shard.neighbourStart[row] as number; k < (shard.neighbourStart[row + 1] as number); k++) {
    out.push({ key: shard.keys[k] as number, count: shard.counts[k] as number });
  }
  return out;
}

export function decodeShard(bytes: Uint8Array, source: string): DecodedShard {
  const fail = (why: string): never => {
    throw new EdgeRerankError('index', `index shard ${source}: ${why}`);
  };
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== SHARD_MAGIC) fail('not an edge-rerank shard (bad magic)');
  if (bytes.length < SHARD_HEADER_BYTES) fail(`${bytes.length} bytes is too short for a shard`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SHARD_FORMAT_VERSION) {
    fail(`format version ${version}, this reader knows ${SHARD_FORMAT_VERSION} (rebuild the index with this version of edge-rerank-index)`);
  }
  const n = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const t = view.getUint32(16, true);
  const at = shardLayout(n, dim, t, view.getUint32(20, true));
  if (at.end !== bytes.length) fail(`size ${bytes.length} does not match its header (${at.end})`);

  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) scales[i] = view.getFloat32(at.scales + 4 * i, true);
  const codes = new Int8Array(bytes.buffer.slice(bytes.byteOffset + at.codes, bytes.byteOffset + at.perItem));
  const neighbourStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) neighbourStart[i + 1] = (neighbourStart[i] as number) + view.getUint16(at.perItem + 2 * i, true);
  if (neighbourStart[n] !== t) fail(`neighbour counts add up to ${neighbourStart[n]}, header says ${t}`);
  const keys = new Uint32Array(t);
  const counts = new Uint16Array(t);
  for (let k = 0; k < t; k++) {
    keys[k] = view.getUint32(at.keys + 4 * k, true);
    counts[k] = view.getUint16(at.counts + 2 * k, true);
  }

  let ids: unknown;
  try {
    ids = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at.ids)));
  } catch (err) {
    return fail(`unreadable id table (${messageOf(err)})`);
  }
  if (!Array.isArray(ids) || ids.length !== n || !ids.every((id) => typeof id === 'string')) fail(`id table does not list ${n} items`);
  return { dim, ids: ids as string[], scales, codes, neighbourStart, keys, counts };
}
