// The widget with a model folder whose files are not the ones its config.json
// records: the model is refused before use (one model-load error naming the
// file), and the ranking goes on without it (the server order stays where only
// the model could have related items).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  MODELS,
  awaitRerank,
  awaitTracked,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Shop,
} from '../element/shop-harness.ts';
import { QUERY, RESULTS, VIEWED } from '../element/test-catalog.ts';

let shop: Shop;
let page: Page;
/** Results sharing no brand, category or title words with VIEWED: only the
 *  model could relate them. (Not the mug: its "camping" shares "-ping" grams
 *  with the viewed "sleeping bag", so the titles relate them.) */
const UNRELATED = RESULTS.filter((p) => p.brand !== 'Kestrel' && p.id !== 'ork-mug');

/** Serves the default model under `prefix`, with `file` replaced by `bytes`. */
function serveModelWith(prefix: string, file: string, bytes: Buffer): void {
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model_int8.onnx']) {
    const body = f === file ? bytes : readFileSync(join(MODELS, 'default', f));
    shop.route(`${prefix}${f}`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': f.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
      res.end(body);
    });
  }
}

before(async () => {
  shop = await startShop();
  const tokenizer = JSON.parse(readFileSync(join(MODELS, 'default/tokenizer.json'), 'utf8')) as { model: { vocab: [string, number][] } };
  tokenizer.model.vocab[100]![1] += 1;
  serveModelWith('/edited-tokenizer/', 'tokenizer.json', Buffer.from(JSON.stringify(tokenizer)));
  const config = readFileSync(join(MODELS, 'default/config.json'), 'utf8').replace(/"vocab_size":\s*\d+/, '"vocab_size": 9000');
  serveModelWith('/edited-config/', 'config.json', Buffer.from(config));
});

after(async () => {
  await shop?.close();
});

for (const [prefix, file] of [
  ['/edited-tokenizer/', 'tokenizer.json'],
  ['/edited-config/', 'config.json'],
] as const) {
  test(`a ${file} that does not match its recorded sha256: one model-load error naming it, the server order stays`, async () => {
    await shop.freshContext();
    page = await shop.newPage();
    await listenForWidgetEvents(page);
    for (const product of VIEWED) {
      await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
      assert.deepEqual(await awaitTracked(page), [true]);
    }
    await page.goto(shop.page(`/search${prefix}`, searchPageHtml({ query: QUERY, products: UNRELATED, element: { model: prefix } })));
    const snap = await awaitRerank(page);
    assert.equal(snap.status, 'reranked');
    assert.equal(snap.detail?.historySize, VIEWED.length, 'the history was read: only the model was missing');
    assert.deepEqual(
      snap.dom,
      UNRELATED.map((p) => p.id),
    );
    assert.deepEqual(
      snap.errors.map((e) => e.code),
      ['model-load'],
    );
    assert.match(snap.errors[0]!.message, new RegExp(`${prefix}${file.replace('.', '\\.')}: sha256 [0-9a-f]{64} does not match`));
  });
}
