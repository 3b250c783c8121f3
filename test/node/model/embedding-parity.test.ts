// The encoder (transformers.js + onnxruntime-node on the built folder) against
// the original TF.js USE-lite graph, on product-like text.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadEncoder } from '../../../src/model/encoder.ts';
import { productTitles, QUERIES } from './product-titles.ts';
import { referenceVectors } from './reference-vectors.ts';
import { cosine, dot } from '../../../src/vector/dot.ts';

const MODEL = join(process.cwd(), 'public/models/default');
const DIM = 512;
const fp32 = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'fp32' });
const int8 = await loadEncoder({ model: MODEL, device: 'cpu', dtype: 'q8' });
after(async () => {
  await fp32.dispose();
  await int8.dispose();
});

function row(m: Float32Array, i: number): Float32Array {
  return m.subarray(i * DIM, (i + 1) * DIM);
}

function cosines(a: Float32Array, b: Float32Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) => cosine(row(a, i), row(b, i)));
}

function topK(queries: Float32Array, docs: Float32Array, q: number, d: number, k: number): number[][] {
  return Array.from({ length: q }, (_, i) =>
    Array.from({ length: d }, (_, j) => [j, dot(row(queries, i), row(docs, j))] as const)
      .sort((x, y) => y[1] - x[1])
      .slice(0, k)
      .map(([j]) => j),
  );
}

// One reference run for everything: the 250 sentences are the first 250 titles.
const TITLES = productTitles(500);
const SENTENCES = TITLES.slice(0, 250);
const EMPTY = '';
const all = await referenceVectors([...TITLES, ...QUERIES, EMPTY]);
const want = all.subarray(0, SENTENCES.length * DIM);
const wantTitles = all.subarray(0, TITLES.length * DIM);
const wantQueries = all.subarray(TITLES.length * DIM, (TITLES.length + QUERIES.length) * DIM);
const wantEmpty = row(all, TITLES.length + QUERIES.length);

test('the encoder reports the model it loaded', () => {
  assert.equal(fp32.dim, DIM);
  assert.equal(int8.modelId, 'edge-rerank/use-lite-en');
  assert.match(int8.modelSha256, /^[0-9a-f]{64}$/);
  assert.notEqual(int8.modelSha256, fp32.modelSha256);
});

test('fp32: cosine ≥ 0.9999 to TF.js on each of 250 product-like sentences', async () => {
  const got = await fp32.embed(SENTENCES);
  const worst = Math.min(...cosines(got, want, SENTENCES.length));
  assert.ok(worst >= 0.9999, `worst cosine ${worst}`);
});

test('int8: cosine ≥ 0.99 to TF.js on each of 250 product-like sentences', async () => {
  const got = await int8.embed(SENTENCES);
  const worst = Math.min(...cosines(got, want, SENTENCES.length));
  assert.ok(worst >= 0.99, `worst cosine ${worst}`);
});

test('int8: top-10 neighbours of 50 queries over 500 titles overlap TF.js ≥ 9/10 on average', async () => {
  const k = 10;
  const mine = topK(await int8.embed(QUERIES), await int8.embed(TITLES), QUERIES.length, TITLES.length, k);
  const theirs = topK(wantQueries, wantTitles, QUERIES.length, TITLES.length, k);
  const overlap = mine.map((m, i) => m.filter((j) => theirs[i]!.includes(j)).length);
  const mean = overlap.reduce((a, b) => a + b, 0) / overlap.length;
  assert.equal(QUERIES.length, 50);
  assert.ok(mean >= 9, `mean overlap ${mean}/10`);
});

test('batching is invisible: padding next to a long text does not change a short one', async () => {
  const short = 'nitrile gloves';
  const alone = await int8.embed([short]);
  const batched = await int8.embed(['Lorem ipsum dolor sit amet, '.repeat(20), short, '']);
  assert.ok(Math.abs(dot(row(batched, 1), alone) - 1) < 1e-5);
});

test('texts come back in input order whatever their length', async () => {
  const texts = ['a much longer product title with many words in it', 'short', 'mid length title'];
  const together = await int8.embed(texts);
  for (let i = 0; i < texts.length; i++) {
    const one = await int8.embed([texts[i]!]);
    assert.ok(dot(row(together, i), one) > 0.99999, `row ${i}`);
  }
});

test('an empty text embeds like TF.js does (pooled zeros through tanh and L2)', async () => {
  const got = await fp32.embed([EMPTY]);
  assert.ok(dot(got, wantEmpty) >= 0.9999);
});
