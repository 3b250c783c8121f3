// manifest.json: what an index folder holds and which model made it. The
// widget reads it first; the builder writes it last (atomically), so a folder
// with a manifest is always complete.
import { EdgeRerankError } from '../errors.ts';
import type { EncoderPooling } from '../model/types.ts';

export const INDEX_FORMAT = 'edge-rerank-index';
export const INDEX_FORMAT_VERSION = 2;
/** What changed in each format version, for the error an older index gets. */
const OLDER_FORMATS: Record<number, string> = {
  1: 'version 1 stored neighbours as JSON co-purchase cosines (top 20); version 2 stores raw co-purchase counts (top 100) in binary',
};

export interface ManifestModel {
  /** e.g. "edge-rerank/use-lite-en". */
  id: string;
  /** sha256 (hex) of the exact ONNX file the vectors were computed with. */
  sha256: string;
  /** Which file of the model folder: "q8" = onnx/model_quantized.onnx. */
  dtype: 'q8' | 'fp32';
  /** How the builder computed: "float32" as the browser does, or "int8"
   *  (integer kernels, cosine ≥ 0.999 to the browser's vectors). Manifests
   *  written before it existed lack it and parse as float32. */
  arithmetic: 'float32' | 'int8';
  /** How texts were pooled ('graph' = by the model itself). A reader whose
   *  model pools otherwise refuses the index. Absent in manifests written
   *  before it existed: not checked. */
  pooling?: EncoderPooling | undefined;
}

export interface ManifestShard {
  /** Path relative to the manifest; content-addressed, so it can be cached forever. */
  file: string;
  sha256: string;
  count: number;
  bytes: number;
}

export interface Manifest {
  format: typeof INDEX_FORMAT;
  formatVersion: number;
  model: ManifestModel;
  dim: number;
  /** How vectors are stored: int8 codes with one float32 scale per vector. */
  vectorDtype: 'int8';
  /** ITEM_TEXT_VERSION of the template the items were embedded with. */
  textTemplateVersion: number;
  /** How an id picks its shard: shardOf(id, shards.length). */
  shardHash: 'fnv1a32';
  count: number;
  /** "co-purchase" when built with an interaction log (each item's
   *  neighbours: keys + raw co-purchase counts), else "none". */
  behaviour: 'co-purchase' | 'none';
  shards: ManifestShard[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSha = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

/** Checks the shape of a parsed manifest; `source` names it in errors. */
export function parseManifest(value: unknown, source: string): Manifest {
  const fail = (why: string): never => {
    throw new EdgeRerankError('index', `index manifest ${source}: ${why}`);
  };
  if (!isObject(value) || value.format !== INDEX_FORMAT) return fail(`not an ${INDEX_FORMAT} manifest`);
  if (value.formatVersion !== INDEX_FORMAT_VERSION) {
    const older = OLDER_FORMATS[value.formatVersion as number];
    fail(
      `format version ${String(value.formatVersion)}, this reader knows ${INDEX_FORMAT_VERSION}` +
        (older ? ` (${older}): rebuild the index with this version of edge-rerank-index build` : ''),
    );
  }
  const model = value.model;
  if (!isObject(model) || typeof model.id !== 'string' || !isSha(model.sha256) || (model.dtype !== 'q8' && model.dtype !== 'fp32')) {
    fail('model must have id, sha256 and dtype (q8|fp32)');
  }
  if (isObject(model) && model.arithmetic !== undefined && model.arithmetic !== 'float32' && model.arithmetic !== 'int8') {
    fail(`model arithmetic ${String(model.arithmetic)} is not float32 or int8`);
  }
  if (isObject(model) && model.pooling !== undefined && !['graph', 'mean', 'cls', 'max'].includes(String(model.pooling))) {
    fail(`model pooling ${String(model.pooling)} is not graph, mean, cls or max`);
  }
  if (!isCount(value.dim) || value.dim === 0) fail('dim must be a positive integer');
  if (value.vectorDtype !== 'int8') fail(`vectorDtype ${String(value.vectorDtype)} is not supported`);
  if (!isCount(value.textTemplateVersion)) fail('textTemplateVersion missing');
  if (value.shardHash !== 'fnv1a32') fail(`shardHash ${String(value.shardHash)} is not supported`);
  if (!isCount(value.count)) fail('count missing');
  if (value.behaviour !== 'co-purchase' && value.behaviour !== 'none') fail('behaviour must be co-purchase or none');
  const shards = value.shards;
  if (!Array.isArray(shards) || shards.length === 0) return fail('no shards listed');
  let total = 0;
  shards.forEach((s: unknown, i) => {
    if (!isObject(s) || typeof s.file !== 'string' || !isSha(s.sha256) || !isCount(s.count) || !isCount(s.bytes)) {
      fail(`shard ${i} must have file, sha256, count and bytes`);
    } else {
      if (s.file.startsWith('/') || s.file.includes('..') || s.file.includes(':'))
        fail(`shard ${i} file ${s.file} leaves the index folder`);
      total += s.count;
    }
  });
  if (total !== value.count) fail(`shards hold ${total} items but count says ${String(value.count)}`);
  const parsed = value as unknown as Manifest;
  return { ...parsed, model: { ...parsed.model, arithmetic: parsed.model.arithmetic ?? 'float32' } };
}
