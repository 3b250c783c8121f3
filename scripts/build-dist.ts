// npm run build → dist/: the script-tag module (element + options + comlink
// proxy only), the worker as its own entry with transformers.js split into a
// lazily loaded chunk, onnxruntime-web's wasm files (from the copy nested
// under transformers.js: one runtime, never two), .d.ts types, and
// custom-elements.json. Every URL inside is resolved from import.meta.url, so
// dist/ can be copied to any static host.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { PLAIN_DIST_FILES, type DistFiles } from '../src/worker/dist-files.ts';
import { ortWebDist } from './ort-web-dist.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const ortDist = ortWebDist();
/** --release (npm pack): no source maps, which a shop's host does not serve. */
const sourcemap = !process.argv.includes('--release');

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
} as const;

const contentHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/** Copies ORT's plain SIMD build (WASM) and asyncify build (WebGPU + WASM) to dist/ort/, named by content. */
function copyRuntime(): DistFiles['ort'] {
  const named = (file: string) => {
    const bytes = readFileSync(join(ortDist, file));
    const name = file.replace(/\.(mjs|wasm)$/, `.${contentHash(bytes)}.$1`);
    writeFileSync(join(dist, 'ort', name), bytes);
    return name;
  };
  const { plain, asyncify } = PLAIN_DIST_FILES.ort;
  return {
    plain: { mjs: named(plain.mjs), wasm: named(plain.wasm) },
    asyncify: { mjs: named(asyncify.mjs), wasm: named(asyncify.wasm) },
  };
}

async function main(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'ort'), { recursive: true });

  // Every file but the script-tag module gets a content hash in its name, and
  // the file that loads it is told the name (src/worker/dist-files.ts): the
  // runtime first, then the worker that names it, then the module that names the worker.
  const ort = copyRuntime();
  const worker = await build({
    ...common,
    entryPoints: { 'edge-rerank.worker': join(root, 'src/worker/worker.ts') },
    entryNames: '[name]-[hash]',
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap,
    metafile: true,
    define: { EDGE_RERANK_DIST_FILES: JSON.stringify({ worker: '', ort } satisfies DistFiles) },
  });
  const workerFile = Object.entries(worker.metafile.outputs).find(([, o]) => o.entryPoint)?.[0];
  if (!workerFile) throw new Error('the worker build wrote no entry');
  const files: DistFiles = { worker: workerFile.slice(workerFile.lastIndexOf('/') + 1), ort };
  await build({
    ...common,
    entryPoints: { 'edge-rerank': join(root, 'src/element/index.ts') },
    outdir: dist,
    sourcemap,
    define: { EDGE_RERANK_DIST_FILES: JSON.stringify(files) },
  });

  const types = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      join(root, 'src/element/index.ts'),
      ...'--declaration --emitDeclarationOnly --rewriteRelativeImportExtensions --skipLibCheck --strict --verbatimModuleSyntax --allowImportingTsExtensions'.split(
        ' ',
      ),
      ...[
        '--target',
        'ES2022',
        '--module',
        'ESNext',
        '--moduleResolution',
        'Bundler',
        '--lib',
        'ES2022,DOM,DOM.Iterable',
        '--types',
        'node',
      ],
      ...['--useDefineForClassFields', 'false', '--rootDir', join(root, 'src'), '--outDir', join(dist, 'types')],
    ],
    { stdio: 'inherit' },
  );
  if (types.status !== 0) throw new Error('type declarations failed');
  // Consumers resolve "./x.js" to "./x.d.ts" under any moduleResolution; "./x.ts" needs a flag.
  for (const file of readdirSync(join(dist, 'types'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.d.ts')) continue;
    const path = join(dist, 'types', file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
  }

  // Generated from the source by `npm run manifest` and committed; a unit test fails while it is stale.
  copyFileSync(join(root, 'custom-elements.json'), join(dist, 'custom-elements.json'));

  const main = readFileSync(join(dist, 'edge-rerank.js'));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`dist/edge-rerank.js ${kb(main.length)} (${kb(gzipSync(main).length)} gzip)`);
  console.log(`dist/${files.worker} ${kb(statSync(join(dist, files.worker)).size)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
