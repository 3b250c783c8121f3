// TF.js reference vectors for a list of texts, kept on disk between runs.
// TF.js's pure-JS CPU backend needs ~0.3 s a sentence here, so the 550 texts
// of the parity tests would cost minutes on every run; the reference depends
// only on the TF.js model files and the texts, and both are in the key.
// Only the reference is cached: the encoder under test always runs afresh.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTfjsReference, USE_LITE_PACKAGE_DIR } from '../../../scripts/build-model/tfjs-reference.ts';

const DIM = 512;
const CACHE_DIR = join(process.cwd(), 'test/.tmp/model-reference');

function key(texts: string[]): string {
  const h = createHash('sha256');
  for (const f of readdirSync(USE_LITE_PACKAGE_DIR).sort()) h.update(f).update(readFileSync(join(USE_LITE_PACKAGE_DIR, f)));
  h.update(JSON.stringify(texts));
  return h.digest('hex').slice(0, 32);
}

export async function referenceVectors(texts: string[]): Promise<Float32Array> {
  const file = join(CACHE_DIR, `${key(texts)}.f32`);
  try {
    const bytes = readFileSync(file);
    if (bytes.length === texts.length * DIM * 4) return new Float32Array(new Uint8Array(bytes).buffer);
  } catch {
    /* not computed yet */
  }
  const reference = await loadTfjsReference();
  try {
    const out = new Float32Array(texts.length * DIM);
    // Batches of 50; an empty text must not come last (TF drops trailing empty rows).
    for (let i = 0; i < texts.length; i += 50) {
      const batch = texts.slice(i, i + 50);
      const rows = await reference.embed([...batch, 'x']);
      out.set(rows.subarray(0, batch.length * DIM), i * DIM);
    }
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(file, new Uint8Array(out.buffer));
    return out;
  } finally {
    reference.dispose();
  }
}
