import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentVectors } from '../../../src/worker/recent-vectors.ts';

const v = (x: number) => new Float32Array([x]);

test('vectors are kept per model: the same id under another model is a miss', () => {
  const memo = new RecentVectors();
  memo.put('m1', new Map([['a', v(1)]]));
  assert.deepEqual([...memo.get('m1', ['a', 'b']).keys()], ['a']);
  assert.equal(memo.get('m2', ['a']).size, 0);
});

test('beyond capacity the least recently used entry goes first', () => {
  const memo = new RecentVectors(2);
  memo.put(
    'm',
    new Map([
      ['a', v(1)],
      ['b', v(2)],
    ]),
  );
  memo.get('m', ['a']); // a is now the most recent
  memo.put('m', new Map([['c', v(3)]]));
  assert.deepEqual([...memo.get('m', ['a', 'b', 'c']).keys()], ['a', 'c']);
  assert.equal(memo.size, 2);
});

test('clear() forgets everything', () => {
  const memo = new RecentVectors();
  memo.put('m', new Map([['a', v(1)]]));
  memo.clear();
  assert.equal(memo.get('m', ['a']).size, 0);
});
