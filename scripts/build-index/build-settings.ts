// The builder's settings and their defaults, apart from the code that needs
// onnxruntime-node: the CLI reads them to parse and explain its options
// without loading the runtime.
import { EdgeRerankError } from '../../src/errors.ts';
import { TARGET_ITEMS_PER_SHARD } from '../../src/index/shard-of.ts';

export { DEFAULT_MODEL_DIR } from '../package-root.ts';

export type IndexDevice = 'auto' | 'cuda' | 'webgpu' | 'cpu';
export type ResolvedDevice = Exclude<IndexDevice, 'auto'>;
export const INDEX_DEVICES: readonly IndexDevice[] = ['auto', 'cuda', 'webgpu', 'cpu'];

/** Which file of the model folder: q8 = onnx/model_quantized.onnx, fp32 = onnx/model.onnx. */
export type ModelDtype = 'q8' | 'fp32';
export const MODEL_DTYPES: readonly ModelDtype[] = ['q8', 'fp32'];

/** float32: the browser's arithmetic; int8: the CPU's integer kernels (~2× faster). */
export type Arithmetic = 'float32' | 'int8';
export const ARITHMETICS: readonly Arithmetic[] = ['float32', 'int8'];

export const DEFAULT_BATCH = 64;
/** Large enough that most token-length groups fill whole batches. */
export const DEFAULT_CHECKPOINT_ITEMS = 2048;
export const DEFAULT_ITEMS_PER_SHARD = TARGET_ITEMS_PER_SHARD;

export interface ShardPart {
  /** 0-based part number. */
  index: number;
  /** How many parts in all. */
  count: number;
}

/** "2/8" → { index: 2, count: 8 }. */
export function parseShardPart(value: string): ShardPart {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new EdgeRerankError('input', `--shard ${value}: expected i/n with 0 ≤ i < n, e.g. 0/4`);
  }
  return { index, count };
}
