// The folder holding edge-rerank's own package.json: the repository in a
// source checkout, node_modules/edge-rerank when installed. Found by walking
// up from this module, which runs from scripts/ (tsx) or bundled into cli/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'edge-rerank') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`edge-rerank's package.json not found above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** The embedded default model: built by `npm run build:model` in a checkout, shipped (int8 only) in the package. */
export const DEFAULT_MODEL_DIR = join(packageRoot(), 'public', 'models', 'default');
