// Prints the tables docs/RANKING.md quotes, from an evaluation's summary.json:
//   npx tsx scripts/eval/markdown-report.ts eval/results/summary.json [test|all|validation|train]
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES } from '../../src/rank/features.ts';
import { modelUsesEncoder } from '../../src/rank/encoder-use.ts';
import type { EvalSummaryFile } from './run-eval.ts';
import { SEGMENTS, SUBSETS, type SegmentSummary } from './summarize.ts';

type Interval = SegmentSummary['mrrDiff'];
const pct = (x: number): string => `${x >= 1 ? '+' : '−'}${Math.abs((x - 1) * 100).toFixed(1)} %`;
const signed = (x: number, digits = 3): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}`;
const ci = (i: Interval): string => `[${signed(i.low)}, ${signed(i.high)}]`;

function segmentRows(server: Record<string, SegmentSummary>, personalized: Record<string, SegmentSummary>): string[] {
  const rows = [
    '| segment (cases) | server NDCG@10 / MRR | personalized NDCG@10 | ΔNDCG 95% CI | personalized MRR | ΔMRR 95% CI |',
    '|---|---|---|---|---|---|',
  ];
  for (const segment of SEGMENTS) {
    const s = server[segment]!;
    const p = personalized[segment]!;
    rows.push(
      `| ${segment} (${p.cases}) | ${s.ndcg.toFixed(4)} / ${s.mrr.toFixed(4)} | ${p.ndcg.toFixed(4)} (${pct(p.ndcgRatio)}) | ${ci(p.ndcgDiff)} | ${p.mrr.toFixed(4)} (${pct(p.mrrRatio)}) | ${ci(p.mrrDiff)} |`,
    );
  }
  return rows;
}

function methodRows(results: Record<string, Record<string, SegmentSummary>>): string[] {
  const rows = [
    '| method | NDCG@10 vs server | MRR vs server | MRR vs server, history ≥ 5 | personalized − method: MRR (95% CI) | NDCG@10 (95% CI) |',
    '|---|---|---|---|---|---|',
  ];
  for (const [method, m] of Object.entries(results)) {
    if (method === 'server') continue;
    const marginal = m.overall!.marginal;
    const value = (i: Interval) => `${signed(i.mean, 4)} ${ci(i)}`;
    rows.push(
      `| ${method} | ${pct(m.overall!.ndcgRatio)} | ${pct(m.overall!.mrrRatio)} | ${pct(m['history>=5']!.mrrRatio)} | ${marginal ? value(marginal.mrr) : ''} | ${marginal ? value(marginal.ndcg) : ''} |`,
    );
  }
  return rows;
}

/** The models the evaluation ranked with (the shipped ones). */
export function modelsTable(file: EvalSummaryFile): string {
  const rows = [
    `| situation | ${FEATURE_NAMES.join(' | ')} | topicality | lexical floor | max displacement | encoder |`,
    `|---|${FEATURE_NAMES.map(() => '---|').join('')}---|---|---|---|`,
  ];
  for (const [situation, model] of Object.entries(file.settings.models)) {
    const weights = FEATURE_NAMES.map((n) => String(model.weights[n]));
    rows.push(
      `| ${situation} | ${weights.join(' | ')} | ${model.topicality} | ${model.lexicalFloor ?? 0} | ${model.maxDisplacement} | ${modelUsesEncoder(model) ? 'loaded' : 'not loaded'} |`,
    );
  }
  return rows.join('\n');
}

/** The issue's bars per condition and split, from `acceptance`. */
export function acceptanceTable(file: EvalSummaryFile): string {
  const subsets = SUBSETS.filter((s) => Object.values(file.conditions).some((r) => r?.acceptance[s]));
  const rows = [`| condition (bar) | ${subsets.join(' | ')} |`, `|---|${subsets.map(() => '---|').join('')}`];
  for (const [condition, report] of Object.entries(file.conditions)) {
    const first = Object.values(report?.acceptance ?? {})[0];
    if (!first) continue;
    const cells = subsets.map((subset) => {
      const a = report!.acceptance[subset];
      if (!a) return '';
      const ndcg = a.ndcgAtLeast099 ? 'NDCG ok' : '**NDCG below 0.99 ×**';
      return `${a.mrrMet ? '' : '**'}×${a.mrrRatio.toFixed(3)}${a.mrrMet ? '' : '**'}, ${ndcg}`;
    });
    rows.push(
      `| ${condition} (MRR ${first.mrrSegment === 'overall' ? '' : `${first.mrrSegment} `}≥ ${first.mrrTarget} ×) | ${cells.join(' | ')} |`,
    );
  }
  return rows.join('\n');
}

export function markdownReport(file: EvalSummaryFile, subset: 'all' | 'train' | 'validation' | 'test'): string {
  const out: string[] = [];
  for (const [condition, report] of Object.entries(file.conditions)) {
    const results = report?.results[subset];
    if (!results?.server || !results.personalized) continue;
    out.push(`#### ${condition} (${subset} split, ${results.server.overall.cases} cases)`, '');
    out.push(...segmentRows(results.server, results.personalized), '', ...methodRows(results), '');
  }
  return out.join('\n');
}

if (process.argv[1]?.endsWith('markdown-report.ts')) {
  const [path = 'eval/results/summary.json', subset = 'test'] = process.argv.slice(2);
  const file = JSON.parse(readFileSync(path, 'utf8')) as EvalSummaryFile;
  console.log(`${modelsTable(file)}\n\n${acceptanceTable(file)}\n\n${markdownReport(file, subset as 'test')}`);
}
