// npm run build:cli → cli/: the two Node CLIs (and the builder's tokenizer
// worker) as plain JavaScript, so the published bins need neither tsx nor
// TypeScript. The optional peers stay imports (resolved in the shop's
// node_modules); dynamic imports become chunks, so `--help`, `merge` and
// `inspect` load without them. Chunks sit beside the entries: code that
// resolves files from import.meta.url (the tokenizer worker) finds them.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_PEERS } from './cli/peers.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'cli');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: {
    'edge-rerank-index': join(root, 'scripts/build-index/cli.ts'),
    'edge-rerank-eval': join(root, 'scripts/eval/cli.ts'),
    'tokenize-worker': join(root, 'scripts/build-index/tokenize-worker.ts'),
  },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(NODE_PEERS).flatMap((name) => [name, `${name}/*`]),
  legalComments: 'eof',
  logLevel: 'warning',
});
const bytes = readdirSync(out).reduce((sum, file) => sum + statSync(join(out, file)).size, 0);
console.log(`cli/ ${readdirSync(out).length} files, ${(bytes / 1024).toFixed(0)} kB`);
