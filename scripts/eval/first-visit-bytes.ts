// What a first visit downloads before its first rerank with history, per
// situation: real Chromium, the built widget (run `npm run build` first), a
// fresh profile each time, three products viewed, then a results page.
//   npx tsx scripts/eval/first-visit-bytes.ts → eval/results/first-visit-bytes.json
// The titles-only and the full model do not read content vectors, so the
// encoder (model + runtime) is not fetched for them (src/rank/encoder-use.ts).
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  awaitRerank,
  awaitTracked,
  DIST,
  listenForWidgetEvents,
  MODELS,
  productPageHtml,
  searchPageHtml,
  startShop,
  type Product,
  type Shop,
} from '../../test/browser/element/shop-harness.ts';

const VIEWED: Product[] = [
  { id: 'v1', title: 'Kestrel ultralight tent', brand: 'Kestrel', category: 'tent' },
  { id: 'v2', title: 'Kestrel waterproof jacket', brand: 'Kestrel', category: 'jacket' },
  { id: 'v3', title: 'Orka insulated mug', brand: 'Orka', category: 'mug' },
];
const RESULTS: Product[] = Array.from({ length: 40 }, (_, i) => ({
  id: `r${i}`,
  title: `${['Kestrel', 'Orka', 'Fjell'][i % 3]} ${['tent', 'jacket', 'mug', 'stove'][i % 4]} model ${i}`,
  brand: ['Kestrel', 'Orka', 'Fjell'][i % 3],
  category: ['tent', 'jacket', 'mug', 'stove'][i % 4],
}));
const titlesOnly = (p: Product): Product => ({ id: p.id, title: p.title });

/** Bytes and gzip bytes of the files behind the requested URLs (dist/ and models/). */
function downloaded(urls: string[]) {
  const files: Record<string, { bytes: number; gzipBytes: number }> = {};
  for (const url of new Set(urls)) {
    const path = new URL(url, 'http://x').pathname;
    const file = path.startsWith('/dist/') ? join(DIST, path.slice(6)) : path.startsWith('/models/') ? join(MODELS, path.slice(8)) : null;
    if (!file) continue;
    files[path] = { bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file)).length };
  }
  const sum = (key: 'bytes' | 'gzipBytes') => Object.values(files).reduce((a, f) => a + f[key], 0);
  return { bytes: sum('bytes'), gzipBytes: sum('gzipBytes'), files };
}

async function firstVisit(shop: Shop, page: string, strip: boolean) {
  await shop.freshContext();
  shop.server.requests.length = 0;
  const tab = await shop.newPage();
  await listenForWidgetEvents(tab);
  for (const product of VIEWED) {
    await tab.goto(shop.page(`/product/${product.id}`, productPageHtml(strip ? titlesOnly(product) : product)));
    await awaitTracked(tab);
  }
  const products = strip ? RESULTS.map(titlesOnly) : RESULTS;
  await tab.goto(shop.page(page, searchPageHtml({ query: 'outdoor gear', products })));
  const snap = await awaitRerank(tab);
  await tab.close();
  return { status: snap.status, embedded: snap.detail?.embedded, ...downloaded(shop.server.requests.map((r) => r.url)) };
}

const shop = await startShop();
try {
  const result = {
    command: 'npm run build && npx tsx scripts/eval/first-visit-bytes.ts',
    date: new Date().toISOString(),
    method:
      'Fresh profile; three product pages with <edge-rerank-track> (views), then a results page of 40 items (WASM); every dist/ and models/ file requested, gzip -6 sizes. No index: with one, the full model does not load the encoder either.',
    'titles-only': await firstVisit(shop, '/search/titles-only', true),
    'no-log': await firstVisit(shop, '/search/no-log', false),
  };
  writeFileSync('eval/results/first-visit-bytes.json', `${JSON.stringify(result, null, 1)}\n`);
  for (const situation of ['titles-only', 'no-log'] as const)
    console.log(
      `${situation}: ${result[situation].gzipBytes} bytes gzip (${result[situation].bytes} raw), embedded ${result[situation].embedded}`,
    );
} finally {
  await shop.close();
}
