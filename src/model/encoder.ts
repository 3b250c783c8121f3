// loadEncoder: any transformers.js feature-extraction model (the embedded
// USE-lite default, or e.g. Xenova/all-MiniLM-L6-v2 when a shop opts into the
// hub) as a Encoder, in Node (device "cpu", onnxruntime-node) and in a
// browser worker (device "wasm" | "webgpu", onnxruntime-web).
// Every model file config.json records (itself, the tokenizer files, the ONNX
// file) is read and sha256-checked here before anything uses it
// (verified-files.ts); transformers.js then gets the same bytes through the
// handover cache.
import { EdgeRerankError, messageOf } from '../errors.ts';
import { HandoverCache } from './handover-cache.ts';
import { modelFileReader, parseJsonFile } from './model-files.ts';
import { readModelFiles, type OnnxChoice } from './verified-files.ts';
import { modelFileLocation, resolveModelSource, type ModelSource } from './model-source.ts';
import { maxTokensOf } from './max-tokens.ts';
import { wasmThreads } from './wasm-threads.ts';
import { poolHidden, poolingModeOf, POOLING_CONFIG_FILE, type PoolingMode } from './pooling.ts';
import { l2NormalizeRows } from '../vector/l2.ts';
import type { EncoderDevice, EncoderDtype, EncoderOptions, EncoderPooling, Encoder } from './types.ts';

/** Texts per model call: bounds memory; texts are sorted by length first so
 *  each batch pads little. */
const BATCH_SIZE = 32;

type Transformers = typeof import('@huggingface/transformers');
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Transformers['AutoModel']['from_pretrained']>>;
interface TensorLike {
  data: ArrayLike<number | bigint>;
  dims: number[];
  dispose?: () => void;
}

const handover = new HandoverCache();
// transformers.js's env is global: loads run one at a time.
let loadQueue: Promise<unknown> = Promise.resolve();

const Q8_FILE = 'onnx/model_quantized.onnx';
/** The file transformers.js loads for its dtype "int8". */
const INT8_FILE = 'onnx/model_int8.onnx';

function onnxFileName(dtype: EncoderDtype): string {
  return dtype === 'q8' ? Q8_FILE : 'onnx/model.onnx';
}

/** The q8 weights in integer arithmetic when asked for and the folder offers them (build:model's folders do);
 *  else the dtype's own file. */
function chooseOnnx(options: EncoderOptions): OnnxChoice {
  return (config) => {
    const int8 = config.edge_rerank?.int8_arithmetic;
    const recorded = config.edge_rerank?.sha256 ?? {};
    const offered = int8?.file === INT8_FILE && int8.weights_of === Q8_FILE && !!recorded[INT8_FILE] && !!recorded[Q8_FILE];
    if (options.dtype === 'q8' && options.arithmetic === 'int8' && offered) return { file: INT8_FILE, identityOf: Q8_FILE };
    return { file: onnxFileName(options.dtype) };
  };
}

function checkOptions(o: EncoderOptions): void {
  if (!['cpu', 'wasm', 'webgpu'].includes(o.device))
    throw new EdgeRerankError('input', `device "${String(o.device)}": use cpu, wasm or webgpu`);
  if (!['fp32', 'q8'].includes(o.dtype)) throw new EdgeRerankError('input', `dtype "${String(o.dtype)}": use fp32 or q8`);
  if (o.arithmetic !== undefined && !['float', 'int8'].includes(o.arithmetic))
    throw new EdgeRerankError('input', `arithmetic "${String(o.arithmetic)}": use float or int8`);
}

function locationBase(): string | undefined {
  const loc = (globalThis as { location?: { href?: string } }).location;
  return typeof loc?.href === 'string' && /^https?:/.test(loc.href) ? loc.href : undefined;
}

function message(err: unknown): string {
  return messageOf(err);
}

export function loadEncoder(options: EncoderOptions): Promise<Encoder> {
  const run = loadQueue.then(() => load(options));
  loadQueue = run.catch(() => undefined);
  return run;
}

/** Where load time goes (ms): read + verify files, tokenizer, ONNX session
 *  (on a worker's first session this includes compiling ORT's wasm), probe run. */
export interface LoadTimings {
  filesMs: number;
  tokenizerMs: number;
  sessionMs: number;
  probeMs: number;
}

