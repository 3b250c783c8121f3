// Benchmark worker: loads the project's encoder and times it from inside the
// worker, so postMessage overhead is not counted. Bundled by scripts/bench/model.ts.
import { loadEncoder } from '../../../src/model/encoder.ts';
import type { EncoderOptions, TextEncoder } from '../../../src/model/types.ts';
import { messageOf } from '../../../src/errors.ts';

type Request = { op: 'load'; options: EncoderOptions } | { op: 'embed'; texts: string[] };

let encoder: TextEncoder | null = null;

self.onmessage = async (event: MessageEvent<Request>) => {
  const req = event.data;
  try {
    const t0 = performance.now();
    if (req.op === 'load') {
      encoder = await loadEncoder(req.options);
      const timings = (encoder as { loadTimings?: object }).loadTimings;
      self.postMessage({ ms: performance.now() - t0, dim: encoder.dim, timings });
    } else {
      if (!encoder) throw new Error('load first');
      const v = await encoder.embed(req.texts);
      self.postMessage({ ms: performance.now() - t0, values: v.length });
    }
  } catch (err) {
    self.postMessage({ error: messageOf(err) });
  }
};
