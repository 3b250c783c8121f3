import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptance, summarize } from '../../../scripts/eval/summarize.ts';
import type { EvalCase } from '../../../scripts/eval/dataset.ts';
import type { EvaluationRun } from '../../../scripts/eval/evaluate.ts';

function evalCase(id: string, historyLength: number): EvalCase {
  return {
    id,
    user: id,
    query: 'q',
    target: 't',
    history: Array.from({ length: historyLength }, (_, i) => `h${i}`),
    candidates: [['t', 2]],
  };
}

test('segments split at 5 history items; ratios and differences are against the server', () => {
  const cases = [evalCase('a', 4), evalCase('b', 5), evalCase('c', 9)];
  const run: EvaluationRun = {
    methods: ['server', 'personalized'],
    perMethod: new Map([
      ['server', { ndcg: [0.5, 0.5, 0.5], mrr: [0.2, 0.2, 0.4] }],
      ['personalized', { ndcg: [0.5, 0.6, 0.4], mrr: [0.2, 0.5, 0.5] }],
    ]),
    seconds: new Map(),
  };
  const summary = summarize(cases, run, 'all');
  const p = summary.personalized!;
  assert.equal(p['history<5'].cases, 1);
  assert.equal(p['history>=5'].cases, 2);
  assert.ok(Math.abs(p['history>=5'].mrr - 0.5) < 1e-12);
  assert.ok(Math.abs(p['history>=5'].mrrRatio - 0.5 / 0.3) < 1e-12);
  assert.ok(Math.abs(p['history>=5'].mrrDiff.mean - 0.2) < 1e-12);
  assert.ok(Math.abs(p.overall.ndcgRatio - 1) < 1e-12);
  const verdict = acceptance(p);
  assert.equal(verdict.ndcgAtLeast099, true);
  assert.equal(verdict.mrrAtLeast110ForLongHistory, true);
  assert.equal(verdict.mrrCiExcludesZeroForLongHistory, true);
  // The server compared with itself passes the NDCG floor but not the MRR gain.
  assert.equal(acceptance(summary.server!).mrrAtLeast110ForLongHistory, false);
});
