#!/usr/bin/env node
// edge-rerank-index: the published package runs the compiled cli/ (built by
// `npm run build:cli`); a source checkout runs the TypeScript through tsx.
import { launch } from './launch.js';

await launch('../scripts/build-index/cli.ts', '../cli/edge-rerank-index.mjs');
