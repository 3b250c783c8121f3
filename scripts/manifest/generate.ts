// Generates custom-elements.json (the Custom Elements Manifest that IDEs,
// linters and docs tools read) from the elements' source with
// @custom-elements-manifest/analyzer: Lit's `static properties`, the JSDoc
// tags (@fires, @csspart, @cssprop, @slot) and the field comments. Defaults
// come from DEFAULT_OPTIONS, the same table the element parses with.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as analyzer from '@custom-elements-manifest/analyzer';
import { create } from '@custom-elements-manifest/analyzer/src/create.js';
import { litPlugin } from '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js';
import type { Package, CustomElementDeclaration, ClassMember, Attribute } from 'custom-elements-manifest/schema.d.ts';
import { DEFAULT_OPTIONS, OPTION_ATTRIBUTES, type EdgeRerankOptions } from '../../src/element/options.ts';

export const SCHEMA_VERSION = '2.1.0';

/** The modules that declare or define the elements (paths from the repository root). */
export const ELEMENT_MODULES = [
  'src/element/index.ts',
  'src/element/edge-rerank-element.ts',
  'src/element/edge-rerank-track.ts',
  'src/element/reason-badge/reason-badge.ts',
];

/** The analyzer's own TypeScript: its syntax-kind numbers must match the trees it walks. */
const ts = (analyzer as unknown as { ts: typeof import('typescript') }).ts;

const root = fileURLToPath(new URL('../../', import.meta.url));

function isElement(declaration: { kind: string }): declaration is CustomElementDeclaration & { kind: 'class' } {
  return declaration.kind === 'class' && (declaration as CustomElementDeclaration).customElement === true;
}

/** <edge-rerank>'s attribute and field defaults, from the table the element parses with. */
function optionDefaults(manifest: Package): void {
  const byAttribute = new Map(Object.entries(OPTION_ATTRIBUTES).map(([key, attr]) => [attr, key as keyof EdgeRerankOptions]));
  const byField = new Set(Object.keys(OPTION_ATTRIBUTES));
  for (const declaration of manifest.modules.flatMap((m) => m.declarations ?? []).filter(isElement)) {
    if (declaration.tagName !== 'edge-rerank') continue;
    for (const attribute of declaration.attributes ?? []) {
      const key = byAttribute.get(attribute.name);
      if (key) attribute.default = JSON.stringify(DEFAULT_OPTIONS[key]);
    }
    for (const member of declaration.members ?? []) {
      if (member.kind === 'field' && byField.has(member.name) && !member.static) {
        member.default = JSON.stringify(DEFAULT_OPTIONS[member.name as keyof EdgeRerankOptions]);
      }
    }
  }
}

/** Private (`#`) members are not part of the contract; the analyzer lists some of them. */
function dropPrivate(manifest: Package): void {
  for (const declaration of manifest.modules.flatMap((m) => m.declarations ?? []).filter(isElement)) {
    declaration.members = declaration.members?.filter(
      (member: ClassMember) => !member.name.startsWith('#') && member.privacy !== 'private' && member.privacy !== 'protected',
    );
    declaration.attributes = declaration.attributes?.filter((attribute: Attribute) => !attribute.name.startsWith('#'));
  }
}

/** The analyzer cannot tell `export type` from a value export, and lists
 *  locals it met inside methods: keep what a module really exports. */
function onlyRealExports(manifest: Package): void {
  const declared = new Set(manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.name)));
  for (const module of manifest.modules) {
    module.exports = module.exports?.filter((e) => e.kind !== 'js' || declared.has(e.declaration.name));
    for (const e of module.exports ?? []) if (e.declaration.module) e.declaration.module = e.declaration.module.replace(/^\//, '');
    const exported = new Set(module.exports?.map((e) => e.declaration.name));
    module.declarations = module.declarations?.filter((d) => exported.has(d.name));
  }
}

export function generateManifest(): Package {
  const modules = ELEMENT_MODULES.map((path) =>
    ts.createSourceFile(path, readFileSync(`${root}${path}`, 'utf8'), ts.ScriptTarget.ES2022, true),
  );
  const manifest = create({
    modules,
    plugins: [
      ...litPlugin(),
      {
        name: 'edge-rerank',
        packageLinkPhase({ customElementsManifest }: { customElementsManifest: Package }) {
          customElementsManifest.schemaVersion = SCHEMA_VERSION;
          customElementsManifest.readme = 'README.md';
          onlyRealExports(customElementsManifest);
          optionDefaults(customElementsManifest);
          dropPrivate(customElementsManifest);
        },
      },
    ],
  }) as Package;
  return manifest;
}

/** The file's text, as committed. */
export function manifestText(): string {
  return `${JSON.stringify(generateManifest(), null, 2)}\n`;
}
