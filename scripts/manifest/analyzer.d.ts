// Types for the two analyzer modules generate.ts uses (the package's own
// index.d.ts declares the plugin types but not `create` or the Lit plugin).
declare module '@custom-elements-manifest/analyzer/src/create.js' {
  import type { Plugin } from '@custom-elements-manifest/analyzer';
  export function create(options: { modules: unknown[]; plugins?: Plugin[]; context?: Record<string, unknown> }): unknown;
}

declare module '@custom-elements-manifest/analyzer/src/features/framework-plugins/lit/lit.js' {
  import type { Plugin } from '@custom-elements-manifest/analyzer';
  export function litPlugin(): Plugin[];
}
