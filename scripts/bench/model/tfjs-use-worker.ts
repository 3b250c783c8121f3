// The fair peer: Google's USE-lite as the original TF.js graph with its own
// tokenizer, in a module worker like the encoder, on TF.js's WebAssembly
// backend (the fast path TF.js recommends for CPUs) or, labelled as such, its
// pure-JavaScript `cpu` backend. Only the TF.js packages it needs are bundled
// (core, converter, one backend). Bundled by scripts/bench/model.ts.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The tokenizer file alone: the package's entry would pull its own TF.js loader.
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js';
import { messageOf } from '../../../src/errors.ts';
import type { BenchReply, BenchRequest } from './protocol.ts';

let model: GraphModel | null = null;
let tokenizer: { encode(text: string): number[] } | null = null;

async function load(backend: string, threads: number): Promise<Record<string, unknown>> {
  if (backend === 'wasm') {
    setWasmPaths(new URL('/tfwasm/', location.href).href);
    // TF.js takes half the cores by default (1 on this 2-core machine): set the count the run asks for.
    if (threads > 1) setThreadsCount(threads);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available here`);
  await tf.ready();
  const [vocab, graph] = await Promise.all([
    fetch('/use/vocab.json').then((r) => r.json() as Promise<[string, number][]>),
    loadGraphModel('/use/model.json'),
  ]);
  tokenizer = new Tokenizer(vocab) as { encode(text: string): number[] };
  model = graph;
  return { backend: tf.getBackend(), threads: backend === 'wasm' ? threads : 1 };
}

async function embed(texts: string[]): Promise<number> {
  if (!model || !tokenizer) throw new Error('load first');
  // As the USE package's own embed(): sparse [row, position] → id input.
  const encodings = texts.map((t) => tokenizer!.encode(t));
  const indices = encodings.flatMap((ids, row) => ids.map((_, pos) => [row, pos]));
  const inputs = {
    indices: tf.tensor2d(indices, [indices.length, 2], 'int32'),
    values: tf.tensor1d(encodings.flat(), 'int32'),
  };
  const out = (await model.executeAsync(inputs)) as tf.Tensor;
  const values = (await out.data()).length;
  out.dispose();
  inputs.indices.dispose();
  inputs.values.dispose();
  return values;
}

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const req = event.data;
  const t0 = performance.now();
  let reply: BenchReply;
  try {
    if (req.op === 'load') reply = { ms: 0, info: await load(req.backend, req.threads) };
    else reply = { ms: 0, values: await embed(req.texts) };
    reply.ms = performance.now() - t0;
  } catch (err) {
    reply = { ms: performance.now() - t0, error: messageOf(err) };
  }
  self.postMessage(reply);
};
