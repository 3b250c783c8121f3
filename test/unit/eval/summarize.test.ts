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
  // full: MRR(≥5) ≥ 1.25 × server; 0.5 / 0.3 = 1.67.
  const verdict = acceptance(p, 'full');
  assert.equal(verdict.mrrSegment, 'history>=5');
  assert.equal(verdict.mrrTarget, 1.25);
  assert.equal(verdict.mrrMet, true);
  assert.equal(verdict.ndcgAtLeast099, true, 'NDCG (0.6 + 0.4) / 2 equals the server 0.5');
  const worse = { ...p, 'history<5': { ...p['history<5'], ndcgRatio: 0.98 } };
  assert.equal(acceptance(worse, 'full').ndcgAtLeast099, false);
  // titles-only measures MRR over all cases: 1.2 / 0.8 = 1.5.
  assert.equal(acceptance(p, 'titles-only').mrrSegment, 'overall');
  assert.ok(Math.abs(acceptance(p, 'titles-only').mrrRatio - 1.5) < 1e-12);
  // The server compared with itself passes the NDCG floor but not the MRR gain.
  assert.equal(acceptance(summary.server!, 'no-log').mrrMet, false);
  assert.equal(acceptance(summary.server!, 'no-log').ndcgAtLeast099, true);
});
