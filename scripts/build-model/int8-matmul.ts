// The int8 model in integer arithmetic (onnx/model_int8.onnx): the same int8
// weights and scales as model_quantized.onnx, but each weight MatMul runs on
// onnxruntime's integer kernels (MatMulIntegerToFloat) instead of being
// dequantized to float32 first — faster on WASM and CPUs, and no float32
// copy of the weights at load (nothing to fold: quicker session creation).
//
// x · W becomes, per row (token) of x:
//   s  = max|row| / 127
//   xq = QuantizeLinear(row, s, 128)               uint8
//   y  = MatMulIntegerToFloat(xq, W_int8) · W_scale · s
// Scales are per row, never per tensor: a text's vector depends only on its
// own tokens, not on the batch it shares (integer accumulation is exact).
// The embedding table stays int8 too: the rows of the ids are gathered, then
// dequantized — exactly the values DequantizeLinear-then-Gather gives.
import onnxProto from 'onnx-proto';
import type { GraphBuilder } from './onnx-graph.ts';
import type { Dense } from './use-lite-weights.ts';

const { onnx } = onnxProto;
const MS_DOMAIN = 'com.microsoft';

/** A shared constant, added on first use. */
function constant(g: GraphBuilder, name: string, make: () => InstanceType<typeof onnx.TensorProto>): string {
  if (!g.initializers.some((t) => t.name === name)) g.initializers.push(make());
  return name;
}

const zeroPoint = (g: GraphBuilder) =>
  constant(g, 'int8_arithmetic.zero_point', () =>
    onnx.TensorProto.create({
      name: 'int8_arithmetic.zero_point',
      dataType: onnx.TensorProto.DataType.UINT8,
      dims: [1],
      rawData: new Uint8Array([128]),
    }),
  );
const scalar = (g: GraphBuilder, name: string, value: number) =>
  constant(g, name, () => onnx.TensorProto.create({ name, dataType: onnx.TensorProto.DataType.FLOAT, dims: [], floatData: [value] }));
const int64s = (g: GraphBuilder, name: string, values: number[]) =>
  constant(g, name, () =>
    onnx.TensorProto.create({ name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], int64Data: values }),
  );

/** x [..., inDim] · W [inDim, outDim] in integer arithmetic (no bias): [..., outDim]. */
export function int8MatMul(g: GraphBuilder, name: string, x: string, d: Dense): string {
  const w = g.int8Matrix(`${name}.weight`, d.w, d.inDim, d.outDim, 1);
  const rows = g.op('Reshape', [x, int64s(g, `int8_arithmetic.rows_${d.inDim}`, [-1, d.inDim])]);
  const maxAbs = g.op('ReduceMax', [g.op('Abs', [rows])], { axes: [-1], keepdims: 0 });
  // An all-zero row keeps a tiny scale: quantizing never divides by zero.
  const scale = g.op('Mul', [
    g.op('Max', [maxAbs, scalar(g, 'int8_arithmetic.tiny', 1e-30)]),
    scalar(g, 'int8_arithmetic.inv127', 1 / 127),
  ]);
  const zeroPoints = g.op('Expand', [zeroPoint(g), g.op('Shape', [scale])]);
  const quantized = g.op('QuantizeLinear', [rows, scale, zeroPoints], { axis: 0 });
  const product = g.op(
    'MatMulIntegerToFloat',
    [quantized, w.codes, scalar(g, 'int8_arithmetic.one', 1), w.scales, zeroPoint(g)],
    {},
    undefined,
    MS_DOMAIN,
  );
  const scaled = g.op('Mul', [product, g.op('Unsqueeze', [scale, int64s(g, 'int8_arithmetic.axis_1', [1])])]);
  const leading = g.op('Slice', [g.op('Shape', [x]), int64s(g, 'int8_arithmetic.axis_0', [0]), int64s(g, 'int8_arithmetic.minus_1', [-1])]);
  const shape = g.op('Concat', [leading, int64s(g, `int8_arithmetic.cols_${d.outDim}`, [d.outDim])], { axis: 0 });
  return g.op('Reshape', [scaled, shape]);
}

/** Rows of the int8 table [rows, cols] for `ids`, dequantized: [..., cols]. */
export function int8Embedding(g: GraphBuilder, name: string, table: Float32Array, rows: number, cols: number, ids: string): string {
  const q = g.int8Matrix(name, table, rows, cols, 0);
  const codes = g.op('Cast', [g.op('Gather', [q.codes, ids], { axis: 0 })], { to: onnx.TensorProto.DataType.FLOAT });
  const scales = g.op('Unsqueeze', [g.op('Gather', [q.scales, ids], { axis: 0 }), int64s(g, 'int8_arithmetic.axis_last', [-1])]);
  return g.op('Mul', [codes, scales]);
}
