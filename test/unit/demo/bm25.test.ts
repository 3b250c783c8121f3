import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, tokenize } from '../../../demo/search/bm25.ts';

const doc = (id: string, title: string) => ({ id, fields: [{ text: title, weight: 1 }] });

test('tokenize lower-cases, splits on punctuation and drops a plural s', () => {
  assert.deepEqual(tokenize('Trail-Running SHOES, 2-Person tents'), ['trail', 'running', 'shoe', '2', 'person', 'tent']);
  assert.deepEqual(tokenize('glass gas'), ['glass', 'gas']);
});

test('a document matching every query term beats one matching a single term', () => {
  const index = new Bm25Index([doc('a', 'blue tent'), doc('b', 'red jacket'), doc('c', 'red tent')]);
  assert.deepEqual(index.search('red tent').map((h) => h.id)[0], 'c');
});

test('a rare term outweighs a common one', () => {
  // "tent" is in 3 of 4 docs, "ultralight" in 1: idf decides between a and b.
  const index = new Bm25Index([doc('a', 'tent'), doc('b', 'ultralight'), doc('c', 'tent'), doc('d', 'tent')]);
  assert.ok(index.idf('ultralight') > index.idf('tent'));
  assert.deepEqual(
    index.search('tent ultralight').map((h) => h.id),
    ['b', 'a', 'c', 'd'],
  );
});

test('field weights count a title match above a description match', () => {
  const index = new Bm25Index([
    {
      id: 'desc',
      fields: [
        { text: 'jacket', weight: 3 },
        { text: 'stove', weight: 1 },
      ],
    },
    {
      id: 'title',
      fields: [
        { text: 'stove', weight: 3 },
        { text: 'jacket', weight: 1 },
      ],
    },
  ]);
  assert.deepEqual(
    index.search('stove').map((h) => h.id),
    ['title', 'desc'],
  );
});

test('no terms or no matches give no hits; limit cuts the list; ties keep input order', () => {
  const index = new Bm25Index([doc('a', 'tent'), doc('b', 'tent'), doc('c', 'tent')]);
  assert.deepEqual(index.search('   '), []);
  assert.deepEqual(index.search('kayak'), []);
  assert.deepEqual(
    index.search('tent', 2).map((h) => h.id),
    ['a', 'b'],
  );
});
