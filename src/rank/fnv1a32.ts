// 32-bit FNV-1a over the UTF-8 bytes of an id: simple, well known, and the
// same in every JavaScript engine and any other language. The index shards by
// it (src/index/shard-of.ts) and names behavioural neighbours by it
// (neighbour-key.ts), so the builder and the device agree without a table.
export function fnv1a32(id: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
