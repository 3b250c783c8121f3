// Tokenizer worker threads (used on many-core GPU boxes) give exactly the ids
// of the main-thread tokenizer, in input order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadTokenizer, tokenIds } from '../../../scripts/build-index/item-tokenizer.ts';
import { openTokenizerPool } from '../../../scripts/build-index/tokenizer-pool.ts';
import { syntheticCatalog } from '../../../scripts/build-index/synthetic-catalog.ts';
import { itemText } from '../../../src/model/item-text.ts';

const MODEL = join(process.cwd(), 'public/models/default');

test('two tokenizer workers return the same ids as the main thread, in order', async () => {
  const tokenizer = await loadTokenizer(MODEL);
  const texts = syntheticCatalog(600, 4).map(itemText);
  const pool = await openTokenizerPool(tokenizer, MODEL, 2);
  try {
    assert.equal(pool.workers, 2);
    const pooled = await pool.tokenize(texts);
    assert.equal(pooled.length, texts.length);
    texts.forEach((text, i) => assert.deepEqual(pooled[i], tokenIds(tokenizer, text), `text ${i}`));
  } finally {
    await pool.close();
  }
});
