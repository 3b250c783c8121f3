// The encoder as the widget runs it: the worker's EncoderHost (ORT build
// choice, runtime prefetch, model-file checks, loadEncoder), timed from inside
// the worker so postMessage is not counted. Bundled by scripts/bench/model.ts;
// ORT's files are served at /ort/ beside it, as dist/ort/ is beside the
// widget's worker.
import { EncoderHost } from '../../../src/worker/encoder-host.ts';
import { ortRuntimeCompiled } from '../../../src/worker/ort-runtime.ts';
import { messageOf } from '../../../src/errors.ts';
import type { BenchReply, BenchRequest } from './protocol.ts';

const MODEL = '/models/default/';
const host = new EncoderHost();
let backend: 'wasm' | 'webgpu' = 'wasm';

self.onmessage = async (event: MessageEvent<BenchRequest>) => {
  const req = event.data;
  const t0 = performance.now();
  let reply: BenchReply;
  try {
    if (req.op === 'load') {
      if (req.backend === 'cpu') throw new Error('the encoder runs on wasm or webgpu in browsers');
      backend = req.backend;
      const encoder = await host.encoder(MODEL, backend);
      const timings = (encoder as { loadTimings?: Record<string, number> }).loadTimings;
      const arithmetic = (encoder as { arithmetic?: string }).arithmetic;
      // The thread count the widget chose for this page (src/model/wasm-threads.ts).
      const threads = (await import('@huggingface/transformers')).env.backends.onnx.wasm?.numThreads;
      reply = { ms: 0, info: { backend: encoder.device, arithmetic, threads, runtimePrecompiled: await ortRuntimeCompiled(), ...timings } };
    } else {
      reply = { ms: 0, values: (await host.embed(MODEL, backend, req.texts)).length };
    }
    reply.ms = performance.now() - t0;
  } catch (err) {
    reply = { ms: performance.now() - t0, error: messageOf(err) };
  }
  self.postMessage(reply);
};
