// edge-rerank-eval (bin/edge-rerank-eval.js, `npm run eval`): the command-line
// shell around runEval. The model-based signals need the optional peers
// (onnxruntime-node, transformers.js); `--content none` runs without them.
// Exit codes: see scripts/cli/run-command.ts.
import { commandHelp, choiceOption, integerOption, parseOptions, usageLine } from '../cli/option-table.ts';
import { withPeers } from '../cli/peers.ts';
import { EXIT_OK, runCommand } from '../cli/run-command.ts';

const PROGRAM = 'edge-rerank-eval';
const CONTENT = ['auto', 'none'] as const;

const EVAL = {
  name: '',
  summary:
    'Replays shopper cases through the real encoder, an index from the real builder and the real ranker, in each condition a shop may be in; ' +
    'prints NDCG@10 and MRR per method against the server order and writes summary.json and SVG charts.',
  options: {
    data: { type: 'string', value: 'DIR', required: true, help: 'the evaluation folder; see "data" below' },
    condition: {
      type: 'string',
      value: 'LIST',
      shownDefault: 'every one the data allows',
      help: 'full (fields + purchases.jsonl → index with co-purchase neighbours), no-log (fields + index, no log) or titles-only (ids and titles, no index); comma-separated',
    },
    out: { type: 'string', value: 'DIR', default: 'eval/results', help: 'where summary.json and chart-<condition>-*.svg go' },
    rankings: {
      type: 'string',
      value: 'FILE',
      help: 'also write every case\'s order per condition and method here (JSON Lines: {"id","condition","method","order"})',
    },
    methods: {
      type: 'string',
      value: 'LIST',
      shownDefault: 'all',
      help: 'comma-separated methods to run, e.g. server,semantic,personalized (server is always added)',
    },
    limit: { type: 'string', value: 'N', shownDefault: 'all', help: 'only the first N cases' },
    content: {
      type: 'string',
      value: CONTENT.join('|'),
      default: 'auto',
      help: 'auto embeds items and queries with the packaged default model (needs onnxruntime-node); none uses co-purchase and catalog signals only',
    },
    cache: {
      type: 'string',
      value: 'DIR',
      default: 'eval/cache',
      help: 'built indexes, title and query vectors, keyed by the hashes of their inputs',
    },
    quiet: { type: 'boolean', help: 'print nothing but errors' },
    help: { type: 'boolean', help: 'print this help' },
  },
  notes: [
    'data: DIR holds three JSON Lines files (docs/RANKING.md has the details):\n' +
      '  items.jsonl      {"id": "sku-1", "title": "…", "category": "…", "brand": "…"}\n' +
      '  cases.jsonl      {"id": "c1", "user": "u1", "query": "…", "target": "sku-1", "history": ["sku-9"],\n' +
      '                    "candidates": [["sku-4", 0], ["sku-1", 2]]}  (server order, [id, relevance label])\n' +
      '  purchases.jsonl  {"items": ["sku-1", "sku-7"]}  (optional: one shopper\'s purchases, for co-purchase neighbours)',
    'exit codes: 0 done, 1 failed (bad input, model, missing dependency), 2 wrong command line',
  ],
} as const;

const USAGE = `usage: ${usageLine(PROGRAM, EVAL)}`;

async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${commandHelp(PROGRAM, EVAL)}\n`);
    return EXIT_OK;
  }
  const values = parseOptions(EVAL, argv);
  const options = {
    data: values.data as string,
    condition: values.condition,
    out: values.out,
    rankings: values.rankings,
    methods: values.methods
      ?.split(',')
      .map((m) => m.trim())
      .filter(Boolean),
    limit: integerOption('limit', values.limit),
    content: choiceOption('content', values.content, CONTENT),
    cache: values.cache,
    log: (line: string) => {
      if (!values.quiet) process.stdout.write(`${line}\n`);
    },
  };
  const { runEval } = await import('./run-eval.ts');
  await withPeers('--content auto (or run with --content none)', () => runEval(options));
  return EXIT_OK;
}

/** Runs the CLI; resolves to the exit code (never throws, never exits the process). */
export function main(argv: string[]): Promise<number> {
  return runCommand({ name: PROGRAM, usage: USAGE }, () => run(argv));
}
