// The demo's candidate index, built by the project's own batch builder
// (bin/edge-rerank-index.js, what `npx edge-rerank-index build` runs) from the
// generated catalog and log. A rebuild is skipped when the folder was built
// from the same inputs: catalog, log, model files and the builder's code.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogJsonl } from '../catalog/generate-catalog.ts';
import { interactionsJsonl } from '../catalog/generate-interactions.ts';
import type { DemoData } from './demo-data.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What the index depends on besides the two input files. */
const SOURCES = ['public/models/default', 'scripts/build-index', 'src/index', 'src/model', 'src/vector', 'bin/edge-rerank-index.js'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function inputsHash(catalog: string, interactions: string): string {
  const hash = createHash('sha256').update(catalog).update('\0').update(interactions);
  for (const file of SOURCES.flatMap((s) => filesUnder(join(root, s))))
    hash.update(`\0${file.slice(root.length)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

export interface DemoIndex {
  dir: string;
  built: boolean;
  seconds: number;
}

/** Builds `<dir>/index/` (with `catalog.jsonl` and `interactions.jsonl` beside it) unless it is up to date. */
export async function ensureDemoIndex(dir: string, data: DemoData, log: (line: string) => void = () => {}): Promise<DemoIndex> {
  const started = performance.now();
  mkdirSync(dir, { recursive: true });
  const catalog = catalogJsonl(data.catalog);
  const interactions = interactionsJsonl(data.baskets);
  const out = join(dir, 'index');
  const stamp = join(dir, 'index.inputs.sha256');
  const hash = inputsHash(catalog, interactions);
  if (existsSync(join(out, 'manifest.json')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    return { dir: out, built: false, seconds: (performance.now() - started) / 1000 };
  }
  const catalogFile = join(dir, 'catalog.jsonl');
  const interactionsFile = join(dir, 'interactions.jsonl');
  writeFileSync(catalogFile, catalog);
  writeFileSync(interactionsFile, interactions);
  log(`building the demo index: ${data.catalog.length} products, ${data.baskets.length} baskets → ${out}`);
  const args = [
    join(root, 'bin/edge-rerank-index.js'),
    'build',
    '--catalog',
    catalogFile,
    '--interactions',
    interactionsFile,
    '--out',
    out,
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`edge-rerank-index build failed (exit ${code}):\n${output}`);
  writeFileSync(stamp, hash);
  return { dir: out, built: true, seconds: (performance.now() - started) / 1000 };
}
