// The evaluation, end to end: read the folder, get the catalog signals the
// device would have in each condition, replay every case through every
// method, print the tables and write summary.json + SVG charts (+ optional
// per-case rankings).
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_MAX_DISPLACEMENT, DEFAULT_MODELS } from '../../src/rank/default-weights.ts';
import { readDataset } from './dataset.ts';
import { chosenConditions, type Condition } from './conditions.ts';
import { conditionSignals } from './model-signals.ts';
import { SIMULATED_SESSIONS } from './click-simulation.ts';
import { conditionReport, type ConditionReport } from './condition-report.ts';

export interface EvalSummaryFile {
  data: { dir: string; cases: number; items: number; purchases: number | null; sha256: Record<string, string | undefined> };
  settings: {
    models: typeof DEFAULT_MODELS;
    maxDisplacement: number;
    simulatedSessions: number;
    split: string;
    bootstrap: string;
  };
  conditions: Partial<Record<Condition, ConditionReport>>;
}

export interface EvalOptions {
  /** Folder with items.jsonl, cases.jsonl and optionally purchases.jsonl. */
  data: string;
  out: string;
  /** Only these conditions (comma list as given); every one the data allows when absent. */
  condition?: string | undefined;
  /** Write every case's order per condition and method here (JSON Lines). */
  rankings?: string | undefined;
  /** Only these methods (server is always added); all when absent. */
  methods?: string[] | undefined;
  /** Only the first N cases. */
  limit?: number | undefined;
  content: 'auto' | 'none';
  cache: string;
  log: (line: string) => void;
}

/** Runs the evaluation and writes its results; a bad input is an EdgeRerankError, a condition the data cannot give a UsageError. */
export async function runEval(args: EvalOptions): Promise<void> {
  const { log } = args;
  const started = performance.now();
  const dataset = readDataset(resolve(args.data));
  if (args.limit !== undefined) dataset.cases = dataset.cases.slice(0, args.limit);
  const conditions = chosenConditions(args.condition, dataset);
  const signals = await conditionSignals(dataset, conditions, { content: args.content, cacheDir: resolve(args.cache), log });

  let rankings: ReturnType<typeof createWriteStream> | undefined;
  if (args.rankings) {
    mkdirSync(dirname(resolve(args.rankings)), { recursive: true });
    rankings = createWriteStream(resolve(args.rankings));
  }
  const outDir = resolve(args.out);
  mkdirSync(outDir, { recursive: true });
  const reports: EvalSummaryFile['conditions'] = {};
  const timing: string[] = [];
  for (const condition of conditions) {
    const report = conditionReport(dataset, condition, signals.get(condition)!, args.methods, DEFAULT_MAX_DISPLACEMENT, (line) =>
      rankings?.write(`${JSON.stringify({ id: line.id, condition, method: line.method, order: line.order })}\n`),
    );
    reports[condition] = report.summary;
    for (const [name, svg] of report.charts) writeFileSync(join(outDir, name), svg);
    for (const table of report.tables) log(`\n${table}`);
    for (const [subset, verdict] of Object.entries(report.summary.acceptance))
      log(`acceptance ${condition} (${subset}): ${JSON.stringify(verdict)}`);
    timing.push(`${condition}: ${[...report.seconds].map(([m, s]) => `${m} ${s.toFixed(1)}s`).join(', ')}`);
  }
  if (rankings) await new Promise<void>((done, fail) => rankings.end((err?: Error | null) => (err ? fail(err) : done())));

  const file: EvalSummaryFile = {
    data: {
      dir: args.data,
      cases: dataset.cases.length,
      items: dataset.items.size,
      purchases: dataset.purchases?.length ?? null,
      sha256: dataset.sha256,
    },
    settings: {
      models: DEFAULT_MODELS,
      maxDisplacement: DEFAULT_MAX_DISPLACEMENT,
      simulatedSessions: SIMULATED_SESSIONS,
      split: 'by user: fnv1a("edge-rerank-split:" + user) % 10 → 0-5 train, 6-7 validation, 8-9 test',
      bootstrap: '2000 paired resamples of cases, fixed seed, 2.5/97.5 percentiles',
    },
    conditions: reports,
  };
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify(file, null, 1)}\n`);
  log(
    `\n${dataset.cases.length} cases in ${((performance.now() - started) / 1000).toFixed(1)} s (${timing.join('; ')}); wrote ${join(outDir, 'summary.json')}`,
  );
}
