import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CustomElementDeclaration, Package } from 'custom-elements-manifest/schema.d.ts';
import { generateManifest } from '../../../scripts/manifest/generate.ts';
import { DEFAULT_OPTIONS, OPTION_ATTRIBUTES } from '../../../src/element/options.ts';
import { ERROR_EVENT, PROGRESS_EVENT, READY_EVENT, RERANKED_EVENT } from '../../../src/element/events.ts';

const root = new URL('../../../', import.meta.url);
const committed = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as Package;
const generated = generateManifest();

function element(manifest: Package, tag: string): CustomElementDeclaration {
  const found = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => (d as CustomElementDeclaration).tagName === tag) as
    CustomElementDeclaration | undefined;
  assert.ok(found, `<${tag}> is in the manifest`);
  return found;
}

test('the committed custom-elements.json is what the source generates (run `npm run manifest` after changing an element)', () => {
  assert.deepEqual(committed, generated);
});

test('the manifest is schema 2.x and defines all three elements', () => {
  assert.match(generated.schemaVersion, /^2\.\d+\.\d+$/);
  const definitions = generated.modules.flatMap((m) => m.exports ?? []).filter((e) => e.kind === 'custom-element-definition');
  assert.deepEqual(definitions.map((d) => [d.name, d.declaration.name]).sort(), [
    ['edge-rerank', 'EdgeRerankElement'],
    ['edge-rerank-reason', 'EdgeRerankReasonElement'],
    ['edge-rerank-track', 'EdgeRerankTrackElement'],
  ]);
});

test('every <edge-rerank> option is an attribute and a field, with the default the element parses with and a description', () => {
  const rerank = element(generated, 'edge-rerank');
  const attributes = Object.fromEntries((rerank.attributes ?? []).map((a) => [a.name, a]));
  assert.deepEqual(Object.keys(attributes).sort(), Object.values(OPTION_ATTRIBUTES).sort());
  for (const [key, name] of Object.entries(OPTION_ATTRIBUTES)) {
    const attribute = attributes[name]!;
    assert.equal(attribute.fieldName, key, name);
    assert.equal(attribute.default, JSON.stringify(DEFAULT_OPTIONS[key as keyof typeof DEFAULT_OPTIONS]), name);
    assert.ok(attribute.description && attribute.description.length > 10, `${name} is described`);
    assert.ok(attribute.type?.text, `${name} has a type`);
  }
  assert.equal(attributes['strength']!.type!.text, 'number | undefined', 'numbers are numbers');
  const members = new Map((rerank.members ?? []).map((m) => [m.name, m]));
  for (const name of ['rerankComplete', 'options', 'track', 'rank', 'forget', 'exportHistory', ...Object.keys(OPTION_ATTRIBUTES)]) {
    assert.ok(members.get(name)?.description, `member ${name} is listed and described`);
  }
  assert.equal((members.get('forget') as { static?: boolean }).static, true);
});

test('every event names its detail type', () => {
  const rerank = element(generated, 'edge-rerank');
  const events = Object.fromEntries((rerank.events ?? []).map((e) => [e.name, e.type?.text]));
  assert.deepEqual(events, {
    [READY_EVENT]: 'CustomEvent<ReadyDetail>',
    [RERANKED_EVENT]: 'CustomEvent<RerankedDetail>',
    [PROGRESS_EVENT]: 'CustomEvent<ProgressDetail>',
    [ERROR_EVENT]: 'CustomEvent<ErrorDetail>',
  });
  assert.deepEqual(
    element(generated, 'edge-rerank-track').events?.map((e) => [e.name, e.type?.text]),
    [[ERROR_EVENT, 'CustomEvent<ErrorDetail>']],
  );
});

test("the badge's part and custom properties are listed with the defaults its stylesheet uses", () => {
  const badge = element(generated, 'edge-rerank-reason');
  assert.deepEqual(
    badge.cssParts?.map((p) => p.name),
    ['badge'],
  );
  const styles = readFileSync(new URL('src/element/reason-badge/reason-badge.styles.ts', root), 'utf8');
  const used = [...styles.matchAll(/var\((--[\w-]+),\s*([^;]+)\);/g)].map((m) => [m[1], m[2]!.trim()]);
  assert.equal(used.length, 5);
  assert.deepEqual(
    badge.cssProperties?.map((p) => [p.name, p.default]),
    used,
  );
});
