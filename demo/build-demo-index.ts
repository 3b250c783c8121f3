// Builds the optional demo index: writes the generated catalogue and the
// invented "bought together" log as JSON Lines, then runs the project's batch
// builder on them. `npm run demo` passes index="/index/" once it exists.
//   npx tsx demo/build-demo-index.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogJsonl, generateCatalog } from './catalog/generate-catalog.ts';
import { generateInteractions, interactionsJsonl } from './catalog/generate-interactions.ts';
import { DEMO_INDEX_DIR } from './shop-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const generated = dirname(DEMO_INDEX_DIR);
mkdirSync(generated, { recursive: true });

const catalog = generateCatalog();
const catalogFile = join(generated, 'catalog.jsonl');
const interactionsFile = join(generated, 'interactions.jsonl');
writeFileSync(catalogFile, catalogJsonl(catalog));
writeFileSync(interactionsFile, interactionsJsonl(generateInteractions(catalog)));
console.log(`${catalog.length} products → ${catalogFile}\ninteraction log → ${interactionsFile}`);

const build = spawnSync(
  process.execPath,
  [join(root, 'bin/edge-rerank-index.js'), 'build', '--catalog', catalogFile, '--interactions', interactionsFile, '--out', DEMO_INDEX_DIR],
  { stdio: 'inherit', cwd: root },
);
process.exit(build.status ?? 1);
