// Builds the USE-lite encoder as an ONNX graph of standard ops (opset 17) so
// that onnxruntime (Node, WASM, WebGPU) and transformers.js can run it.
// Inputs input_ids / attention_mask [batch, seq] int64, output
// sentence_embedding [batch, outputDim], L2-normalised — what the TF graph
// computes, written densely: the TF graph gathers the real tokens before each
// per-token op and scatters them back, which equals computing every position
// and letting the mask keep padding out of attention (bias −1e9) and pooling.
import onnxProto from 'onnx-proto';
import { quantizeInt8Matrix } from '../../src/vector/int8.ts';
import { int8Embedding, int8MatMul } from './int8-matmul.ts';
import type { Dense, LayerNormWeights, TransformerLayerWeights, UseLiteWeights } from './use-lite-weights.ts';

const { onnx } = onnxProto;
type INode = InstanceType<typeof onnx.NodeProto>;
type ITensor = InstanceType<typeof onnx.TensorProto>;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT8 = onnx.TensorProto.DataType.INT8;
const INT64 = onnx.TensorProto.DataType.INT64;

export interface BuildOptions {
  /** int8 weights (DequantizeLinear → MatMul), fp32 activations. */
  quantized: boolean;
  /** With `quantized`: 'int8' computes the weight MatMuls in integer
   *  arithmetic (int8-matmul.ts) on the same int8 weights; default 'float'. */
  arithmetic?: 'float' | 'int8';
  producerVersion: string;
  /** Tests only: stop before pooling and output `last_hidden_state`
   *  [batch, seq, dim], the shape most hub feature-extraction models have. */
  hiddenStateOnly?: boolean;
  /** Tests only: also require a `token_type_ids` input [batch, seq] (unused),
   *  as BERT-family hub models do. */
  tokenTypeIds?: boolean;
}

type AttrValue = number | number[] | string;

export class GraphBuilder {
  readonly nodes: INode[] = [];
  readonly initializers: ITensor[] = [];
  #count = 0;
  readonly #quantized: boolean;
  readonly #int8Arithmetic: boolean;

  constructor(quantized: boolean, arithmetic: 'float' | 'int8' = 'float') {
    if (arithmetic === 'int8' && !quantized) throw new Error('int8 arithmetic needs the int8 weights (quantized: true)');
    this.#quantized = quantized;
    this.#int8Arithmetic = arithmetic === 'int8';
  }

