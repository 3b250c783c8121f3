// npm links the bins of a project's dependencies into node_modules/.bin, but
// not the project's own: link them so `npx edge-rerank-index …` and
// `npx edge-rerank-eval …` work in this repository as the docs say.
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
const binDir = join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
for (const [name, file] of Object.entries(pkg.bin ?? {})) {
  const link = join(binDir, name);
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, join(root, file)), link);
  chmodSync(join(root, file), 0o755);
}
