// The standard alternative, for comparison: Google's USE-lite as the original
// TF.js graph with its own tokenizer, on the page's main thread (TF.js WebGL
// needs a canvas), with a TF.js backend chosen by the benchmark.
import * as tf from '@tensorflow/tfjs';
// The tokenizer file alone: the package's entry pulls in an old TF.js.
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js';

type Vocab = [string, number][];

let model: tf.GraphModel | null = null;
let tokenizer: { encode(text: string): number[] } | null = null;

async function load(backend: string): Promise<{ ms: number; backend: string }> {
  const t0 = performance.now();
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available here`);
  await tf.ready();
  const vocab = (await (await fetch('/use/vocab.json')).json()) as Vocab;
  tokenizer = new Tokenizer(vocab) as { encode(text: string): number[] };
  model = await tf.loadGraphModel('/use/model.json');
  await embed(['warm up the graph']);
  return { ms: performance.now() - t0, backend: tf.getBackend() };
}

async function embed(texts: string[]): Promise<{ ms: number }> {
  if (!model || !tokenizer) throw new Error('load first');
  const t0 = performance.now();
  const encodings = texts.map((t) => tokenizer!.encode(t));
  const indices = encodings.flatMap((ids, row) => ids.map((_, pos) => [row, pos]));
  const inputs = {
    indices: tf.tensor2d(indices, [indices.length, 2], 'int32'),
    values: tf.tensor1d(encodings.flat(), 'int32'),
  };
  const out = (await model.executeAsync(inputs)) as tf.Tensor;
  await out.data();
  out.dispose();
  inputs.indices.dispose();
  inputs.values.dispose();
  return { ms: performance.now() - t0 };
}

(globalThis as unknown as { useLite: object }).useLite = { load, embed };