  op(type: string, inputs: string[], attrs: Record<string, AttrValue> = {}, name?: string, domain?: string): string {
    const out = name ?? `${type.toLowerCase()}_${this.#count++}`;
    const attribute = Object.entries(attrs).map(([key, v]) => {
      if (typeof v === 'string') return { name: key, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) };
      if (Array.isArray(v)) return { name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: v };
      if (Number.isInteger(v) && key !== 'epsilon' && key !== 'alpha')
        return { name: key, type: onnx.AttributeProto.AttributeType.INT, i: v };
      return { name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: v };
    });
    this.nodes.push(
      onnx.NodeProto.create({ opType: type, input: inputs, output: [out], name: out, attribute, ...(domain ? { domain } : {}) }),
    );
    return out;
  }

  floats(name: string, data: Float32Array, dims: number[]): string {
    const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.initializers.push(onnx.TensorProto.create({ name, dataType: FLOAT, dims, rawData: raw }));
    return name;
  }

  ints(name: string, values: number[]): string {
    this.initializers.push(onnx.TensorProto.create({ name, dataType: INT64, dims: [values.length], int64Data: values }));
    return name;
  }

  scalarFloat(name: string, value: number): string {
    this.initializers.push(onnx.TensorProto.create({ name, dataType: FLOAT, dims: [], floatData: [value] }));
    return name;
  }

  /** int8 codes [rows, cols] and one float scale per slice along `axis`, as initializers. */
  int8Matrix(name: string, data: Float32Array, rows: number, cols: number, axis: 0 | 1): { codes: string; scales: string } {
    const q = quantizeInt8Matrix(data, rows, cols, axis);
    const raw = new Uint8Array(q.values.buffer).slice();
    this.initializers.push(onnx.TensorProto.create({ name: `${name}_int8`, dataType: INT8, dims: [rows, cols], rawData: raw }));
    return { codes: `${name}_int8`, scales: this.floats(`${name}_scale`, q.scales, [q.scales.length]) };
  }

  /** A weight matrix [rows, cols]; int8 with per-slice scales when quantizing. */
  matrix(name: string, data: Float32Array, rows: number, cols: number, axis: 0 | 1): string {
    if (!this.#quantized) return this.floats(name, data, [rows, cols]);
    const q = this.int8Matrix(name, data, rows, cols, axis);
    return this.op('DequantizeLinear', [q.codes, q.scales], { axis }, name);
  }

  dense(name: string, x: string, d: Dense): string {
    // Weights before bias: the initializer order (and so model_quantized.onnx's sha256) stays as built before.
    const product = this.#int8Arithmetic
      ? int8MatMul(this, name, x, d)
      : this.op('MatMul', [x, this.matrix(`${name}.weight`, d.w, d.inDim, d.outDim, 1)]);
    return this.op('Add', [product, this.floats(`${name}.bias`, d.b, [d.outDim])]);
  }

  /** Embedding rows for `ids`: [batch, seq, dim]. */
  embed(name: string, table: Float32Array, rows: number, cols: number, ids: string): string {
    // Integer arithmetic: gather the int8 rows first, then dequantize only those (no float table at all).
    if (this.#int8Arithmetic) return int8Embedding(this, name, table, rows, cols, ids);
    return this.op('Gather', [this.matrix(name, table, rows, cols, 0), ids], { axis: 0 });
  }

  layerNorm(name: string, x: string, n: LayerNormWeights, epsilon: number): string {
    const s = this.floats(`${name}.scale`, n.scale, [n.scale.length]);
    const b = this.floats(`${name}.bias`, n.bias, [n.bias.length]);
    return this.op('LayerNormalization', [x, s, b], { axis: -1, epsilon });
  }
}

/** [maxLength, embedDim]: sin(p·inv) ‖ cos(p·inv), in float32 as TF computes it. */
export function timingSignal(invTimescales: Float32Array, maxLength: number): Float32Array {
  const half = invTimescales.length;
  const out = new Float32Array(maxLength * half * 2);
  for (let p = 0; p < maxLength; p++) {
    for (let k = 0; k < half; k++) {
      const t = Math.fround(p * invTimescales[k]!);
      out[p * half * 2 + k] = Math.sin(t);
      out[p * half * 2 + half + k] = Math.cos(t);
    }
  }
  return out;
}

function transformerLayer(g: GraphBuilder, i: number, x: string, L: TransformerLayerWeights, maskBias: string, eps: number): string {
  const p = `layer${i}`;
  const headDim = L.inDim / L.heads;
  const h = g.layerNorm(`${p}.attention_norm`, x, L.attentionNorm, eps);
  const qkv = g.dense(`${p}.qkv`, h, L.qkv);
  const split = g.ints(`${p}.split`, [L.inDim, L.inDim, L.inDim]);
  const q = `${p}.q`;
  const k = `${p}.k`;
  const v = `${p}.v`;
  g.nodes.push(
    onnx.NodeProto.create({
      opType: 'Split',
      input: [qkv, split],
      output: [q, k, v],
      name: `${p}.split`,
      attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }],
    }),
  );
  const headsShape = g.ints(`${p}.heads_shape`, [0, 0, L.heads, headDim]);
  const toHeads = (t: string, perm: number[]): string => g.op('Transpose', [g.op('Reshape', [t, headsShape])], { perm });
  const qh = g.op('Mul', [toHeads(q, [0, 2, 1, 3]), g.scalarFloat(`${p}.query_scale`, L.queryScale)]);
  const kt = toHeads(k, [0, 2, 3, 1]);
  const vh = toHeads(v, [0, 2, 1, 3]);
  const scores = g.op('Add', [g.op('MatMul', [qh, kt]), maskBias]);
  const weights = g.op('Softmax', [scores], { axis: -1 });
  const context = g.op('Transpose', [g.op('MatMul', [weights, vh])], { perm: [0, 2, 1, 3] });
  const merged = g.op('Reshape', [context, g.ints(`${p}.merge_shape`, [0, 0, L.inDim])]);
  const attended = g.dense(`${p}.attention_out`, merged, L.attentionOut);
  const residual = L.residual ? g.dense(`${p}.residual`, x, L.residual) : x;
  const y = g.op('Add', [attended, residual]);
  const f = g.layerNorm(`${p}.ffn_norm`, y, L.ffnNorm, eps);
  const ffn = g.dense(`${p}.ffn_out`, g.op('Relu', [g.dense(`${p}.ffn_in`, f, L.ffnIn)]), L.ffnOut);
  return g.op('Add', [ffn, y]);
}

