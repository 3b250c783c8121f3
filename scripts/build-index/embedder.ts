// Embeds item texts with onnxruntime-node and the same tokenizer and model
// folder the browser loads, so index vectors match the widget's own.
//
// Texts are grouped by token count and each group runs unpadded, with the
// row count rounded up (ROW_MULTIPLE): an item's vector then depends only on
// its own tokens, never on which other items share its batch. That is what
// makes the output byte-identical whatever --batch or --shard split was used.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';
import { poolHidden, poolingModeOf, POOLING_CONFIG_FILE, type PoolingMode } from '../../src/model/pooling.ts';
import type { EncoderPooling } from '../../src/model/types.ts';
import { l2NormalizeInPlace } from '../../src/vector/l2.ts';
import type { Arithmetic, IndexDevice, ModelDtype, ResolvedDevice } from './build-settings.ts';
import { createSession, cudaBinariesInstalled } from './device.ts';
import { withInt8Arithmetic } from './int8-arithmetic.ts';
import { loadTokenizer } from './item-tokenizer.ts';
import { defaultTokenizerWorkers, openTokenizerPool, type TokenizerPool } from './tokenizer-pool.ts';

export interface EmbedderOptions {
  /** The model folder the browser loads (tokenizer.json, config.json, onnx/). */
  modelDir: string;
  dtype: ModelDtype;
  device: IndexDevice;
  /** Default float32. int8 needs dtype q8 and the CPU (device cpu or auto). */
  arithmetic?: Arithmetic | undefined;
  /** onnxruntime intra-op threads; its default (all cores) when absent. */
  threads?: number | undefined;
  /** Tokenizer worker threads; by default all cores but two (none on small machines). */
  tokenizerWorkers?: number | undefined;
  /** Told which devices `auto` tried and why it chose one. */
  log?: ((line: string) => void) | undefined;
}

