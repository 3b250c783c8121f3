// The evaluation, end to end: read the folder, get the catalog signals the
// device would have, replay every case through every method, print the table
// and write summary.json + SVG charts (+ optional per-case rankings).
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EdgeRerankError } from '../../src/errors.ts';
import { DEFAULT_MAX_DISPLACEMENT, DEFAULT_WEIGHTS } from '../../src/rank/default-weights.ts';
import { readDataset } from './dataset.ts';
import { catalogSignals } from './model-signals.ts';
import { allMethods } from './methods.ts';
import { evaluate } from './evaluate.ts';
import { acceptance, summarize, SUBSETS, type SubsetSummary } from './summarize.ts';
import { resultsTable } from './table.ts';
import { resultsChart } from './chart.ts';
import { SIMULATED_SESSIONS } from './click-simulation.ts';

export interface EvalSummaryFile {
  data: { dir: string; cases: number; items: number; purchases: number | null; sha256: Record<string, string | undefined> };
  signals: { content: string; behaviour: string };
  settings: { weights: Record<string, number>; maxDisplacement: number; simulatedSessions: number; split: string; bootstrap: string };
  methods: Record<string, string>;
  results: Partial<Record<(typeof SUBSETS)[number], SubsetSummary>>;
  acceptance: Record<string, ReturnType<typeof acceptance>>;
}

export interface EvalOptions {
  /** Folder with items.jsonl, cases.jsonl and optionally purchases.jsonl. */
  data: string;
  out: string;
  /** Write every case's order per method here (JSON Lines). */
  rankings?: string | undefined;
  /** Only these methods (server is always added); all when absent. */
  methods?: string[] | undefined;
  /** Only the first N cases. */
  limit?: number | undefined;
  content: 'auto' | 'none';
  cache: string;
  log: (line: string) => void;
}

/** Runs the evaluation and writes its results; a bad input is an EdgeRerankError. */
export async function runEval(args: EvalOptions): Promise<void> {
  const { log } = args;
  const started = performance.now();
  const dataset = readDataset(resolve(args.data));
  if (args.limit !== undefined) dataset.cases = dataset.cases.slice(0, args.limit);
  const signals = await catalogSignals(dataset, { content: args.content, cacheDir: resolve(args.cache), log });
  const settings = { weights: DEFAULT_WEIGHTS, maxDisplacement: DEFAULT_MAX_DISPLACEMENT };
  let methods = allMethods(dataset, signals, settings);
  if (args.methods) {
    const wanted = new Set(args.methods);
    const unknown = [...wanted].filter((m) => !methods.some((x) => x.name === m));
    if (unknown.length)
      throw new EdgeRerankError(
        'input',
        `--methods: unknown or unavailable ${unknown.join(', ')} (available: ${methods.map((m) => m.name).join(', ')})`,
      );
    wanted.add('server'); // the baseline every difference is measured against
    methods = methods.filter((m) => wanted.has(m.name));
  }

  let rankings: ReturnType<typeof createWriteStream> | undefined;
  if (args.rankings) {
    mkdirSync(dirname(resolve(args.rankings)), { recursive: true });
    rankings = createWriteStream(resolve(args.rankings));
  }
  const run = evaluate(dataset.cases, methods, rankings ? (line) => rankings.write(`${JSON.stringify(line)}\n`) : undefined);
  if (rankings) await new Promise<void>((done, fail) => rankings.end((err?: Error | null) => (err ? fail(err) : done())));

  const results: EvalSummaryFile['results'] = {};
  const accepted: EvalSummaryFile['acceptance'] = {};
  for (const subset of SUBSETS) {
    const summary = summarize(dataset.cases, run, subset);
    if (summary.server?.overall.cases === 0) continue;
    results[subset] = summary;
    if (summary.personalized) accepted[subset] = acceptance(summary.personalized);
  }

  const outDir = resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const file: EvalSummaryFile = {
    data: {
      dir: args.data,
      cases: dataset.cases.length,
      items: dataset.items.size,
      purchases: dataset.purchases?.length ?? null,
      sha256: dataset.sha256,
    },
    signals: signals.source,
    settings: {
      weights: settings.weights,
      maxDisplacement: settings.maxDisplacement,
      simulatedSessions: SIMULATED_SESSIONS,
      split: 'by user: fnv1a("edge-rerank-split:" + user) % 10 → 0-5 train, 6-7 validation, 8-9 test',
      bootstrap: '2000 paired resamples of cases, fixed seed, 2.5/97.5 percentiles',
    },
    methods: Object.fromEntries(methods.map((m) => [m.name, m.description])),
    results,
    acceptance: accepted,
  };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(file, null, 1)}\n`);
  for (const subset of ['all', 'test'] as const) {
    const summary = results[subset];
    if (!summary) continue;
    const title = `${subset === 'all' ? 'All' : 'Test-split'} cases (${summary.server?.overall.cases}) of ${args.data}`;
    writeFileSync(join(outDir, `chart-${subset}.svg`), resultsChart(title, summary));
    log(`\n${resultsTable(title, summary)}`);
  }
  for (const [subset, verdict] of Object.entries(accepted)) log(`acceptance (${subset}): ${JSON.stringify(verdict)}`);
  const seconds = [...run.seconds].map(([m, s]) => `${m} ${s.toFixed(1)}s`).join(', ');
  log(
    `\n${dataset.cases.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (${seconds}); wrote ${join(outDir, 'summary.json')}`,
  );
}
