// The shop's page script, written in TypeScript (demo/client/) and bundled
// once when the server starts, with the esbuild the project builds dist/ with.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '../client/main.ts');

export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
  });
  return result.outputFiles[0]!.text;
}
