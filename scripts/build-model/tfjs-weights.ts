// Reads a TensorFlow.js graph model's weights (model.json + binary shards) from
// disk, without TF.js: the manifest lists tensors in shard order, so the
// concatenated shards are sliced tensor by tensor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TfjsTensor {
  shape: number[];
  data: Float32Array | Int32Array;
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: unknown;
}

interface ModelJson {
  weightsManifest: { paths: string[]; weights: ManifestEntry[] }[];
}

export function readTfjsWeights(dir: string): Map<string, TfjsTensor> {
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const out = new Map<string, TfjsTensor>();
  for (const group of model.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, p))));
    let offset = 0;
    for (const w of group.weights) {
      if (w.quantization) throw new Error(`${w.name}: quantized TF.js weights are not supported`);
      const count = w.shape.reduce((a, b) => a * b, 1);
      const size = count * 4;
      if (offset + size > bytes.length) throw new Error(`${w.name}: weight shards are shorter than model.json says`);
      // Copy into an aligned buffer: shard offsets need not be 4-byte aligned.
      const copy = new Uint8Array(bytes.subarray(offset, offset + size)).buffer;
      if (w.dtype === 'float32') out.set(w.name, { shape: w.shape, data: new Float32Array(copy) });
      else if (w.dtype === 'int32') out.set(w.name, { shape: w.shape, data: new Int32Array(copy) });
      else throw new Error(`${w.name}: unsupported dtype ${w.dtype}`);
      offset += size;
    }
    if (offset !== bytes.length) throw new Error(`weight shards hold ${bytes.length} bytes, model.json describes ${offset}`);
  }
  return out;
}
