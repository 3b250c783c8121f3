// docs/ARCHITECTURE.md's layer table must say what the code imports: each
// src/ folder's "depends on" cell lists exactly the other src/ folders and
// root files (`x/`, `errors.ts`) and the packages (`idb`) its files import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const src = join(root, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** What one file imports, as table entries: `x/` (another src folder), `x.ts` (a src root file) or a package name. */
function importsOf(file: string, ownFolder: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'([^']+)'/gm)].map((m) => m[1] as string);
  return specifiers.flatMap((specifier) => {
    if (!specifier.startsWith('.')) {
      const parts = specifier.split('/');
      return [specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)];
    }
    const target = relative(src, resolve(dirname(file), specifier));
    if (target.startsWith('..')) return [`outside src: ${target}`];
    const [first, second] = target.split('/');
    if (second === undefined) return [first as string]; // a root file such as errors.ts
    return first === ownFolder ? [] : [`${first}/`];
  });
}

function documentedLayers(): Map<string, Set<string>> {
  const doc = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Layers'));
  assert.ok(section, 'docs/ARCHITECTURE.md has a "## Layers" section');
  const layers = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const folder = /^`src\/([\w-]+)\/`$/.exec(cells[2] ?? '')?.[1];
    if (!folder) continue;
    const dependsOn = cells[4] ?? '';
    layers.set(folder, new Set([...dependsOn.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)));
  }
  return layers;
}

test("docs/ARCHITECTURE.md's layer table names every src/ folder", () => {
  const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory());
  assert.deepEqual([...documentedLayers().keys()].sort(), folders.sort());
});

test('each layer\'s "depends on" cell is exactly what its files import', () => {
  for (const [folder, documented] of documentedLayers()) {
    const actual = new Set(tsFiles(join(src, folder)).flatMap((file) => importsOf(file, folder)));
    assert.deepEqual([...actual].sort(), [...documented].sort(), `src/${folder}/ imports (left) vs the table (right)`);
  }
});
