import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBED_BATCH, resolveVectors, type VectorSources } from '../../../src/worker/candidate-vectors.ts';
import { encodeInlineVectorInt8 } from '../../../src/vector/inline.ts';
import type { Problem } from '../../../src/worker/api.ts';

const DIM = 2;
const unit = (a: number, b: number) => {
  const n = Math.hypot(a, b);
  return new Float32Array([a / n, b / n]);
};

/** Sources that record what they were asked, answering from small tables. */
function sources(tables: { index?: Record<string, Float32Array>; cache?: Record<string, Float32Array> } = {}) {
  const calls = { index: [] as string[][], cache: [] as string[][], embed: [] as string[][], written: [] as string[][] };
  const s: VectorSources = {
    dim: DIM,
    lookupIndex: tables.index
      ? async (ids) => {
          calls.index.push(ids);
          return new Map(ids.filter((id) => tables.index![id]).map((id) => [id, { vector: tables.index![id]! }]));
        }
      : undefined,
    readCache: async (ids) => {
      calls.cache.push(ids);
      return new Map(ids.filter((id) => tables.cache?.[id]).map((id) => [id, tables.cache![id]!]));
    },
    writeCache: async (vectors) => {
      calls.written.push([...vectors.keys()]);
    },
    embed: async (texts) => {
      calls.embed.push(texts);
      const out = new Float32Array(texts.length * DIM);
      texts.forEach((_, i) => out.set(unit(1, i + 1), i * DIM));
      return out;
    },
  };
  return { s, calls };
}

test('each item takes the cheapest source: inline, then index, then cache, then the encoder', async () => {
  const { s, calls } = sources({ index: { b: unit(0, 1) }, cache: { c: unit(1, 1) } });
  const problems: Problem[] = [];
  const items = [
    { id: 'a', title: 'A', inline: encodeInlineVectorInt8([1, 0]) },
    { id: 'b', title: 'B' },
    { id: 'c', title: 'C' },
    { id: 'd', title: 'D', brand: 'Acme' },
  ];
  const result = await resolveVectors(items, s, problems);
  assert.deepEqual(problems, []);
  assert.deepEqual(Array.from(result.vectors.get('a')!), [1, 0]);
  assert.deepEqual(Array.from(result.vectors.get('b')!), Array.from(unit(0, 1)));
  assert.deepEqual(Array.from(result.vectors.get('c')!), Array.from(unit(1, 1)));
  assert.deepEqual(calls.index, [['b', 'c', 'd']], 'the index is asked only for items without an inline vector');
  assert.deepEqual(calls.cache, [['c', 'd']]);
  assert.deepEqual(calls.embed, [['D. Acme']], 'only the item nothing else knew is embedded, with the shared item text');
  assert.deepEqual(calls.written, [['d']]);
  assert.equal(result.embedded, 1);
});

test('a bad data-vector is reported once and the item is embedded instead', async () => {
  const { s, calls } = sources();
  const problems: Problem[] = [];
  const result = await resolveVectors([{ id: 'x', title: 'X', inline: 'AAAA' }], s, problems);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 'input');
  assert.match(problems[0]!.message, /data-vector of "x" has 3 bytes; expected 2 \(int8\) or 8 \(float32\)/);
  assert.deepEqual(calls.embed, [['X']]);
  assert.ok(result.vectors.has('x'));
});

test('items without any text are never embedded; large sets go in batches', async () => {
  const { s, calls } = sources();
  const items = [{ id: 'empty', title: '' }, ...Array.from({ length: EMBED_BATCH + 3 }, (_, i) => ({ id: `p${i}`, title: `P${i}` }))];
  const result = await resolveVectors(items, s, []);
  assert.deepEqual(
    calls.embed.map((b) => b.length),
    [EMBED_BATCH, 3],
  );
  assert.ok(!result.vectors.has('empty'));
  assert.equal(result.embedded, EMBED_BATCH + 3);
});

test('a failing cache or index is a problem, not a failure: the encoder fills in', async () => {
  const { s, calls } = sources();
  s.readCache = async () => {
    throw new Error('IDB gone');
  };
  s.lookupIndex = async () => {
    throw new Error('shard 404');
  };
  s.writeCache = async () => {
    throw new Error('quota');
  };
  const problems: Problem[] = [];
  const result = await resolveVectors([{ id: 'a', title: 'A' }], s, problems);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['index', 'storage', 'storage'],
  );
  assert.deepEqual(calls.embed, [['A']]);
  assert.ok(result.vectors.has('a'));
});

test('history items not on screen are never looked up in the index: their vectors come from the cache or the encoder', async () => {
  const { s, calls } = sources({ index: { a: unit(1, 0), h: unit(0, 1) }, cache: { g: unit(1, 1) } });
  const items = [
    { id: 'a', title: 'A' },
    { id: 'g', title: 'Viewed G', historyOnly: true },
    { id: 'h', title: 'Viewed H', historyOnly: true },
  ];
  const result = await resolveVectors(items, s, []);
  assert.deepEqual(calls.index, [['a']]);
  assert.deepEqual(calls.cache, [['g', 'h']]);
  assert.deepEqual(calls.embed, [['Viewed H']]);
  assert.deepEqual([...result.vectors.keys()].sort(), ['a', 'g', 'h']);
});

test('a page that gives every candidate a data-vector fetches nothing from the index', async () => {
  const { s, calls } = sources({ index: { a: unit(0, 1) }, cache: { h: unit(1, 1) } });
  const items = [
    { id: 'a', title: 'A', inline: encodeInlineVectorInt8([1, 0]) },
    { id: 'h', title: 'Viewed H', historyOnly: true },
  ];
  const result = await resolveVectors(items, s, []);
  assert.deepEqual(calls.index, []);
  assert.deepEqual(Array.from(result.vectors.get('a')!), [1, 0], 'the inline vector, not the index one');
  assert.deepEqual(calls.cache, [['h']]);
});
