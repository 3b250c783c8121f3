// A robustness variant of an evaluation folder: the same cases, but the
// server's list re-sorted by catalog popularity (shoppers who bought each item
// in purchases.jsonl, ties kept in the original order), as a shop whose search
// orders by popularity would send it. Labels, history and the catalog are
// unchanged. The evaluation then shows how a model fitted on a relevance-
// ordered server behaves behind a popularity-ordered one.
//
//   npx tsx scripts/eval/popularity-variant.ts --data DIR --out VARIANT_DIR
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readDataset, type EvalCase } from './dataset.ts';

export function popularityOrdered(cases: readonly EvalCase[], purchases: readonly string[][]): EvalCase[] {
  const bought = new Map<string, number>();
  for (const list of purchases) for (const id of new Set(list)) bought.set(id, (bought.get(id) ?? 0) + 1);
  return cases.map((c) => ({
    ...c,
    candidates: c.candidates
      .map((pair, index) => ({ pair, index, n: bought.get(pair[0]) ?? 0 }))
      .sort((a, b) => b.n - a.n || a.index - b.index)
      .map((x) => x.pair),
  }));
}

async function main(): Promise<void> {
  const args = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' } } }).values;
  if (!args.data || !args.out) throw new Error('usage: popularity-variant.ts --data DIR --out VARIANT_DIR');
  const dataset = readDataset(resolve(args.data));
  if (!dataset.purchases) throw new Error(`${args.data}: popularity needs purchases.jsonl`);
  mkdirSync(resolve(args.out), { recursive: true });
  copyFileSync(join(dataset.dir, 'items.jsonl'), join(resolve(args.out), 'items.jsonl'));
  copyFileSync(join(dataset.dir, 'purchases.jsonl'), join(resolve(args.out), 'purchases.jsonl'));
  const cases = popularityOrdered(dataset.cases, dataset.purchases);
  writeFileSync(join(resolve(args.out), 'cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  console.log(`wrote ${cases.length} popularity-ordered cases to ${args.out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((err) => {
    console.error(`[edge-rerank] ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