export function buildUseLiteOnnx(w: UseLiteWeights, options: BuildOptions): Uint8Array {
  const g = new GraphBuilder(options.quantized, options.arithmetic);
  const eps = w.layerNormEpsilon;

  // Inputs longer than maxLength are cut, as the TF graph's ClipToMaxLength does.
  const zero = g.ints('zero', [0]);
  const one = g.ints('one', [1]);
  const maxLen = g.ints('max_length', [w.maxLength]);
  const ids = g.op('Slice', ['input_ids', zero, maxLen, one, one]);
  const mask = g.op('Cast', [g.op('Slice', ['attention_mask', zero, maxLen, one, one])], { to: FLOAT });
  const seqLen = g.op('Shape', [ids], { start: 1, end: 2 });

  // x = 2·embedding + timing signal (the TF graph adds the embedding twice).
  const emb = g.embed('embeddings', w.embeddings, w.vocabSize, w.embedDim, ids);
  const timing = g.floats('timing_signal', timingSignal(w.invTimescales, w.maxLength), [w.maxLength, w.embedDim]);
  const pos = g.op('Slice', [timing, zero, seqLen, zero]);
  let x = g.op('Add', [emb, g.op('Add', [emb, pos])]);

  // Padding keys get −1e9 before the softmax: [batch, 1, 1, seq].
  const notMask = g.op('Sub', [g.scalarFloat('one_f', 1), mask]);
  const bias = g.op('Mul', [notMask, g.scalarFloat('padding_bias', -1e9)]);
  const maskBias = g.op('Unsqueeze', [bias, g.ints('axes_1_2', [1, 2])]);

  w.layers.forEach((L, i) => {
    x = transformerLayer(g, i, x, L, maskBias, eps);
  });
  const outputName = options.hiddenStateOnly ? 'last_hidden_state' : 'sentence_embedding';
  if (options.hiddenStateOnly) g.op('Identity', [x], {}, outputName);
  else pool(g, w, x, mask);

  const io = (name: string, elemType: number, dims: (string | number)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: {
        tensorType: {
          elemType,
          shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
        },
      },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, ...(options.arithmetic === 'int8' ? [{ domain: 'com.microsoft', version: 1 }] : [])],
    producerName: 'edge-rerank build-model',
    producerVersion: options.producerVersion,
    docString: 'Universal Sentence Encoder lite (Google, Apache-2.0), converted from its TF.js graph by edge-rerank.',
    graph: {
      name: 'use_lite',
      node: g.nodes,
      initializer: g.initializers,
      input: [
        io('input_ids', INT64, ['batch', 'sequence']),
        io('attention_mask', INT64, ['batch', 'sequence']),
        ...(options.tokenTypeIds ? [io('token_type_ids', INT64, ['batch', 'sequence'])] : []),
      ],
      output: [io(outputName, FLOAT, options.hiddenStateOnly ? ['batch', 'sequence', w.outputDim] : ['batch', w.outputDim])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Masked mean over real tokens (an empty text pools to zeros, like TF's
 *  max(len, 1)) → tanh dense → L2: the `sentence_embedding` output. */
function pool(g: GraphBuilder, w: UseLiteWeights, x: string, mask: string): void {
  const axis1 = g.ints('axis_1', [1]);
  const summed = g.op('ReduceSum', [g.op('Mul', [x, g.op('Unsqueeze', [mask, g.ints('axis_last', [-1])])]), axis1], { keepdims: 0 });
  const count = g.op('Max', [g.op('ReduceSum', [mask, axis1], { keepdims: 1 }), g.scalarFloat('one_token', 1)]);
  const pooled = g.op('Div', [summed, count]);
  const t = g.op('Tanh', [g.dense('pooler', pooled, w.pooler)]);
  const sumSq = g.op('ReduceSum', [g.op('Mul', [t, t]), axis1], { keepdims: 1 });
  const invNorm = g.op('Reciprocal', [g.op('Sqrt', [g.op('Max', [sumSq, g.scalarFloat('l2_epsilon', 1e-12)])])]);
  g.op('Mul', [t, invNorm], {}, 'sentence_embedding');
}