async function load(options: EncoderOptions): Promise<Encoder> {
  const t0 = performance.now();
  checkOptions(options);
  const source = resolveModelSource(options.model, locationBase());
  const tf = await import('@huggingface/transformers');
  configureEnv(tf, source, options.wasmPaths);

  const reader = modelFileReader();
  const locate = (file: string) => modelFileLocation(source, file, tf.env.remoteHost);
  const files = await readModelFiles(reader, locate, chooseOnnx(options));
  const int8Arithmetic = files.onnx.file === INT8_FILE;
  const id = source.kind === 'hub' ? source.id : source.path;
  // transformers.js reads the checked bytes from memory: nothing is downloaded twice or used unchecked.
  for (const f of files.checked) handover.hand(f.location, id, f.file, f.bytes);
  const t1 = performance.now();
  let t2: number;
  let tokenizer: Tokenizer;
  let model: Model;
  try {
    tokenizer = await loadTokenizer(tf, id, locate('tokenizer.json'));
    await options.runtime?.catch(() => undefined);
    t2 = performance.now();
    const dtype = int8Arithmetic ? 'int8' : options.dtype;
    model = await loadModel(
      tf,
      id,
      { ...options, dtype },
      files.onnx.location,
      files.config.edge_rerank?.sha256?.[files.onnx.file] !== undefined,
    );
  } finally {
    for (const f of files.checked) handover.release(f.location);
  }
  const t3 = performance.now();

  const encoder = new TransformersEncoder(tokenizer, model, {
    modelId: files.config.edge_rerank?.model_id ?? source.label,
    modelSha256: files.modelSha256,
    device: options.device,
    onnxLocation: files.onnx.location,
  });
  encoder.arithmetic = int8Arithmetic ? 'int8' : 'float';
  await encoder.probe(files.config.vocab_size, locate('tokenizer.json'));
  if (!encoder.pooledInGraph) {
    // Only models without pooling in their graph ask for the file (most folders lack it: mean then).
    const location = locate(POOLING_CONFIG_FILE);
    encoder.hiddenPooling = await reader.read(location).then(
      (bytes) => poolingModeOf(parseJsonFile(bytes, location)),
      () => 'mean' as const,
    );
  }
  const ms = (x: number) => +x.toFixed(1);
  encoder.loadTimings = { filesMs: ms(t1 - t0), tokenizerMs: ms(t2 - t1), sessionMs: ms(t3 - t2), probeMs: ms(performance.now() - t3) };
  return encoder;
}

function loadTokenizer(tf: Transformers, id: string, location: string): Promise<Tokenizer> {
  return tf.AutoTokenizer.from_pretrained(id).catch((err: unknown) => {
    throw new EdgeRerankError('model-load', `${location}: cannot load the tokenizer (${message(err)})`, { cause: err });
  });
}

function loadModel(
  tf: Transformers,
  id: string,
  options: Omit<EncoderOptions, 'dtype'> & { dtype: EncoderDtype | 'int8' },
  onnxLocation: string,
  verified: boolean,
): Promise<Model> {
  return tf.AutoModel.from_pretrained(id, {
    device: options.device,
    dtype: options.dtype,
    // Fold the int8 DequantizeLinear nodes at load: int8 download, fp32 speed (docs/PLATFORM-NOTES.md, int8 weights).
    session_options: { extra: { session: { disable_quant_qdq: '1' } } },
  } as Parameters<Transformers['AutoModel']['from_pretrained']>[1]).catch((err: unknown) => {
    // A verified file that WebGPU cannot run is a backend problem: the widget retries on WASM.
    const code = options.device === 'webgpu' && verified ? 'backend' : 'model-load';
    throw new EdgeRerankError(code, `${onnxLocation}: onnxruntime cannot load it on ${options.device} (${message(err)})`, { cause: err });
  });
}

function configureEnv(tf: Transformers, source: ModelSource, wasmPaths: EncoderOptions['wasmPaths']): void {
  const env = tf.env;
  env.allowLocalModels = source.kind === 'folder';
  // Only a hub id the user chose may reach the network beyond the origin.
  env.allowRemoteModels = source.kind === 'hub';
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useCustomCache = true;
  env.customCache = handover;
  const wasm = env.backends.onnx.wasm;
  if (wasm && wasmPaths) wasm.wasmPaths = typeof wasmPaths === 'string' ? wasmPaths : { ...wasmPaths };
  if (wasm && wasm.numThreads === undefined) wasm.numThreads = wasmThreads();
}

interface EncoderFacts {
  modelId: string;
  modelSha256: string;
  device: EncoderDevice;
  onnxLocation: string;
}

class TransformersEncoder implements Encoder {
  readonly modelId: string;
  readonly modelSha256: string;
  readonly device: EncoderDevice;
  dim = 0;
  /** Not part of the Encoder contract: for benchmarks and diagnostics. */
  loadTimings: LoadTimings | null = null;
  /** How the weight MatMuls are computed: 'int8' when the folder's integer-arithmetic file runs. */
  arithmetic: 'float' | 'int8' = 'float';
  /** Whether the graph outputs sentence_embedding (learned by the probe). */
  pooledInGraph = false;
  /** How last_hidden_state is pooled when the graph does not pool. */
  hiddenPooling: PoolingMode = 'mean';

