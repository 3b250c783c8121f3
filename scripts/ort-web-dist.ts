// The dist/ folder of the onnxruntime-web that transformers.js itself imports
// (one runtime, never two), wherever npm placed it: nested under
// transformers.js today, hoisted if nothing else pins another version.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export function ortWebDist(): string {
  const transformers = createRequire(import.meta.url).resolve('@huggingface/transformers');
  return dirname(createRequire(transformers).resolve('onnxruntime-web'));
}
