#!/usr/bin/env node
// Thin launcher: runs the TypeScript evaluation CLI through tsx's API, so
// `npx edge-rerank-eval --data DIR …` works without a compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/eval/run-eval.ts');
process.exitCode = await main(process.argv.slice(2));
