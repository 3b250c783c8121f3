import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cosineMatrix, idfFromCounts, idfOf, tfidf, titleGrams, Vocabulary } from '../../../src/rank/lexical.ts';

test('a word becomes its 3- to 5-grams with boundary marks, case-folded', () => {
  assert.deepEqual(titleGrams('Ab'), titleGrams('aB'));
  assert.equal(titleGrams('ab').length, 3); // "<ab", "ab>", "<ab>"
  assert.equal(titleGrams('a').length, 1); // "<a>"
  assert.equal(titleGrams('gloves').length, 6 + 5 + 4); // 8 marked chars: 6 trigrams, 5 four-grams, 4 five-grams
  assert.deepEqual(titleGrams('gloves, 100-pack'), [...titleGrams('gloves'), ...titleGrams('100'), ...titleGrams('pack')]);
});

test('plural and singular share most grams; other words share none', () => {
  const shared = (a: string, b: string) => titleGrams(a).filter((g) => titleGrams(b).includes(g)).length;
  assert.ok(shared('glove', 'gloves') >= 8);
  assert.equal(shared('glove', 'caliper'), 0);
});

test('the vocabulary numbers grams densely and a bag counts repeats', () => {
  const vocabulary = new Vocabulary();
  const a = vocabulary.bag('tape tape');
  assert.equal(a.ids.length, titleGrams('tape').length);
  assert.ok([...a.counts].every((c) => c === 2));
  const b = vocabulary.bag('tape');
  assert.deepEqual([...b.ids].sort(), [...a.ids].sort(), 'the same grams get the same ids');
  assert.equal(vocabulary.hashes.length, a.ids.length);
  // Many distinct words grow the table without losing any id.
  const many = Array.from({ length: 3000 }, (_, i) => `w${i}x`).join(' ');
  const big = vocabulary.bag(many);
  assert.equal(new Set(big.ids).size, big.ids.length);
  assert.deepEqual([...vocabulary.bag('tape').ids].sort(), [...a.ids].sort());
});

test('TF-IDF cosine: identical titles 1, disjoint 0, and a shared rare word counts more than a shared common one', () => {
  const vocabulary = new Vocabulary();
  const titles = ['blue nitrile gloves', 'blue nitrile gloves', 'red caliper', 'blue tape', 'blue marker', 'nitrile apron'];
  const bags = titles.map((t) => vocabulary.bag(t));
  const idf = idfOf(vocabulary, bags);
  const vectors = bags.map((b) => tfidf(b, idf));
  const cos = cosineMatrix(vectors, vectors, vocabulary.hashes.length);
  const at = (i: number, j: number) => cos[i * titles.length + j] as number;
  assert.ok(Math.abs(at(0, 1) - 1) < 1e-12);
  assert.equal(at(0, 2), 0);
  assert.ok(at(0, 5) > at(0, 3), '"nitrile" (in 3 titles) says more than "blue" (in 4)');
  assert.ok(Math.abs(at(3, 0) - at(0, 3)) < 1e-12);
});

test('catalog statistics replace the titles at hand when given', () => {
  const vocabulary = new Vocabulary();
  const bags = [vocabulary.bag('blue'), vocabulary.bag('red')];
  const blue = titleGrams('blue');
  const idf = idfOf(vocabulary, bags, { documents: 1000, documentFrequency: (h) => (blue.includes(h) ? 999 : 0) });
  assert.equal(idf[bags[0]!.ids[0]!], idfFromCounts(1000, 999));
  assert.equal(idf[bags[1]!.ids[0]!], idfFromCounts(1000, 0));
});
