// Reads one model file as bytes: from disk in Node, in browsers from the
// Cache API (the same cache transformers.js uses, so a reload downloads
// nothing) or the network. Errors name the file and what went wrong.
import { EdgeRerankError } from '../errors.ts';

export const BROWSER_CACHE_NAME = 'transformers-cache';

function isRemote(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

function inNode(): boolean {
  return (
    typeof process !== 'undefined' &&
    !!process.versions?.node &&
    typeof window === 'undefined' &&
    typeof (globalThis as { importScripts?: unknown }).importScripts === 'undefined'
  );
}

async function readFromDisk(path: string): Promise<Uint8Array> {
  // A computed specifier: bundlers for the browser leave Node's fs alone.
  const fsModule = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder, not a file' : (err as Error).message;
    throw new EdgeRerankError('model-load', `${path}: ${why}`, { cause: err });
  }
}

async function openCache(): Promise<Cache | undefined> {
  try {
    return typeof caches === 'undefined' ? undefined : await caches.open(BROWSER_CACHE_NAME);
  } catch {
    return undefined; // e.g. opaque origins: the network alone will do
  }
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new EdgeRerankError('model-load', `${url}: could not be fetched (${(err as Error).message})`, { cause: err });
  }
  if (!res.ok) {
    throw new EdgeRerankError('model-load', `${url}: ${res.status === 404 ? 'not found' : 'failed'} (HTTP ${res.status})`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

export interface ModelFileReader {
  /** Cached copy first (browsers), then the network or disk. */
  read(location: string): Promise<Uint8Array>;
  /** Drops a cached copy and reads afresh: for a cache that holds an old file. */
  reread(location: string): Promise<Uint8Array>;
}

export function modelFileReader(): ModelFileReader {
  const node = inNode();
  async function load(location: string, useCache: boolean): Promise<Uint8Array> {
    if (node && !isRemote(location)) return readFromDisk(location);
    const cache = await openCache();
    if (cache && useCache) {
      const hit = await cache.match(location).catch(() => undefined);
      if (hit?.ok) return new Uint8Array(await hit.arrayBuffer());
    }
    const bytes = await fetchBytes(location);
    if (cache) {
      await cache.put(location, new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
    }
    return bytes;
  }
  return {
    read: (location) => load(location, true),
    async reread(location) {
      const cache = await openCache();
      await cache?.delete(location).catch(() => false);
      return load(location, false);
    },
  };
}

export function parseJsonFile<T>(bytes: Uint8Array, location: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (err) {
    throw new EdgeRerankError('model-load', `${location}: not valid JSON (${(err as Error).message})`, { cause: err });
  }
}
