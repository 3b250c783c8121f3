// Lets the widget's CandidateIndex read an index folder straight from disk in
// Node (inspect, evaluation, tests): a fetch for file: URLs.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CandidateIndex, type CandidateIndexExpect } from '../../src/index/candidate-index.ts';

export const fileFetch = (async (input: string | URL | Request) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.protocol !== 'file:') return fetch(input);
  try {
    return new Response(new Uint8Array(await readFile(fileURLToPath(url))));
  } catch {
    return new Response('not found', { status: 404 });
  }
}) as typeof fetch;

export function openIndexFolder(dir: string, expect: Omit<CandidateIndexExpect, 'fetch' | 'cache'> = {}): Promise<CandidateIndex> {
  return CandidateIndex.open(`${pathToFileURL(resolve(dir)).href}/`, { ...expect, fetch: fileFetch, cache: false });
}
