// edge-rerank-index: command-line shell around buildIndex / mergeIndex /
// inspectItem. Exit 0 on success, 1 when nothing could be built or an index
// is unusable, 2 on a usage error.
import { parseArgs } from 'node:util';
import { EdgeRerankError } from '../../src/errors.ts';
import { buildIndex, parseShardPart, type BuildSummary } from './build.ts';
import { INDEX_DEVICES, type IndexDevice } from './device.ts';
import { ARITHMETICS, type Arithmetic } from './embedder.ts';
import { inspectItem } from './inspect.ts';
import { mergeIndex } from './merge.ts';
import { progressReporter } from './progress.ts';

const USAGE = `usage:
  edge-rerank-index build --catalog FILE --out DIR [--model DIR] [--dtype q8|fp32]
                          [--device auto|cuda|webgpu|cpu] [--arithmetic float32|int8] [--batch N] [--shard i/n] [--resume]
                          [--interactions FILE] [--min-pair-shoppers N] [--threads N] [--checkpoint-items N]
                          [--items-per-shard N] [--tokenizer-workers N]
  edge-rerank-index merge --out DIR
  edge-rerank-index inspect --index DIR --id ID`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} ${value}: expected a positive integer`);
  return n;
}

function shardPart(value: string) {
  try {
    return parseShardPart(value);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function printSummary(s: BuildSummary): void {
  const lines = [
    `items: ${s.items} indexed from ${s.lines} lines (${s.embedded} embedded, ${s.shardsBuilt} shards built, ${s.shardsReused} reused, ${s.shardCount} in the index)`,
    `skipped: ${s.skipped.length}${
      s.skipped.length
        ? ` (${Object.entries(s.skippedByReason)
            .map(([r, n]) => `${n} ${r}`)
            .join(', ')})`
        : ''
    }`,
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      catalog: { type: 'string' },
      out: { type: 'string' },
      model: { type: 'string' },
      dtype: { type: 'string' },
      device: { type: 'string' },
      arithmetic: { type: 'string' },
      batch: { type: 'string' },
      shard: { type: 'string' },
      resume: { type: 'boolean' },
      interactions: { type: 'string' },
      'min-pair-shoppers': { type: 'string' },
      threads: { type: 'string' },
      'checkpoint-items': { type: 'string' },
      'items-per-shard': { type: 'string' },
      'tokenizer-workers': { type: 'string' },
      index: { type: 'string' },
      id: { type: 'string' },
    },
  });
  // On a terminal, clear the progress bar's line before a log line.
  const log = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${line}\n`);

  if (command === 'build') {
    if (!values.catalog || !values.out) throw new UsageError('build needs --catalog FILE and --out DIR');
    const device = (values.device ?? 'auto') as IndexDevice;
    if (!INDEX_DEVICES.includes(device)) throw new UsageError(`--device ${values.device}: expected one of ${INDEX_DEVICES.join(', ')}`);
    const dtype = values.dtype ?? 'q8';
    if (dtype !== 'q8' && dtype !== 'fp32') throw new UsageError(`--dtype ${dtype}: expected q8 or fp32`);
    const arithmetic = (values.arithmetic ?? 'float32') as Arithmetic;
    if (!ARITHMETICS.includes(arithmetic)) throw new UsageError(`--arithmetic ${values.arithmetic}: expected ${ARITHMETICS.join(' or ')}`);
    const progress = progressReporter();
    const summary = await buildIndex({
      catalog: values.catalog,
      out: values.out,
      model: values.model,
      dtype,
      device,
      arithmetic,
      batch: positiveInt('batch', values.batch),
      shard: values.shard === undefined ? undefined : shardPart(values.shard),
      resume: values.resume ?? false,
      interactions: values.interactions,
      minPairShoppers: positiveInt('min-pair-shoppers', values['min-pair-shoppers']),
      threads: positiveInt('threads', values.threads),
      checkpointItems: positiveInt('checkpoint-items', values['checkpoint-items']),
      itemsPerShard: positiveInt('items-per-shard', values['items-per-shard']),
      tokenizerWorkers: values['tokenizer-workers'] === '0' ? 0 : positiveInt('tokenizer-workers', values['tokenizer-workers']),
      log,
      progress: (done, total) => progress.update(done, total),
    }).finally(() => progress.finish());
    for (const p of summary.skipped.slice(0, 20)) log(`skipped ${p.where}: ${p.reason}`);
    if (summary.skipped.length > 20) log(`… and ${summary.skipped.length - 20} more skipped lines`);
    for (const p of summary.duplicates.slice(0, 20)) log(`duplicate ${p.where}: ${p.detail ?? p.reason}`);
    if (summary.duplicates.length > 20) log(`… and ${summary.duplicates.length - 20} more duplicates`);
    printSummary(summary);
    return 0;
  }
  if (command === 'merge') {
    if (!values.out) throw new UsageError('merge needs --out DIR');
    const merged = await mergeIndex(values.out);
    process.stdout.write(`manifest: ${merged.manifest} (${merged.count} items in ${merged.shards} shards, ${merged.bytes} bytes)\n`);
    return 0;
  }
  if (command === 'inspect') {
    if (!values.index || values.id === undefined) throw new UsageError('inspect needs --index DIR and --id ID');
    const item = await inspectItem(values.index, values.id);
    if (item.neighbours.length) {
      process.stdout.write(`neighbours of ${item.id} (strongest first):\n`);
      for (const n of item.neighbours) process.stdout.write(`  ${n.id}\t${n.weight}\n`);
    } else {
      process.stdout.write(`neighbours of ${item.id}: none\n`);
    }
    process.stdout.write(`${JSON.stringify(Array.from(item.vector))}\n`);
    return 0;
  }
  throw new UsageError(command ? `unknown command ${command}` : 'no command given');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`edge-rerank-index: ${err.message}\n${USAGE}\n`);
      process.exit(2);
    }
    const message =
      err instanceof EdgeRerankError ? `${err.code}: ${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`edge-rerank-index: ${message}\n`);
    process.exit(1);
  },
);
