// Bad model folders: each failure is an EdgeRerankError('model-load') whose
// message names the file and says what is wrong. Uses the tiny model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { EdgeRerankError } from '../../../src/errors.ts';
import { loadEncoder } from '../../../src/model/encoder.ts';
import type { EncoderDtype } from '../../../src/model/types.ts';
import { TINY_DIM, writeTinyModel } from '../../support/tiny-model.ts';

let root = '';
let good = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'edge-rerank-model-'));
  good = join(root, 'good');
  writeTinyModel(good);
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the good tiny model, changed by `spoil`. */
function spoiled(name: string, spoil: (dir: string) => void): string {
  const dir = join(root, name);
  cpSync(good, dir, { recursive: true });
  spoil(dir);
  return dir;
}

async function loadError(model: string, dtype: EncoderDtype = 'q8'): Promise<EdgeRerankError> {
  try {
    const encoder = await loadEncoder({ model, device: 'cpu', dtype });
    await encoder.dispose();
  } catch (err) {
    assert.ok(err instanceof EdgeRerankError, `not an EdgeRerankError: ${String(err)}`);
    return err;
  }
  assert.fail(`${model} loaded`);
}

test('the tiny model loads and embeds (control for the failures below)', async () => {
  const encoder = await loadEncoder({ model: good, device: 'cpu', dtype: 'q8' });
  assert.equal(encoder.dim, TINY_DIM);
  assert.equal(encoder.modelId, 'edge-rerank/tiny-test');
  const v = await encoder.embed(['trail shoes', 'nitrile gloves']);
  assert.equal(v.length, 2 * TINY_DIM);
  const norm = Math.hypot(...v.subarray(0, TINY_DIM));
  assert.ok(Math.abs(norm - 1) < 1e-5);
  await encoder.dispose();
});

test('a missing folder names config.json and says "not found"', async () => {
  const err = await loadError(join(root, 'nowhere'));
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /nowhere\/config\.json: not found/);
});

test('a missing ONNX file is named', async () => {
  const dir = spoiled('no-onnx', (d) => unlinkSync(join(d, 'onnx/model_quantized.onnx')));
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /onnx\/model_quantized\.onnx: not found/);
});

test('an ONNX file whose sha256 differs from config.json is refused, naming both', async () => {
  const dir = spoiled('flipped', (d) => {
    const file = join(d, 'onnx/model.onnx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5]! ^= 0xff; // one byte of weights: still loadable, no longer the model
    writeFileSync(file, bytes);
  });
  const err = await loadError(dir, 'fp32');
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /onnx\/model\.onnx: sha256 [0-9a-f]{64} does not match [0-9a-f]{64} recorded in .*config\.json/);
});

test('a corrupt ONNX file with no recorded sha256 fails in onnxruntime, named', async () => {
  const dir = spoiled('garbage', (d) => {
    writeTinyModel(d, { recordFacts: false });
    writeFileSync(join(d, 'onnx/model_quantized.onnx'), 'this is not a protobuf');
  });
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /onnx\/model_quantized\.onnx: onnxruntime cannot load it on cpu/);
});

test('config.json that is not JSON is named', async () => {
  const dir = spoiled('bad-config', (d) => writeFileSync(join(d, 'config.json'), '{ "model_type": '));
  const err = await loadError(dir);
  assert.match(err.message, /config\.json: not valid JSON/);
});

test('a missing tokenizer.json is named', async () => {
  const dir = spoiled('no-tokenizer', (d) => unlinkSync(join(d, 'tokenizer.json')));
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /tokenizer\.json: not found/);
});

test('a tokenizer.json that is not JSON is named (its sha256 differs; with nothing recorded the tokenizer fails to load)', async () => {
  const recorded = await loadError(spoiled('bad-tokenizer', (d) => writeFileSync(join(d, 'tokenizer.json'), '{"model": ')));
  assert.match(recorded.message, /tokenizer\.json: sha256 [0-9a-f]{64} does not match/);
  const unrecorded = await loadError(
    spoiled('bad-tokenizer-unrecorded', (d) => {
      writeTinyModel(d, { recordFacts: false });
      writeFileSync(join(d, 'tokenizer.json'), '{"model": ');
    }),
  );
  assert.match(unrecorded.message, /tokenizer\.json: cannot load the tokenizer/);
});

