// The plain-text results table printed on stdout.
import { SEGMENTS, type SubsetSummary } from './summarize.ts';

const pct = (x: number): string => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%` : 'n/a');
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
const ci = (lo: number, hi: number): string => `[${num(lo)}, ${num(hi)}]`;

export function resultsTable(title: string, summary: SubsetSummary): string {
  const rows: string[][] = [['method', 'segment', 'cases', 'NDCG@10', 'vs server', 'ΔNDCG 95% CI', 'MRR', 'vs server', 'ΔMRR 95% CI']];
  for (const [method, segments] of Object.entries(summary)) {
    for (const segment of SEGMENTS) {
      const s = segments[segment];
      if (s.cases === 0) continue;
      rows.push([
        method,
        segment,
        String(s.cases),
        num(s.ndcg),
        pct(s.ndcgRatio - 1),
        ci(s.ndcgDiff.low, s.ndcgDiff.high),
        num(s.mrr),
        pct(s.mrrRatio - 1),
        ci(s.mrrDiff.low, s.mrrDiff.high),
      ]);
    }
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] as string).length)));
  const line = (r: string[]) =>
    r
      .map((cell, col) => cell.padEnd(widths[col] as number))
      .join('  ')
      .trimEnd();
  return [title, line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
