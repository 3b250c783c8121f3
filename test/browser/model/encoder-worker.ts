// Test worker: loadEncoder in a real module worker, driven by postMessage.
// Bundled by the test with esbuild (transformers.js and its own
// onnxruntime-web inside, ORT's wasm served from /ort/).
import { loadEncoder } from '../../../src/model/encoder.ts';
import type { EncoderDevice, EncoderDtype } from '../../../src/model/types.ts';

interface Request {
  model: string;
  device: EncoderDevice;
  dtype: EncoderDtype;
  wasmPaths: string;
  arithmetic?: 'float' | 'int8';
  texts: string[];
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const { texts, ...options } = event.data;
  try {
    const encoder = await loadEncoder(options);
    const vectors = await encoder.embed(texts);
    const arithmetic = (encoder as { arithmetic?: string }).arithmetic;
    const reply = {
      vectors,
      dim: encoder.dim,
      modelId: encoder.modelId,
      modelSha256: encoder.modelSha256,
      device: encoder.device,
      arithmetic,
    };
    await encoder.dispose();
    self.postMessage(reply, { transfer: [vectors.buffer] });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    self.postMessage({ error: { code: e.code ?? 'unknown', message: e.message ?? String(err) } });
  }
};
