// edge-rerank-index: the command-line shell around buildIndex / mergeIndex /
// inspectItem. Only `build` needs onnxruntime-node and transformers.js (the
// optional peers), so they are imported when it runs. Exit codes: see
// scripts/cli/run-command.ts.
import { commandHelp, choiceOption, integerOption, parseOptions, usageLine, UsageError } from '../cli/option-table.ts';
import { withPeers } from '../cli/peers.ts';
import { EXIT_OK, runCommand } from '../cli/run-command.ts';
import {
  ARITHMETICS,
  DEFAULT_BATCH,
  DEFAULT_CHECKPOINT_ITEMS,
  DEFAULT_ITEMS_PER_SHARD,
  DEFAULT_MODEL_DIR,
  INDEX_DEVICES,
  MODEL_DTYPES,
  parseShardPart,
} from './build-settings.ts';
import type { BuildSummary } from './build.ts';
import { describeItem, inspectItem } from './inspect.ts';
import { mergeIndex } from './merge.ts';
import { messageOf } from '../../src/errors.ts';

const PROGRAM = 'edge-rerank-index';
const HELP = { type: 'boolean', help: 'print this help' } as const;

const BUILD = {
  name: 'build',
  summary:
    'Embeds every product of a catalog with the model the widget uses and writes a static index folder ' +
    '(manifest.json + content-addressed shards) that <edge-rerank index="…"> reads by candidate id.',
  options: {
    catalog: {
      type: 'string',
      value: 'FILE',
      required: true,
      help: 'the products: JSON Lines (.jsonl) or CSV with a header row (.csv); see "catalog" below',
    },
    out: {
      type: 'string',
      value: 'DIR',
      required: true,
      help: 'the index folder to write; serve it and name its URL in the index attribute',
    },
    interactions: {
      type: 'string',
      value: 'FILE',
      help: 'an anonymised purchase log (JSON Lines) to learn "bought together" neighbours from; see "interactions" below',
    },
    'min-pair-shoppers': {
      type: 'string',
      value: 'N',
      default: '1',
      help: 'keep a pair of items as neighbours only when at least N shoppers bought both',
    },
    model: {
      type: 'string',
      value: 'DIR',
      shownDefault: DEFAULT_MODEL_DIR,
      help: 'the model folder the widget loads (tokenizer.json, config.json, onnx/)',
    },
    dtype: {
      type: 'string',
      value: MODEL_DTYPES.join('|'),
      default: 'q8',
      help: 'q8 = onnx/model_quantized.onnx (the widget on WebGPU; on WASM it runs model_int8.onnx, within cosine 0.999 of it), fp32 = onnx/model.onnx',
    },
    device: {
      type: 'string',
      value: INDEX_DEVICES.join('|'),
      default: 'auto',
      help: 'onnxruntime-node execution provider; auto takes the fastest that works and says which',
    },
    arithmetic: {
      type: 'string',
      value: ARITHMETICS.join('|'),
      default: 'float32',
      help: "int8 runs the weight MatMuls on the CPU's integer kernels: about twice as fast, vectors within cosine 0.999 (needs --dtype q8 on the CPU)",
    },
    batch: { type: 'string', value: 'N', default: String(DEFAULT_BATCH), help: 'texts per model run' },
    shard: {
      type: 'string',
      value: 'i/n',
      help: 'build only part i of n (0-based) of the shard files, e.g. on n machines; then run merge',
    },
    resume: { type: 'boolean', help: 'keep the shards an interrupted run already finished for the same inputs' },
    threads: { type: 'string', value: 'N', shownDefault: "all cores, onnxruntime's choice", help: 'onnxruntime intra-op threads' },
    'checkpoint-items': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_CHECKPOINT_ITEMS),
      help: 'items embedded between two checkpoints (shards written, what --resume keeps)',
    },
    'items-per-shard': {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_ITEMS_PER_SHARD),
      help: 'items per shard file the shard count aims at: smaller shards waste fewer bytes per page, cost more requests',
    },
    'tokenizer-workers': {
      type: 'string',
      value: 'N',
      shownDefault: 'all cores but two, at most 8',
      help: 'tokenizer worker threads; 0 tokenizes on the main thread',
    },
    help: HELP,
  },
  notes: [
    'catalog: one product per line, {"id": "sku-1", "title": "…", "category": "…", "brand": "…", "description": "…"}; ' +
      'id and title are required, a category may be a list (["Tools", "Measuring"]). A CSV file has a header row naming the same columns. ' +
      'Bad lines are skipped and reported as file:line; a repeated id replaces the earlier line.',
    'interactions: one line per shopper, {"user": "u1", "items": ["sku-1", "sku-7"]} in time order, ' +
      'or one line per event, {"user": "u1", "item": "sku-1", "time": 1718000000}. User ids only group lines; they are never written.',
  ],
} as const;

const MERGE = {
  name: 'merge',
  summary: 'Writes manifest.json once every part of a split build (--shard i/n) is in the same folder.',
  options: { out: { type: 'string', value: 'DIR', required: true, help: 'the index folder the parts were built into' }, help: HELP },
} as const;

const INSPECT = {
  name: 'inspect',
  summary: 'Reads one item back as the widget would (manifest → shard → item) and prints a summary: shard, model, vector norm, neighbours.',
  options: {
    index: { type: 'string', value: 'DIR', required: true, help: 'an index folder' },
    id: { type: 'string', value: 'ID', required: true, help: 'the item id' },
    vector: { type: 'boolean', help: 'also print the whole vector, as one JSON array on the last line' },
    help: HELP,
  },
} as const;

