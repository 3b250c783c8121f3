// Writes manifest.json (format: src/index/manifest.ts). Builder-only: the
// widget only reads manifests.
import type { Manifest } from '../../src/index/manifest.ts';

/** Stable bytes: keys in a fixed order, so equal builds give equal files. */
export function manifestJson(manifest: Manifest): string {
  const ordered: Manifest = {
    format: manifest.format,
    formatVersion: manifest.formatVersion,
    model: {
      id: manifest.model.id,
      sha256: manifest.model.sha256,
      dtype: manifest.model.dtype,
      arithmetic: manifest.model.arithmetic,
      ...(manifest.model.pooling ? { pooling: manifest.model.pooling } : {}),
    },
    dim: manifest.dim,
    vectorDtype: manifest.vectorDtype,
    textTemplateVersion: manifest.textTemplateVersion,
    shardHash: manifest.shardHash,
    count: manifest.count,
    behaviour: manifest.behaviour,
    shards: manifest.shards.map((s) => ({ file: s.file, sha256: s.sha256, count: s.count, bytes: s.bytes })),
  };
  return `${JSON.stringify(ordered, null, 1)}\n`;
}

/** Content-addressed shard path: a rebuilt shard gets a new name, so caches
 *  (Cache API, CDN) can keep shard files forever. */
export function shardFileName(index: number, sha256: string): string {
  return `shards/${String(index).padStart(5, '0')}-${sha256.slice(0, 16)}.bin`;
}
