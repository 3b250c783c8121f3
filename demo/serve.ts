// npm run demo: builds dist/ first (package.json), then builds the demo index
// with the batch builder (skipped when its inputs have not changed) and
// serves the demo shop. PORT picks the port (default 5173; 0 = any free one);
// DEMO_GENERATED_DIR where the generated catalog, log and index go;
// DEMO_INDEX=off serves no index, so lists rank from their fields and the
// on-device encoder (the index's co-purchase data makes the model unneeded).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_GENERATED_DIR, startDemoShop } from './shop-server.ts';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[edge-rerank demo] PORT=${process.env.PORT} is not a port number`);
  process.exit(1);
}
if (!existsSync('dist/edge-rerank.js')) {
  console.warn('[edge-rerank demo] dist/edge-rerank.js is missing: run `npm run build` (npm run demo does it for you)');
}
const generatedDir = process.env.DEMO_GENERATED_DIR ? resolve(process.env.DEMO_GENERATED_DIR) : DEFAULT_GENERATED_DIR;
const withIndex = process.env.DEMO_INDEX !== 'off';
const shop = await startDemoShop({ port, generatedDir, index: withIndex ? undefined : false, log: (line) => console.log(line) });
const index = shop.index;
console.log(
  index
    ? `demo index: ${index.built ? `built in ${index.seconds.toFixed(1)} s` : 'up to date (same catalog, log, model and builder)'} → ${index.dir}`
    : 'demo index: off (DEMO_INDEX=off): products are ranked from their fields and the on-device encoder',
);
console.log(`Demo shop: ${shop.url}  (${shop.catalog.length} products, offline: every file comes from this server)`);
console.log('Ctrl+C to stop.');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shop.close().then(() => process.exit(0)));
}