const COMMANDS = [BUILD, MERGE, INSPECT] as const;
const USAGE = ['usage:', ...COMMANDS.map((c) => `  ${usageLine(PROGRAM, c)}`), `  ${PROGRAM} --help`].join('\n');

function overview(): string {
  return [
    `${PROGRAM}: builds the static candidate index that <edge-rerank> reads (vectors + "bought together" neighbours).`,
    '',
    USAGE,
    '',
    'exit codes: 0 done, 1 failed (input, model, device or a missing dependency), 2 wrong command line',
    ...COMMANDS.flatMap((c) => ['', '─'.repeat(8), commandHelp(PROGRAM, c)]),
  ].join('\n');
}

function printSummary(s: BuildSummary): void {
  const skipped = Object.entries(s.skippedByReason).map(([r, n]) => `${n} ${r}`);
  const lines = [
    `items: ${s.items} indexed from ${s.lines} lines (${s.embedded} embedded, ${s.shardsBuilt} shards built, ${s.shardsReused} reused, ${s.shardCount} in the index)`,
    `skipped: ${s.skipped.length}${skipped.length ? ` (${skipped.join(', ')})` : ''}`,
    `duplicates: ${s.duplicates.length} (last line wins)`,
    `model: ${s.model.id} ${s.model.dtype} sha256 ${s.model.sha256}, dim ${s.dim}, ${s.model.arithmetic} arithmetic, pooling ${s.model.pooling}`,
    `device: ${s.device}`,
    `speed: ${s.itemsPerSecond.toFixed(0)} items/s (${s.seconds.toFixed(1)} s in all)`,
    `bytes written: ${s.bytesWritten}`,
    `behaviour: ${s.itemsWithNeighbours} items with neighbours`,
    s.manifest ? `manifest: ${s.manifest}` : 'manifest: not written (one part of a split build; run merge when all parts are done)',
  ];
  for (const line of lines) process.stdout.write(`${line}\n`);
}

/** On a terminal, clears the progress bar's line before a log line. */
const log = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${line}\n`);

function reportProblems(kind: string, problems: { where: string; reason: string; detail?: string | undefined }[], detail: boolean): void {
  for (const p of problems.slice(0, 20)) log(`${kind} ${p.where}: ${detail ? (p.detail ?? p.reason) : p.reason}`);
  if (problems.length > 20) log(`… and ${problems.length - 20} more ${kind === 'skipped' ? 'skipped lines' : 'duplicates'}`);
}

async function build(argv: string[]): Promise<number> {
  const values = parseOptions(BUILD, argv);
  const shard = values.shard === undefined ? undefined : usageOnInput(() => parseShardPart(values.shard as string));
  const options = {
    catalog: values.catalog as string,
    out: values.out as string,
    model: values.model,
    dtype: choiceOption('dtype', values.dtype, MODEL_DTYPES),
    device: choiceOption('device', values.device, INDEX_DEVICES),
    arithmetic: choiceOption('arithmetic', values.arithmetic, ARITHMETICS),
    batch: integerOption('batch', values.batch),
    shard,
    resume: values.resume ?? false,
    interactions: values.interactions,
    minPairShoppers: integerOption('min-pair-shoppers', values['min-pair-shoppers']),
    threads: integerOption('threads', values.threads),
    checkpointItems: integerOption('checkpoint-items', values['checkpoint-items']),
    itemsPerShard: integerOption('items-per-shard', values['items-per-shard']),
    tokenizerWorkers: integerOption('tokenizer-workers', values['tokenizer-workers'], 0),
  };
  const [{ buildIndex }, { progressReporter }] = await withPeers('build', () =>
    Promise.all([import('./build.ts'), import('./progress.ts')]),
  );
  const progress = progressReporter();
  const summary = await buildIndex({ ...options, log, progress: (done, total) => progress.update(done, total) }).finally(() =>
    progress.finish(),
  );
  reportProblems('skipped', summary.skipped, false);
  reportProblems('duplicate', summary.duplicates, true);
  printSummary(summary);
  return EXIT_OK;
}

/** A value the builder itself refuses (e.g. --shard 3/3) is a command-line mistake here. */
function usageOnInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(messageOf(err));
  }
}

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    if (name === undefined) throw new UsageError('no command given');
    process.stdout.write(`${overview()}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command ${name}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${commandHelp(PROGRAM, command)}\n`);
    return EXIT_OK;
  }
  if (command === MERGE) {
    const { out } = parseOptions(MERGE, rest);
    const merged = await mergeIndex(out as string);
    process.stdout.write(`manifest: ${merged.manifest} (${merged.count} items in ${merged.shards} shards, ${merged.bytes} bytes)\n`);
    return EXIT_OK;
  }
  if (command === INSPECT) {
    const values = parseOptions(INSPECT, rest);
    const found = await inspectItem(values.index as string, values.id as string);
    for (const line of describeItem(found, { vector: values.vector ?? false })) process.stdout.write(`${line}\n`);
    return EXIT_OK;
  }
  return build(rest);
}

/** Runs the CLI; resolves to the exit code (never throws, never exits the process). */
export function main(argv: string[]): Promise<number> {
  return runCommand({ name: PROGRAM, usage: USAGE }, () => run(argv));
}