// Valid files that are not the ones config.json records: they would load and give wrong vectors without a word.
const edits: [file: string, edit: (json: Record<string, unknown>) => void][] = [
  ['tokenizer.json', (t) => ((t.model as { vocab: [string, number][] }).vocab[7]![1] = -0.5)],
  ['tokenizer_config.json', (t) => (t.model_max_length = 8)],
];
for (const [file, edit] of edits) {
  test(`a valid ${file} that differs from the one config.json records is refused, naming it`, async () => {
    const dir = spoiled(`edited-${file}`, (d) => {
      const json = JSON.parse(readFileSync(join(d, file), 'utf8')) as Record<string, unknown>;
      edit(json);
      writeFileSync(join(d, file), JSON.stringify(json));
    });
    const err = await loadError(dir);
    assert.equal(err.code, 'model-load');
    const name = file.replace('.', '\\.');
    assert.match(err.message, new RegExp(`/${name}: sha256 [0-9a-f]{64} does not match [0-9a-f]{64} recorded in .*config\\.json`));
  });
}

test('an edited config.json (still valid JSON) no longer matches the hash it records for itself', async () => {
  const dir = spoiled('edited-config', (d) => {
    const text = readFileSync(join(d, 'config.json'), 'utf8');
    writeFileSync(join(d, 'config.json'), text.replace(/"vocab_size":\s*\d+/, '"vocab_size": 9999'));
  });
  assert.match(readFileSync(join(dir, 'config.json'), 'utf8'), /"vocab_size": 9999/);
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /config\.json: sha256 [0-9a-f]{64} does not match [0-9a-f]{64}, the hash it records for itself/);
});

test('a tokenizer with more pieces than the model has embeddings: refused from config.json', async () => {
  const dir = join(root, 'small-table');
  writeTinyModel(dir, { vocabSize: 20 }); // the tokenizer reaches id 36 (37 pieces)
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /tokenizer\.json does not fit .*onnx\/model_quantized\.onnx: token ids reach 36, the model has 20 embeddings/);
});

test('the same mismatch with nothing recorded is caught by the probe run', async () => {
  const dir = join(root, 'small-table-unrecorded');
  writeTinyModel(dir, { vocabSize: 20, recordFacts: false });
  const err = await loadError(dir);
  assert.equal(err.code, 'model-load');
  assert.match(err.message, /tokenizer\.json does not fit .*onnx\/model_quantized\.onnx/);
});

test('bad options are input errors', async () => {
  await assert.rejects(
    loadEncoder({ model: good, device: 'gpu' as 'cpu', dtype: 'q8' }),
    (e: unknown) => e instanceof EdgeRerankError && e.code === 'input' && /device "gpu"/.test(e.message),
  );
  await assert.rejects(
    loadEncoder({ model: good, device: 'cpu', dtype: 'fp16' as 'q8' }),
    (e: unknown) => e instanceof EdgeRerankError && e.code === 'input' && /dtype "fp16"/.test(e.message),
  );
});

test('a failed load does not block the next one', async () => {
  await loadError(join(root, 'nowhere-again'));
  const encoder = await loadEncoder({ model: good, device: 'cpu', dtype: 'fp32' });
  assert.equal(encoder.dim, TINY_DIM);
  await encoder.dispose();
});

test('embedding after dispose is refused, not crashed', async () => {
  const encoder = await loadEncoder({ model: good, device: 'cpu', dtype: 'q8' });
  await encoder.dispose();
  await assert.rejects(encoder.embed(['x']), /disposed/);
});

test('overlapping embed calls each get their own, correct rows', async () => {
  const encoder = await loadEncoder({ model: good, device: 'cpu', dtype: 'q8' });
  const texts = ['trail shoes', 'nitrile gloves', 'a b c d e f g'];
  const one = await Promise.all(texts.map((t) => encoder.embed([t])));
  const all = await Promise.all([encoder.embed(texts), encoder.embed(texts.slice().reverse())]);
  texts.forEach((_, i) => {
    const alone = one[i]!;
    const inBatch = all[0]!.subarray(i * TINY_DIM, (i + 1) * TINY_DIM);
    const reversed = all[1]!.subarray((texts.length - 1 - i) * TINY_DIM, (texts.length - i) * TINY_DIM);
    alone.forEach((v, k) => {
      assert.ok(Math.abs(v - inBatch[k]!) < 1e-5);
      assert.ok(Math.abs(v - reversed[k]!) < 1e-5);
    });
  });
  await encoder.dispose();
});
