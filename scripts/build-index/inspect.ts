// `edge-rerank-index inspect`: one item as the widget would read it.
import { EdgeRerankError } from '../../src/errors.ts';
import type { IndexedItem } from '../../src/index/types.ts';
import { openIndexFolder } from './file-fetch.ts';

export async function inspectItem(dir: string, id: string): Promise<IndexedItem> {
  const index = await openIndexFolder(dir);
  const item = (await index.lookup([id])).get(id);
  if (!item)
    throw new EdgeRerankError('input', `${dir}: no item with id ${id} (it would be in ${index.manifest.shards[index.shardOf(id)]?.file})`);
  return item;
}