export interface Embedder {
  readonly modelId: string;
  readonly modelSha256: string;
  readonly dtype: ModelDtype;
  readonly arithmetic: Arithmetic;
  /** As the browser's encoder reports it: 'graph', or how last_hidden_state is pooled. */
  readonly pooling: EncoderPooling;
  readonly dim: number;
  readonly device: ResolvedDevice;
  /** One L2-normalised vector per text, in input order. */
  embed(texts: string[], batchSize: number, onProgress?: (embedded: number) => void): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export function modelFile(modelDir: string, dtype: ModelDtype): string {
  return join(modelDir, 'onnx', dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The model's id as the browser reports it (config.json's edge_rerank.model_id), else the folder name. */
export function modelIdOf(modelDir: string): string {
  for (const name of ['edge-rerank.json', 'config.json']) {
    const path = join(modelDir, name);
    if (!existsSync(path)) continue;
    try {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      const own = json.edge_rerank as Record<string, unknown> | undefined; // written by build:model
      for (const value of [own?.model_id, json.modelId, json.model_id, json._name_or_path]) {
        if (typeof value === 'string' && value) return value;
      }
    } catch {
      /* fall through to the folder name */
    }
  }
  return `edge-rerank/${basename(resolve(modelDir))}`;
}

/** The sha256 build:model recorded for the ONNX file in config.json, if any. */
function recordedSha256(modelDir: string, dtype: ModelDtype): string | undefined {
  try {
    const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as { edge_rerank?: { sha256?: Record<string, string> } };
    return config.edge_rerank?.sha256?.[dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'];
  } catch {
    return undefined;
  }
}

/** Rows per run are padded to a multiple of this (repeating the last row,
 *  whose copies are dropped). Measured here with onnxruntime-node 1.30 on an
 *  AVX-512 CPU: with 1, 7 or 13 rows a row's vector differs in the last bits
 *  from the same row run among 64 (MLAS takes another kernel path for the
 *  leftover rows); with every run a multiple of 4 rows, 1000 items gave
 *  identical bits at batch 1, 7, 64 and 256, with 1 or 2 threads and in other
 *  company. 8 leaves a margin for CPUs with wider row blocks. */
export const ROW_MULTIPLE = 8;

/** The pooling a last_hidden_state model asks for in its folder, as the browser's encoder reads it. */
function poolingOf(modelDir: string): PoolingMode {
  const path = join(modelDir, POOLING_CONFIG_FILE);
  if (!existsSync(path)) return 'mean';
  try {
    return poolingModeOf(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return 'mean'; // as the browser: an unreadable file means the default
  }
}

/** What the probe learns about the output: per-token (pooled here) or per-text (pooled by the graph). */
interface OutputShape {
  perToken?: boolean;
}

async function runGroup(
  session: ort.InferenceSession,
  outputName: string,
  pooling: PoolingMode,
  realRows: BigInt64Array[],
  shape: OutputShape = {},
): Promise<Float32Array[]> {
  const rows = [...realRows];
  while (rows.length % ROW_MULTIPLE) rows.push(realRows[realRows.length - 1] as BigInt64Array);
  const length = rows[0]?.length ?? 0;
  const ids = new BigInt64Array(rows.length * length);
  rows.forEach((row, i) => ids.set(row, i * length));
  const mask = new BigInt64Array(rows.length * length).fill(1n);
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', ids, [rows.length, length]),
    attention_mask: new ort.Tensor('int64', mask, [rows.length, length]),
  };
  // BERT-family models also take segment ids: one segment, zeros, as transformers.js feeds them.
  if (session.inputNames.includes('token_type_ids')) {
    feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(rows.length * length), [rows.length, length]);
  }
  const out = (await session.run(feeds))[outputName];
  if (!out) throw new EdgeRerankError('model-load', `model has no output ${outputName}`);
  // A model without pooling in its graph (last_hidden_state [rows, seq, dim],
  // most hub models) is pooled as the browser's encoder pools it; rows here
  // are unpadded, so every position is a real token.
  shape.perToken = out.dims.length === 3;
  const data = shape.perToken
    ? poolHidden(pooling, out.data as Float32Array, mask, rows.length, length, Number(out.dims[2]))
    : (out.data as Float32Array);
  const dim = data.length / rows.length;
  const vectors: Float32Array[] = [];
  for (let i = 0; i < realRows.length; i++) {
    const v = data.slice(i * dim, (i + 1) * dim);
    // The graph already L2-normalises; normalise again so a vector is unit
    // length whatever rounding the provider did.
    l2NormalizeInPlace(v);
    vectors.push(v);
  }
  for (const t of Object.values(feeds)) t.dispose();
  out.dispose();
  return vectors;
}

async function embedAll(
  session: ort.InferenceSession,
  outputName: string,
  pooling: PoolingMode,
  pool: TokenizerPool,
  texts: string[],
  batchSize: number,
  onProgress?: (embedded: number) => void,
  shape?: OutputShape,
): Promise<Float32Array[]> {
  const tokens = await pool.tokenize(texts);
  const byLength = new Map<number, number[]>();
  tokens.forEach((row, i) => {
    const group = byLength.get(row.length);
    if (group) group.push(i);
    else byLength.set(row.length, [i]);
  });
  const vectors: Float32Array[] = new Array(texts.length);
  let done = 0;
  for (const [, indices] of [...byLength].sort((a, b) => a[0] - b[0])) {
    for (let start = 0; start < indices.length; start += batchSize) {
      const batch = indices.slice(start, start + batchSize);
      const out = await runGroup(
        session,
        outputName,
        pooling,
        batch.map((i) => tokens[i] as BigInt64Array),
        shape,
      );
      batch.forEach((textIndex, k) => (vectors[textIndex] = out[k] as Float32Array));
      done += batch.length;
      onProgress?.(done);
    }
  }
  return vectors;
}

const PROBE_TEXTS = Array.from({ length: 32 }, (_, i) => `Probe item ${i}: nitrile examination gloves, powder free, box of 100`);

export async function openEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const dir = resolve(options.modelDir);
  const file = modelFile(dir, options.dtype);
  if (!existsSync(file)) {
    throw new EdgeRerankError('model-load', `model file ${file} not found (run npm run build:model, or pass --model DIR)`);
  }
  const arithmetic = options.arithmetic ?? 'float32';
  if (arithmetic === 'int8' && options.dtype !== 'q8') {
    throw new EdgeRerankError('input', '--arithmetic int8 computes with the int8 weights: it needs --dtype q8');
  }
  if (arithmetic === 'int8' && options.device !== 'cpu' && options.device !== 'auto') {
    // Its integer kernels are onnxruntime's CPU ones; a GPU provider would hand them back to the CPU.
    throw new EdgeRerankError('input', `--arithmetic int8 runs on the CPU: use --device cpu (or auto), not ${options.device}`);
  }
  const [tokenizer, modelSha256] = await Promise.all([loadTokenizer(dir), sha256File(file)]);
  const recorded = recordedSha256(dir, options.dtype);
  if (recorded && recorded !== modelSha256) {
    // The browser refuses such a file too: an index built from it would never be used.
    throw new EdgeRerankError(
      'model-load',
      `${file}: sha256 ${modelSha256} does not match ${recorded} recorded in ${join(dir, 'config.json')}`,
    );
  }
  const log = options.log ?? (() => {});
  const pool = await openTokenizerPool(tokenizer, dir, options.tokenizerWorkers ?? defaultTokenizerWorkers());
  try {
    return await openWithPool(options, file, modelSha256, pool, log);
  } catch (err) {
    await pool.close();
    throw err;
  }
}

async function openWithPool(
  options: EmbedderOptions,
  file: string,
  modelSha256: string,
  pool: TokenizerPool,
  log: (line: string) => void,
): Promise<Embedder> {
  const dir = resolve(options.modelDir);
  const arithmetic = options.arithmetic ?? 'float32';
  const pooling = poolingOf(dir); // used only when the graph outputs last_hidden_state
  let graph: string | Uint8Array = file;
  if (arithmetic === 'int8') {
    const int8 = withInt8Arithmetic(await readFile(file), file);
    log(`arithmetic int8: ${int8.rewritten} weight MatMuls on integer kernels`);
    graph = int8.bytes;
  }

  const tryDevice = async (device: ResolvedDevice) => {
    const session = await createSession(graph, device, options.threads);
    const outputName = session.outputNames.includes('sentence_embedding') ? 'sentence_embedding' : (session.outputNames[0] as string);
    let probe: Float32Array[];
    let started: number;
    const shape: OutputShape = {};
    try {
      // The first run compiles kernels (shaders on a GPU): time the second.
      await embedAll(session, outputName, pooling, pool, PROBE_TEXTS, PROBE_TEXTS.length);
      started = performance.now();
      probe = await embedAll(session, outputName, pooling, pool, PROBE_TEXTS, PROBE_TEXTS.length, undefined, shape);
    } catch (err) {
      await session.release();
      throw new EdgeRerankError('backend', `device ${device} failed on a probe batch: ${messageOf(err)}`, { cause: err });
    }
    const encoderPooling: EncoderPooling = shape.perToken ? pooling : 'graph';
    return { session, outputName, device, dim: probe[0]?.length ?? 0, pooling: encoderPooling, ms: performance.now() - started };
  };

  let chosen: Awaited<ReturnType<typeof tryDevice>>;
  if (options.device !== 'auto' || arithmetic === 'int8') {
    chosen = await tryDevice(options.device === 'auto' ? 'cpu' : options.device);
  } else {
    // Fastest that works: a software GPU adapter can be far slower than the CPU.
    const candidates: ResolvedDevice[] = [...(cudaBinariesInstalled() ? (['cuda'] as const) : []), 'webgpu', 'cpu'];
    const working: Awaited<ReturnType<typeof tryDevice>>[] = [];
    for (const device of candidates) {
      try {
        const result = await tryDevice(device);
        working.push(result);
        log(`device ${device}: probe of ${PROBE_TEXTS.length} texts in ${result.ms.toFixed(0)} ms`);
      } catch (err) {
        log(`device ${device}: not usable (${messageOf(err).split('\n')[0]})`);
      }
    }
    working.sort((a, b) => a.ms - b.ms);
    const best = working[0];
    if (!best) throw new EdgeRerankError('backend', 'no execution provider works here (tried cuda, webgpu, cpu)');
    for (const other of working.slice(1)) await other.session.release();
    chosen = best;
  }
  log(`device ${chosen.device} chosen${pool.workers ? `, ${pool.workers} tokenizer workers` : ''}`);
  const { session, outputName } = chosen;
  return {
    modelId: modelIdOf(dir),
    modelSha256,
    dtype: options.dtype,
    arithmetic,
    pooling: chosen.pooling,
    dim: chosen.dim,
    device: chosen.device,
    embed: (texts, batchSize, onProgress) => embedAll(session, outputName, pooling, pool, texts, Math.max(1, batchSize), onProgress),
    dispose: async () => {
      await pool.close();
      await session.release();
    },
  };
}
