// The build's self-check: the converted ONNX model must compute what the
// original TF.js graph computes, on a handful of sentences, or the build fails.
import * as ort from 'onnxruntime-node';
import type { TfjsReference } from './tfjs-reference.ts';
import { cosine } from '../../src/vector/dot.ts';

export const CHECK_SENTENCES = [
  'trail running shoes',
  'Stainless steel 3D printer nozzle, 0.4 mm (pack of 5)',
  'Nitrile gloves — powder-free, size L',
  'Café-grade espresso machine with milk frother',
  'a',
  '',
  'LED strip 5050 RGB 12V waterproof IP65, 5 m roll with remote control and power supply',
];

/** Runs a raw ONNX session on right-padded token ids (no transformers.js). */
export async function embedWithSession(session: ort.InferenceSession, batch: number[][]): Promise<Float32Array> {
  const seq = Math.max(1, ...batch.map((ids) => ids.length));
  const ids = new BigInt64Array(batch.length * seq);
  const mask = new BigInt64Array(batch.length * seq);
  batch.forEach((row, r) =>
    row.forEach((id, c) => {
      ids[r * seq + c] = BigInt(id);
      mask[r * seq + c] = 1n;
    }),
  );
  const out = await session.run({
    input_ids: new ort.Tensor('int64', ids, [batch.length, seq]),
    attention_mask: new ort.Tensor('int64', mask, [batch.length, seq]),
  });
  return out.sentence_embedding!.data as Float32Array;
}

export interface CheckResult {
  file: string;
  minCosine: number;
}

export async function checkAgainstReference(
  onnxBytes: Uint8Array,
  file: string,
  reference: TfjsReference,
  minCosine: number,
): Promise<CheckResult> {
  const session = await ort.InferenceSession.create(onnxBytes);
  try {
    // The reference cannot embed an empty text last in a batch (TF drops it), so one at a time.
    let worst = 1;
    for (const text of CHECK_SENTENCES) {
      const want = await reference.embed([text, 'x']);
      const got = await embedWithSession(session, [reference.tokenize(text)]);
      const c = cosine(got, want.subarray(0, 512));
      worst = Math.min(worst, c);
      if (!(c >= minCosine)) {
        throw new Error(`${file}: cosine ${c.toFixed(6)} to the TF.js reference for ${JSON.stringify(text)} (need ≥ ${minCosine})`);
      }
    }
    return { file, minCosine: worst };
  } finally {
    await session.release();
  }
}
