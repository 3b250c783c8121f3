// Writes manifest.json for a folder whose shards are all built (by one
// process or by n machines with --shard i/n), then removes what the manifest
// no longer names. The manifest is written last and atomically: a folder
// either has a complete, consistent manifest or keeps its previous one.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EdgeRerankError } from '../../src/errors.ts';
import { INDEX_FORMAT, INDEX_FORMAT_VERSION, type Manifest } from '../../src/index/manifest.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { BUILD_DIR, readPlan, readRecord, type ShardRecord } from './build-plan.ts';
import { manifestJson } from './manifest-writer.ts';

/** The shard's record, if its file is there with the bytes the record names. */
export async function finishedShard(out: string, index: number, inputHash: string): Promise<ShardRecord | undefined> {
  const record = await readRecord(out, index);
  if (!record || record.inputHash !== inputHash) return undefined;
  try {
    const bytes = await readFile(join(out, record.file));
    return createHash('sha256').update(bytes).digest('hex') === record.sha256 ? record : undefined;
  } catch {
    return undefined;
  }
}

export interface MergeSummary {
  manifest: string;
  count: number;
  shards: number;
  bytes: number;
}

export async function mergeIndex(out: string): Promise<MergeSummary> {
  const plan = await readPlan(out);
  const records = await Promise.all(plan.inputs.map((hash, index) => finishedShard(out, index, hash)));
  const missing = records.flatMap((r, i) => (r ? [] : [i]));
  if (missing.length) {
    const list = missing.length > 20 ? `${missing.slice(0, 20).join(', ')} … (${missing.length} in all)` : missing.join(', ');
    throw new EdgeRerankError(
      'index',
      `${out}: cannot merge, shards ${list} of ${plan.inputs.length} are not built (run the missing --shard i/n parts, or build again with --resume)`,
    );
  }
  const shards = (records as ShardRecord[]).map((r) => ({ file: r.file, sha256: r.sha256, count: r.count, bytes: r.bytes }));
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    formatVersion: INDEX_FORMAT_VERSION,
    model: plan.model,
    dim: plan.dim,
    vectorDtype: 'int8',
    textTemplateVersion: plan.textTemplateVersion,
    shardHash: 'fnv1a32',
    count: plan.count,
    behaviour: plan.behaviour,
    shards,
  };
  const json = manifestJson(manifest);
  const manifestPath = join(out, 'manifest.json');
  await writeFileAtomic(manifestPath, json);
  // Only now is the old index unreferenced: drop its shards and the work folder.
  const keep = new Set(shards.map((s) => s.file.replace(/^shards\//, '')));
  for (const name of await readdir(join(out, 'shards'))) {
    if (!keep.has(name)) await rm(join(out, 'shards', name), { force: true });
  }
  await rm(join(out, BUILD_DIR), { recursive: true, force: true });
  return {
    manifest: manifestPath,
    count: plan.count,
    shards: shards.length,
    bytes: shards.reduce((sum, s) => sum + s.bytes, 0) + json.length,
  };
}
