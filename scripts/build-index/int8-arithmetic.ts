// `--arithmetic int8`: the int8 model rewritten so its weight MatMuls run on
// the CPU's integer kernels (VNNI) instead of float32 ones, about twice as
// fast here. The model file, and so the sha256 the widget checks, stay the
// browser's; only the arithmetic differs (cosine ≥ 0.999 to the browser's
// vectors, asserted in test/node/index/parity.test.ts).
//
// Each `MatMul(x, DequantizeLinear(w_int8, w_scale))` becomes
//   s  = max|x| / 127 per row (one row = one token)
//   xq = QuantizeLinear(x, s, 128)                uint8, per row
//   y  = MatMulIntegerToFloat(xq, w_int8) · w_scale · s
// Scales are per row, never per tensor: a token's vector then depends only on
// its own text, not on the batch it shares, so the output stays byte-identical
// whatever --batch or --shard split (integer accumulation is exact).
import onnxProto from 'onnx-proto';
import { EdgeRerankError } from '../../src/errors.ts';

const { onnx } = onnxProto;
type INode = InstanceType<typeof onnx.NodeProto>;
type ITensor = InstanceType<typeof onnx.TensorProto>;
const { FLOAT, INT64, UINT8 } = onnx.TensorProto.DataType;
const INT8 = onnx.TensorProto.DataType.INT8;
const { INT, INTS } = onnx.AttributeProto.AttributeType;

/** Names of what this rewrite adds, so they never collide with the model's. */
const PREFIX = 'int8_arithmetic';

export interface Int8ArithmeticGraph {
  bytes: Uint8Array;
  /** Weight MatMuls now computed in int8. */
  rewritten: number;
}

export function withInt8Arithmetic(modelBytes: Uint8Array, source: string): Int8ArithmeticGraph {
  const model = onnx.ModelProto.decode(modelBytes);
  const graph = model.graph;
  if (!graph?.node || !graph.initializer) throw new EdgeRerankError('model-load', `${source}: no graph`);
  const original = graph.node as INode[];
  const inputs = (n: INode) => n.input ?? [];
  const firstOutput = (n: INode) => n.output?.[0] ?? '';
  const initializers = new Map((graph.initializer as ITensor[]).map((t) => [t.name, t]));
  const dequantized = new Map(original.filter((n) => n.opType === 'DequantizeLinear').map((n) => [firstOutput(n), n]));

  let count = 0;
  const name = (what: string) => `${PREFIX}/${what}_${count++}`;
  const added: ITensor[] = [];
  const constant = (
    what: string,
    dataType: number,
    dims: number[],
    values: { floatData?: number[]; int64Data?: number[]; rawData?: Uint8Array },
  ) => {
    const tensorName = `${PREFIX}/${what}`;
    added.push(onnx.TensorProto.create({ name: tensorName, dataType, dims, ...values }));
    return tensorName;
  };
  const tiny = constant('tiny', FLOAT, [], { floatData: [1e-30] });
  const inv127 = constant('inv127', FLOAT, [], { floatData: [1 / 127] });
  const one = constant('one', FLOAT, [], { floatData: [1] });
  const zeroPoint = constant('zero_point', UINT8, [1], { rawData: new Uint8Array([128]) });
  const axis0 = constant('axis0', INT64, [1], { int64Data: [0] });
  const axis1 = constant('axis1', INT64, [1], { int64Data: [1] });
  const minusOne = constant('minus_one', INT64, [1], { int64Data: [-1] });

  const nodes: INode[] = [];
  const op = (opType: string, input: string[], attribute: object[] = [], domain?: string, output = name(opType.toLowerCase())) => {
    nodes.push(onnx.NodeProto.create({ opType, input, output: [output], name: output, attribute, ...(domain ? { domain } : {}) }));
    return output;
  };

  let rewritten = 0;
  for (const node of original) {
    const dq = node.opType === 'MatMul' ? dequantized.get(inputs(node)[1] ?? '') : undefined;
    const weight = dq && initializers.get(inputs(dq)[0] ?? '');
    const wScale = dq && inputs(dq)[1];
    const axis = dq?.attribute?.find((a) => a.name === 'axis')?.i ?? 1;
    const dims = (weight?.dims ?? []).map(Number);
    // Only a constant [K, N] int8 weight with one scale per output column and no zero point.
    if (!dq || !weight || !wScale || weight.dataType !== INT8 || dims.length !== 2 || Number(axis) !== 1 || inputs(dq).length > 2) {
      nodes.push(node);
      continue;
    }
    const [k, n] = dims as [number, number];
    const x = inputs(node)[0] as string;
    const rows = op('Reshape', [x, constant(`rows_${rewritten}`, INT64, [2], { int64Data: [-1, k] })]);
    const maxAbs = op(
      'ReduceMax',
      [op('Abs', [rows])],
      [
        { name: 'axes', type: INTS, ints: [-1] },
        { name: 'keepdims', type: INT, i: 0 },
      ],
    );
    const scale = op('Mul', [op('Max', [maxAbs, tiny]), inv127]);
    const zeroPoints = op('Expand', [zeroPoint, op('Shape', [scale])]);
    const quantized = op('QuantizeLinear', [rows, scale, zeroPoints], [{ name: 'axis', type: INT, i: 0 }]);
    const product = op('MatMulIntegerToFloat', [quantized, weight.name, one, wScale, zeroPoint], [], 'com.microsoft');
    const scaled = op('Mul', [product, op('Unsqueeze', [scale, axis1])]);
    const leading = op('Slice', [op('Shape', [x]), axis0, minusOne]);
    const shape = op(
      'Concat',
      [leading, constant(`cols_${rewritten}`, INT64, [1], { int64Data: [n] })],
      [{ name: 'axis', type: INT, i: 0 }],
    );
    op('Reshape', [scaled, shape], [], undefined, firstOutput(node));
    rewritten++;
  }
  if (rewritten === 0) {
    throw new EdgeRerankError('model-load', `${source}: no int8 weight MatMul to compute in int8 (--arithmetic int8 needs the q8 model)`);
  }
  // Dequantized weights nobody reads any more would still be folded at load: drop them.
  const read = new Set(nodes.flatMap(inputs));
  graph.node = nodes.filter((n) => n.opType !== 'DequantizeLinear' || read.has(firstOutput(n)));
  graph.initializer.push(...added);
  model.opsetImport = [...(model.opsetImport ?? []).filter((o) => o.domain !== 'com.microsoft'), { domain: 'com.microsoft', version: 1 }];
  return { bytes: onnx.ModelProto.encode(model).finish(), rewritten };
}
