// Which shard holds an item: a stable hash of its id (FNV-1a, 32 bits), so
// the builder and the browser agree without a lookup table, and the browser
// fetches only the shards of the candidates on screen.
import { fnv1a32 } from '../rank/fnv1a32.ts';

export function shardOf(id: string, shardCount: number): number {
  return fnv1a32(id) % shardCount;
}

/** Items per shard the builder aims for: a page of ~50 candidates then costs
 *  tens of small requests of a few tens of kB, not megabytes. */
export const TARGET_ITEMS_PER_SHARD = 128;

/** A power of two, so a catalog that grows a little keeps its shard count. */
export function shardCountFor(itemCount: number, itemsPerShard = TARGET_ITEMS_PER_SHARD): number {
  let count = 1;
  while (count * itemsPerShard < itemCount) count *= 2;
  return count;
}
