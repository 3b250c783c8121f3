// The USE-lite encoder's weights as plain arrays, named by what they do rather
// than by TF graph paths. Read from the TF.js package (the real model) or made
// up at small random sizes (the tiny model for fast tests): the ONNX builder
// takes either.
import type { TfjsTensor } from './tfjs-weights.ts';

/** y = x·w + b with w stored [inDim, outDim], row-major. */
export interface Dense {
  w: Float32Array;
  b: Float32Array;
  inDim: number;
  outDim: number;
}

export interface LayerNormWeights {
  scale: Float32Array;
  bias: Float32Array;
}

export interface TransformerLayerWeights {
  inDim: number;
  outDim: number;
  heads: number;
  /** q is multiplied by this before q·kᵀ (1/√headDim in the original). */
  queryScale: number;
  attentionNorm: LayerNormWeights;
  qkv: Dense;
  attentionOut: Dense;
  /** Layer 0 widens 256 → 512: its residual goes through this dense layer. */
  residual?: Dense | undefined;
  ffnNorm: LayerNormWeights;
  ffnIn: Dense;
  ffnOut: Dense;
}

export interface UseLiteWeights {
  vocabSize: number;
  embedDim: number;
  outputDim: number;
  maxLength: number;
  layerNormEpsilon: number;
  /** [vocabSize, embedDim] */
  embeddings: Float32Array;
  /** [embedDim / 2]: the tensor2tensor timing signal's inverse timescales. */
  invTimescales: Float32Array;
  layers: TransformerLayerWeights[];
  /** tanh(pooled·w + b) */
  pooler: Dense;
}

const ROOT = 'module_apply_default/Encoder_en/KonaTransformer/Encode';
const STACK = `${ROOT}/TransformerStack`;

function get(weights: Map<string, TfjsTensor>, name: string): TfjsTensor {
  const t = weights.get(name);
  if (!t) throw new Error(`TF.js model has no weight "${name}"`);
  return t;
}

function floats(weights: Map<string, TfjsTensor>, name: string): Float32Array {
  const t = get(weights, name);
  if (!(t.data instanceof Float32Array)) throw new Error(`weight "${name}" is not float32`);
  return t.data;
}

function scalar(weights: Map<string, TfjsTensor>, name: string): number {
  const v = get(weights, name).data[0];
  if (v === undefined) throw new Error(`weight "${name}" is empty`);
  return v;
}

/** A kernel of any rank whose last two dims are [in, out] (conv 1×1 kernels included). */
function dense(weights: Map<string, TfjsTensor>, kernel: string, bias: string): Dense {
  const k = get(weights, kernel);
  const inDim = k.shape[k.shape.length - 2];
  const outDim = k.shape[k.shape.length - 1];
  if (inDim === undefined || outDim === undefined) throw new Error(`weight "${kernel}" is not a matrix`);
  const b = floats(weights, bias);
  if (b.length !== outDim) throw new Error(`bias "${bias}" has ${b.length} values, kernel has ${outDim} outputs`);
  return { w: floats(weights, kernel), b, inDim, outDim };
}

function norm(weights: Map<string, TfjsTensor>, prefix: string): LayerNormWeights {
  return {
    scale: floats(weights, `${prefix}/layer_norm_scale/ConcatPartitions/concat`),
    bias: floats(weights, `${prefix}/layer_norm_bias/ConcatPartitions/concat`),
  };
}

function layer(weights: Map<string, TfjsTensor>, i: number, heads: number): TransformerLayerWeights {
  const L = `${ROOT}/Layer_${i}/TransformerLayer`;
  const S = `${STACK}/Layer_${i}/TransformerLayer`;
  const qkvKernel = `module/Encoder_en/KonaTransformer/Encode/Layer_${i}/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0`;
  const outKernel = `module/Encoder_en/KonaTransformer/Encode/Layer_${i}/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0`;
  const qkv = dense(weights, qkvKernel, `${L}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`);
  const attentionOut = dense(weights, outKernel, `${L}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`);
  const residualKernel = `${L}/dense/kernel/ConcatPartitions/concat`;
  const residual = weights.has(residualKernel) ? dense(weights, residualKernel, `${L}/dense/bias/ConcatPartitions/concat`) : undefined;
  return {
    inDim: qkv.inDim,
    outDim: attentionOut.outDim,
    heads,
    queryScale: scalar(weights, `${S}/MultiheadAttention/mul/y`),
    attentionNorm: norm(weights, `${L}/layer_prepostprocess/layer_norm`),
    qkv,
    attentionOut,
    residual,
    ffnNorm: norm(weights, `${L}/FFN/layer_prepostprocess/layer_norm`),
    ffnIn: dense(weights, `${S}/FFN/conv1/Tensordot/Reshape_1`, `${L}/FFN/conv1/bias/ConcatPartitions/concat`),
    ffnOut: dense(weights, `${S}/FFN/conv2/Tensordot/Reshape_1`, `${L}/FFN/conv2/bias/ConcatPartitions/concat`),
  };
}

