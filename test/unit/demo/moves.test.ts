import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveSentence, summariseMoves } from '../../../demo/client/moves.ts';
import { historyIn } from '../../../demo/client/history-check.ts';

test('only items that moved up with a reason count as moved because of history', () => {
  const server = ['a', 'b', 'c', 'd', 'e'];
  const order = ['d', 'a', 'b', 'c', 'e'];
  const summary = summariseMoves(server, order, { d: 'Because you viewed “X”' });
  assert.deepEqual(
    summary.lifted.map((m) => [m.id, m.delta]),
    [['d', 3]],
  );
  assert.deepEqual(
    summary.shifted.map((m) => [m.id, m.delta]),
    [
      ['a', -1],
      ['b', -1],
      ['c', -1],
    ],
  );
  assert.equal(
    moveSentence(summary, 4, true),
    'Personalized on this device: 1 product moved up because of your history. 3 others changed place to make room.',
  );
});

test('a reason on an item that did not move up is not counted', () => {
  const summary = summariseMoves(['a', 'b'], ['a', 'b'], { b: 'Because you viewed “Y”' });
  assert.equal(summary.lifted.length, 0);
  assert.match(moveSentence(summary, 2, true), /^Server order kept/);
  assert.match(moveSentence(summary, 0, true), /nothing is stored about you yet/);
  assert.match(moveSentence(summary, 2, false), /server order stays/);
});

test("a request carries history when a stored title or id is in its URL, body or headers, in any encoding; Referer doesn't count", () => {
  const stored = [{ itemId: 'sku-0042', title: 'Kestrel Ridge 1 Trail Running Shoes' }];
  const clean = { url: '/models/default/onnx/model.onnx', body: '', headers: { referer: 'http://127.0.0.1/product?id=sku-0042' } };
  assert.deepEqual(historyIn(clean, stored), []);
  assert.deepEqual(historyIn({ ...clean, url: '/index/x?seen=sku-0042' }, stored), ['sku-0042']);
  assert.deepEqual(historyIn({ ...clean, url: `/x?q=${encodeURIComponent(stored[0]!.title)}` }, stored), [stored[0]!.title]);
  assert.deepEqual(historyIn({ ...clean, url: '/x?q=kestrel+ridge+1+trail+running+shoes' }, stored), [stored[0]!.title]);
  assert.deepEqual(historyIn({ ...clean, body: JSON.stringify({ history: stored }) }, stored), ['sku-0042', stored[0]!.title]);
  assert.deepEqual(historyIn({ ...clean, headers: { 'x-history': 'sku-0042' } }, stored), ['sku-0042']);
});
