// One condition of the evaluation: its methods replayed over every case, the
// summary per split (with the acceptance checks and the empty-history check),
// its tables and charts.
import { rank } from '../../src/rank/ranker.ts';
import { EdgeRerankError } from '../../src/errors.ts';
import type { Dataset } from './dataset.ts';
import type { Condition } from './conditions.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { allMethods, type Method } from './methods.ts';
import { evaluate } from './evaluate.ts';
import { acceptance, summarize, SUBSETS, type Acceptance, type SubsetSummary } from './summarize.ts';
import { resultsTable } from './table.ts';
import { resultsChart } from './chart.ts';
import { rankInputOf } from './replay.ts';

export interface ConditionReport {
  signals: CatalogSignals['source'];
  methods: Record<string, string>;
  results: Partial<Record<(typeof SUBSETS)[number], SubsetSummary>>;
  acceptance: Record<string, Acceptance & { emptyHistoryKeepsServerOrder: boolean }>;
}

function pickMethods(methods: Method[], wanted: readonly string[] | undefined): Method[] {
  if (!wanted) return methods;
  const names = new Set(wanted);
  const unknown = [...names].filter((m) => !methods.some((x) => x.name === m));
  if (unknown.length) {
    throw new EdgeRerankError(
      'input',
      `--methods: unknown or unavailable ${unknown.join(', ')} (available: ${methods.map((m) => m.name).join(', ')})`,
    );
  }
  names.add('server'); // the baseline every difference is measured against
  return methods.filter((m) => names.has(m.name));
}

/** Every case ranked as a shopper without history: must be exactly the server order. */
function emptyHistoryKeepsServerOrder(dataset: Dataset, signals: CatalogSignals, maxDisplacement: number): boolean {
  return dataset.cases.every((c) => {
    const order = rank(rankInputOf({ ...c, history: [] }, dataset, signals, { maxDisplacement })).order;
    return order.every((id, i) => id === c.candidates[i]?.[0]);
  });
}

export function conditionReport(
  dataset: Dataset,
  condition: Condition,
  signals: CatalogSignals,
  wanted: readonly string[] | undefined,
  maxDisplacement: number,
  onRanking: (line: { id: string; method: string; order: string[] }) => void,
): { summary: ConditionReport; tables: string[]; charts: Array<[string, string]>; seconds: Map<string, number> } {
  const methods = pickMethods(allMethods(dataset, signals, maxDisplacement), wanted);
  const run = evaluate(dataset.cases, methods, onRanking);
  const emptyOk = emptyHistoryKeepsServerOrder(dataset, signals, maxDisplacement);
  const summary: ConditionReport = {
    signals: signals.source,
    methods: Object.fromEntries(methods.map((m) => [m.name, m.description])),
    results: {},
    acceptance: {},
  };
  for (const subset of SUBSETS) {
    const s = summarize(dataset.cases, run, subset);
    if (s.server?.overall.cases === 0) continue;
    summary.results[subset] = s;
    if (s.personalized) summary.acceptance[subset] = { ...acceptance(s.personalized, condition), emptyHistoryKeepsServerOrder: emptyOk };
  }
  const tables: string[] = [];
  const charts: Array<[string, string]> = [];
  for (const subset of ['all', 'test'] as const) {
    const s = summary.results[subset];
    if (!s) continue;
    const title = `${condition}: ${subset === 'all' ? 'all' : 'test-split'} cases (${s.server?.overall.cases}) of ${dataset.dir}`;
    charts.push([`chart-${condition}-${subset}.svg`, resultsChart(title, s)]);
    tables.push(resultsTable(title, s));
  }
  return { summary, tables, charts, seconds: run.seconds };
}