/** Maps the TF.js USE-lite graph's weights onto the encoder's structure. */
export function useLiteFromTfjs(weights: Map<string, TfjsTensor>): UseLiteWeights {
  const emb = get(weights, 'module/Embeddings_en');
  const [vocabSize, embedDim] = emb.shape;
  if (vocabSize === undefined || embedDim === undefined) throw new Error('embedding table is not a matrix');
  const heads = scalar(weights, `${STACK}/Layer_1/TransformerLayer/MultiheadAttention/split_heads/split_last_dimension/Reshape/shape/2`);
  const layers = [0, 1].map((i) => layer(weights, i, heads));
  const pooler = dense(
    weights,
    'module/Encoder_en/hidden_layers/tanh_layer_0/weights',
    'module/Encoder_en/hidden_layers/tanh_layer_0/bias',
  );
  return {
    vocabSize,
    embedDim,
    outputDim: pooler.outDim,
    maxLength: scalar(weights, 'module_apply_default/Encoder_en/KonaTransformer/ClipToMaxLength/Less/y'),
    layerNormEpsilon: scalar(weights, `${STACK}/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/Cast/x`),
    embeddings: emb.data as Float32Array,
    invTimescales: floats(weights, `${STACK}/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`),
    layers,
    pooler,
  };
}

export interface TinyShape {
  vocabSize: number;
  embedDim: number;
  hiddenDim: number;
  heads: number;
  ffnDim: number;
  maxLength: number;
}

/** Small random weights in the same structure, from a seed (tests only). */
export function randomUseLite(shape: TinyShape, seed = 1): UseLiteWeights {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    // xorshift32: deterministic, no dependency
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000 - 0.5;
  };
  const arr = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => rand() * scale);
  const mk = (inDim: number, outDim: number): Dense => ({
    w: arr(inDim * outDim, 2 / Math.sqrt(inDim)),
    b: arr(outDim, 0.1),
    inDim,
    outDim,
  });
  const ln = (n: number): LayerNormWeights => ({ scale: Float32Array.from(arr(n, 0.2), (v) => 1 + v), bias: arr(n, 0.1) });
  const mkLayer = (inDim: number, residual: boolean): TransformerLayerWeights => ({
    inDim,
    outDim: shape.hiddenDim,
    heads: shape.heads,
    queryScale: 1 / Math.sqrt(inDim / shape.heads),
    attentionNorm: ln(inDim),
    qkv: mk(inDim, 3 * inDim),
    attentionOut: mk(inDim, shape.hiddenDim),
    residual: residual ? mk(inDim, shape.hiddenDim) : undefined,
    ffnNorm: ln(shape.hiddenDim),
    ffnIn: mk(shape.hiddenDim, shape.ffnDim),
    ffnOut: mk(shape.ffnDim, shape.hiddenDim),
  });
  const half = shape.embedDim / 2;
  return {
    vocabSize: shape.vocabSize,
    embedDim: shape.embedDim,
    outputDim: shape.hiddenDim,
    maxLength: shape.maxLength,
    layerNormEpsilon: 1e-6,
    embeddings: arr(shape.vocabSize * shape.embedDim, 1),
    invTimescales: Float32Array.from({ length: half }, (_, i) => Math.exp((-Math.log(1e4) * i) / Math.max(half - 1, 1))),
    layers: [mkLayer(shape.embedDim, true), mkLayer(shape.hiddenDim, false)],
    pooler: mk(shape.hiddenDim, shape.hiddenDim),
  };
}
