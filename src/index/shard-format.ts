// The binary shard: one file per shard, read whole by the browser.
//
//   offset 0   "ERIX"                      magic
//          4   u32 format version (1)
//          8   u32 item count n
//         12   u32 dim d
//         16   u32 byte length m of the JSON table
//         20   f32[n] per-vector scales     (little-endian)
//   20 + 4n    i8[n·d] vector codes, item after item
//   20+4n+nd   m bytes UTF-8 JSON {"ids":[…],"neighbours":[[[id,weight],…],…]}
//
// Items are sorted by id (UTF-16 code unit order), so the same items give the
// same bytes whatever order they were built in.
import type { Neighbour } from '../rank/types.ts';
import { EdgeRerankError, messageOf } from '../errors.ts';
import { quantizeInt8 } from '../vector/int8.ts';

export const SHARD_MAGIC = 'ERIX';
export const SHARD_FORMAT_VERSION = 1;
const HEADER_BYTES = 20;

export interface ShardItem {
  id: string;
  /** L2-normalised content vector (float32, before quantisation). */
  vector: Float32Array;
  neighbours: Neighbour[];
}

/** A decoded shard: vectors stay int8 until an item is asked for. */
export interface DecodedShard {
  dim: number;
  ids: string[];
  scales: Float32Array;
  codes: Int8Array;
  neighbours: Neighbour[][];
}

interface ShardTable {
  ids: string[];
  neighbours: [string, number][][];
}

export function encodeShard(items: ShardItem[], dim: number): Uint8Array {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const table: ShardTable = {
    ids: sorted.map((item) => item.id),
    neighbours: sorted.map((item) => item.neighbours.map((n): [string, number] => [n.id, n.weight])),
  };
  const json = new TextEncoder().encode(JSON.stringify(table));
  const n = sorted.length;
  const bytes = new Uint8Array(HEADER_BYTES + 4 * n + n * dim + json.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(SHARD_MAGIC), 0);
  view.setUint32(4, SHARD_FORMAT_VERSION, true);
  view.setUint32(8, n, true);
  view.setUint32(12, dim, true);
  view.setUint32(16, json.length, true);
  const codesAt = HEADER_BYTES + 4 * n;
  sorted.forEach((item, i) => {
    if (item.vector.length !== dim) {
      throw new EdgeRerankError('index', `item ${item.id}: vector has ${item.vector.length} values, expected ${dim}`);
    }
    const quantized = quantizeInt8(item.vector);
    if (!quantized) throw new EdgeRerankError('index', `item ${item.id}: vector has NaN or Infinity values`);
    const { codes, scale } = quantized;
    view.setFloat32(HEADER_BYTES + 4 * i, scale, true);
    bytes.set(new Uint8Array(codes.buffer, codes.byteOffset, codes.length), codesAt + i * dim);
  });
  bytes.set(json, codesAt + n * dim);
  return bytes;
}

export function decodeShard(bytes: Uint8Array, source: string): DecodedShard {
  const fail = (why: string): never => {
    throw new EdgeRerankError('index', `index shard ${source}: ${why}`);
  };
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is too short for a shard`);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== SHARD_MAGIC) fail('not an edge-rerank shard (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== SHARD_FORMAT_VERSION) fail(`format version ${version}, this reader knows ${SHARD_FORMAT_VERSION}`);
  const n = view.getUint32(8, true);
  const dim = view.getUint32(12, true);
  const jsonLength = view.getUint32(16, true);
  const codesAt = HEADER_BYTES + 4 * n;
  const jsonAt = codesAt + n * dim;
  if (jsonAt + jsonLength !== bytes.length) fail(`size ${bytes.length} does not match its header (${jsonAt + jsonLength})`);
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) scales[i] = view.getFloat32(HEADER_BYTES + 4 * i, true);
  const codes = new Int8Array(bytes.buffer.slice(bytes.byteOffset + codesAt, bytes.byteOffset + jsonAt));
  let table: ShardTable;
  try {
    table = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(jsonAt))) as ShardTable;
  } catch (err) {
    return fail(`unreadable id table (${messageOf(err)})`);
  }
  const listed = (v: unknown): v is unknown[] => Array.isArray(v) && v.length === n;
  if (!listed(table.ids) || !listed(table.neighbours) || !table.ids.every((id) => typeof id === 'string')) {
    fail(`id table does not list ${n} items`);
  }
  const neighbours = table.neighbours.map((list, i) => {
    if (!Array.isArray(list)) return fail(`neighbours of item ${i} are not a list`);
    return list.map((pair) => {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'number')
        return fail(`neighbours of item ${i} are malformed`);
      return { id: pair[0], weight: pair[1] };
    });
  });
  return { dim, ids: table.ids, scales, codes, neighbours };
}
