// npm run demo: builds dist/ first (package.json), then serves the demo shop.
// PORT picks the port (default 5173).
import { existsSync } from 'node:fs';
import { startDemoShop } from './shop-server.ts';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[edge-rerank demo] PORT=${process.env.PORT} is not a port number`);
  process.exit(1);
}
if (!existsSync('dist/edge-rerank.js')) {
  console.warn('[edge-rerank demo] dist/edge-rerank.js is missing: run `npm run build` (npm run demo does it for you)');
}
const shop = await startDemoShop({ port });
console.log(
  `Demo shop: ${shop.url}  (${shop.catalog.length} products${shop.hasIndex ? ', with the demo index' : ', vectors embedded on the device'})`,
);
if (!shop.hasIndex) console.log('Tip: `npx tsx demo/build-demo-index.ts` builds a demo index (vectors + "bought together" neighbours).');
console.log('Ctrl+C to stop.');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shop.close().then(() => process.exit(0)));
}
