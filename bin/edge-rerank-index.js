#!/usr/bin/env node
// Thin launcher: runs the TypeScript CLI through tsx, so `npx edge-rerank-index`
// works in this repository without a compile step.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/build-index/cli.ts');