  get pooling(): EncoderPooling {
    return this.pooledInGraph ? 'graph' : this.hiddenPooling;
  }
  readonly #tokenizer: Tokenizer;
  readonly #model: Model;
  readonly #onnxLocation: string;
  readonly #maxTokens: number;
  #disposed = false;

  constructor(tokenizer: Tokenizer, model: Model, facts: EncoderFacts) {
    this.#tokenizer = tokenizer;
    this.#model = model;
    this.modelId = facts.modelId;
    this.modelSha256 = facts.modelSha256;
    this.device = facts.device;
    this.#onnxLocation = facts.onnxLocation;
    this.#maxTokens = maxTokensOf(tokenizer);
  }

  /** Runs the highest token id once: learns the output size and proves the
   *  tokenizer fits the model (an id past the embedding table fails here, not
   *  on a shopper's query). */
  async probe(configVocabSize: number | undefined, tokenizerLocation: string): Promise<void> {
    const vocab = this.#tokenizer.get_vocab();
    let maxId = 0;
    for (const id of vocab.values()) maxId = Math.max(maxId, id);
    const fail = (why: string): never => {
      throw new EdgeRerankError('model-load', `${tokenizerLocation} does not fit ${this.#onnxLocation}: ${why}`);
    };
    if (configVocabSize !== undefined && maxId >= configVocabSize) {
      fail(`token ids reach ${maxId}, the model has ${configVocabSize} embeddings`);
    }
    const { dims } = await this.#run([[maxId]]).catch((err: unknown) => fail(message(err)));
    const dim = dims[dims.length - 1];
    if (!dim) fail('the model returned no embedding');
    this.dim = dim!;
  }

  /** One model call at a time: ORT sessions are not safe to run concurrently
   *  (WebGPU and WASM alike), and callers (reranks, prefetches) may overlap. */
  #queue: Promise<unknown> = Promise.resolve();

  embed(texts: string[]): Promise<Float32Array> {
    const run = this.#queue.then(() => this.#embedNow(texts));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #embedNow(texts: string[]): Promise<Float32Array> {
    if (this.#disposed) throw new EdgeRerankError('model-load', `${this.#onnxLocation}: the encoder was disposed`);
    const out = new Float32Array(texts.length * this.dim);
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    for (let start = 0; start < order.length; start += BATCH_SIZE) {
      const rows = order.slice(start, start + BATCH_SIZE);
      const enc = this.#tokenizer(
        rows.map((i) => texts[i]!),
        {
          padding: true,
          truncation: true,
          max_length: this.#maxTokens,
          add_special_tokens: true,
        },
      ) as { input_ids: TensorLike; attention_mask: TensorLike };
      const { data } = await this.#forward(enc.input_ids, enc.attention_mask);
      rows.forEach((row, k) => out.set(data.subarray(k * this.dim, (k + 1) * this.dim), row * this.dim));
    }
    return out;
  }

  /** For the probe: ids without the tokenizer. */
  async #run(batch: number[][]): Promise<{ dims: number[] }> {
    const tf = await import('@huggingface/transformers');
    const seq = Math.max(1, ...batch.map((r) => r.length));
    const ids = new BigInt64Array(batch.length * seq);
    const mask = new BigInt64Array(batch.length * seq);
    batch.forEach((r, b) =>
      r.forEach((id, s) => {
        ids[b * seq + s] = BigInt(id);
        mask[b * seq + s] = 1n;
      }),
    );
    const result = await this.#forward(new tf.Tensor('int64', ids, [batch.length, seq]), new tf.Tensor('int64', mask, [batch.length, seq]));
    return { dims: [batch.length, result.data.length / batch.length] };
  }

  async #forward(inputIds: TensorLike, attentionMask: TensorLike): Promise<{ data: Float32Array }> {
    const output = (await (this.#model as unknown as (feeds: object) => Promise<Record<string, TensorLike>>)({
      input_ids: inputIds,
      attention_mask: attentionMask,
    })) as Record<string, TensorLike | undefined>;
    const [batch = 0, seq = 0] = attentionMask.dims;
    const pooled = output.sentence_embedding;
    let data: Float32Array;
    this.pooledInGraph = pooled !== undefined;
    if (pooled) {
      data = Float32Array.from(pooled.data as ArrayLike<number>);
      l2NormalizeRows(data, data.length / Math.max(batch, 1));
    } else {
      const hidden = output.last_hidden_state;
      if (!hidden)
        throw new EdgeRerankError('model-load', `${this.#onnxLocation}: outputs neither sentence_embedding nor last_hidden_state`);
      const dim = hidden.dims[2] ?? 0;
      data = l2NormalizeRows(poolHidden(this.hiddenPooling, hidden.data as Float32Array, attentionMask.data, batch, seq, dim), dim);
    }
    for (const t of Object.values(output)) t?.dispose?.();
    return { data };
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#queue; // let a running call finish before the session goes
    await (this.#model as unknown as { dispose(): Promise<unknown> }).dispose();
  }
}
