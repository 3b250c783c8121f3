import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { customElementsManifest } from '../../../src/element/custom-elements-manifest.ts';
import { ATTRIBUTES } from '../../../src/element/options.ts';

const root = new URL('../../../', import.meta.url);

test('the committed custom-elements.json is what the build generates (no drift from the attribute table)', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };
  const committed = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as unknown;
  assert.deepEqual(committed, customElementsManifest(pkg.version));
});

test('every <edge-rerank> attribute appears in the manifest with its default', () => {
  const manifest = customElementsManifest('0.0.0') as {
    modules: { declarations: { tagName: string; attributes: { name: string; default: string }[] }[] }[];
  };
  const element = manifest.modules[0]!.declarations.find((d) => d.tagName === 'edge-rerank')!;
  assert.deepEqual(
    element.attributes.map((a) => [a.name, a.default]),
    ATTRIBUTES.map((a) => [a.attribute, JSON.stringify(a.default)]),
  );
});
