// Writes the demo catalogue as JSON Lines for the batch index builder:
//   npx tsx demo/catalog/write-catalog.ts
//   npx edge-rerank-index build --catalog demo/public/generated/catalog.jsonl --out demo/public/generated/index
// The demo passes index="/index/" to the widget when that folder exists.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogJsonl, generateCatalog } from './generate-catalog.ts';

const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public/generated/catalog.jsonl');
mkdirSync(dirname(out), { recursive: true });
const products = generateCatalog();
writeFileSync(out, catalogJsonl(products));
console.log(`${products.length} products → ${out}`);
