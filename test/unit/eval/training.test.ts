import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitPairwiseLogistic, pairwiseLoss, type RankingList } from '../../../scripts/eval/pairwise-logistic.ts';
import { splitOf } from '../../../scripts/eval/split.ts';
import { serverViews } from '../../../scripts/eval/train-situation.ts';
import type { Dataset, EvalCase } from '../../../scripts/eval/dataset.ts';

const row = (...v: number[]) => Float64Array.from(v);

test('pairwise logistic learns the sign of a feature that orders the labels and lowers the loss', () => {
  // Feature 0 is noise-free evidence for the label, feature 1 is against it.
  const lists: RankingList[] = [
    { rows: [row(1, 0), row(0, 1), row(0.5, 0.5)], labels: [2, 0, 1] },
    { rows: [row(0, 1), row(1, 0)], labels: [0, 1] },
  ];
  const w = fitPairwiseLogistic(lists, { l2: 1e-4, iterations: 500 });
  assert.ok((w[0] as number) > 0 && (w[1] as number) < 0, `w = ${Array.from(w)}`);
  assert.ok(pairwiseLoss(lists, w) < pairwiseLoss(lists, new Float64Array(2)));
});

test('a feature that never differs within a list gets no weight', () => {
  const lists: RankingList[] = [{ rows: [row(1, 3), row(0, 3)], labels: [1, 0] }];
  assert.equal(fitPairwiseLogistic(lists)[1], 0);
});

test('the split is by user, deterministic and roughly 60/20/20', () => {
  assert.equal(splitOf('user-1'), splitOf('user-1'));
  const counts = { train: 0, validation: 0, test: 0 };
  for (let i = 0; i < 10_000; i++) counts[splitOf(String(i))]++;
  assert.ok(Math.abs(counts.train - 6000) < 300, JSON.stringify(counts));
  assert.ok(Math.abs(counts.validation - 2000) < 300, JSON.stringify(counts));
  assert.ok(Math.abs(counts.test - 2000) < 300, JSON.stringify(counts));
});

test('the trainer fits behind the shop order and, with a purchase log, a popularity-ordered copy of the same cases', () => {
  // c bought by three shoppers, b by one, a by none: popularity order c, b, a; the target b has rank 2 there.
  const cases: EvalCase[] = [
    {
      id: 'q1',
      user: 'u1',
      query: 'q',
      target: 'b',
      history: [],
      candidates: [
        ['a', 0],
        ['b', 2],
        ['c', 1],
      ],
    },
  ];
  const withLog = { cases, purchases: [['c'], ['c', 'b'], ['c']] } as unknown as Dataset;
  const views = serverViews(withLog, cases);
  assert.deepEqual(
    views.map((v) => [v.name, v.cases[0]!.candidates.map(([id]) => id).join('')]),
    [
      ['shop order', 'abc'],
      ['popularity order', 'cba'],
    ],
  );
  assert.equal(views[0]!.server.mrr.overall, 1 / 2);
  assert.equal(views[1]!.server.mrr.overall, 1 / 2);
  assert.deepEqual(
    views[1]!.cases[0]!.candidates,
    [
      ['c', 1],
      ['b', 2],
      ['a', 0],
    ],
    'labels travel with their items',
  );
  assert.equal(serverViews({ cases } as unknown as Dataset, cases).length, 1, 'without a log there is no popularity to order by');
});
