// Runs the evaluation CLI (through its bin launcher) the way CI and shops do:
// on a 100-case subset of the shared data with the real model and an index
// built by the real batch builder, and on tiny folders whose metrics can be
// checked by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/data/amazon-scientific/', import.meta.url));
const TMP = join(ROOT, 'test', '.tmp', `eval-cli-${process.pid}`);
const SUBSET_CASES = 100;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'edge-rerank-eval.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const readJsonl = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

type Results = Record<string, Record<string, Record<string, { cases: number; ndcg: number; mrr: number }>>>;
interface SummaryFile {
  conditions: Record<
    string,
    {
      signals: { content: string; behaviour: string };
      results: Results;
      acceptance: Record<string, { emptyHistoryKeepsServerOrder: boolean }>;
    }
  >;
}

before(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});

after(() => rmSync(TMP, { recursive: true, force: true }));

test('on a subset of the shared cases, in every condition: empty history keeps server order, NDCG holds, rankings are complete', async () => {
  const dir = join(TMP, 'subset');
  mkdirSync(dir, { recursive: true });
  const cases = readJsonl(join(SHARED, 'cases.jsonl')).slice(0, SUBSET_CASES);
  // The shared cases all have history; add copies without any, as a new shopper would be.
  const empty = cases.slice(0, 10).map((c) => ({ ...c, id: `${String(c.id)}-no-history`, history: [] }));
  const all: Array<Record<string, unknown>> = [...cases, ...empty];
  const used = new Set(all.flatMap((c) => [...(c.history as string[]), ...(c.candidates as Array<[string, number]>).map(([id]) => id)]));
  const items = readJsonl(join(SHARED, 'items.jsonl')).filter((i) => used.has(i.id as string));
  writeFileSync(join(dir, 'items.jsonl'), jsonl(items));
  writeFileSync(join(dir, 'cases.jsonl'), jsonl(all));
  writeFileSync(join(dir, 'purchases.jsonl'), readFileSync(join(SHARED, 'purchases.jsonl')));

  const out = join(TMP, 'subset-out');
  const rankingsPath = join(out, 'rankings.jsonl');
  const run = await runCli([
    '--data',
    dir,
    '--out',
    out,
    '--rankings',
    rankingsPath,
    '--cache',
    join(TMP, 'cache'),
    '--methods',
    'server,semantic,personalized,personalized+clicks',
  ]);
  assert.equal(run.code, 0, run.stderr);

  const rankings = readJsonl(rankingsPath);
  const conditions = ['full', 'no-log', 'titles-only'];
  assert.equal(rankings.length, all.length * 4 * conditions.length);
  assert.deepEqual([...new Set(rankings.map((l) => l.condition))], conditions);
  const byCase = new Map(all.map((c) => [c.id as string, c]));
  for (const line of rankings) {
    const c = byCase.get(line.id as string);
    assert.ok(c, `unknown case ${String(line.id)}`);
    const server = (c.candidates as Array<[string, number]>).map(([id]) => id);
    assert.deepEqual(
      [...(line.order as string[])].sort(),
      [...server].sort(),
      `${String(line.condition)} ${String(line.method)} ${String(line.id)}: not a permutation`,
    );
    if ((c.history as string[]).length === 0 && String(line.method).startsWith('personalized')) {
      assert.deepEqual(line.order, server, `${String(line.condition)} ${String(line.method)} reordered ${String(line.id)} without history`);
    }
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryFile;
  for (const condition of conditions) {
    const moved = rankings
      .filter((l) => l.condition === condition && l.method === 'personalized' && !String(l.id).endsWith('-no-history'))
      .filter((l) => {
        const server = (byCase.get(l.id as string)?.candidates as Array<[string, number]>).map(([id]) => id);
        return JSON.stringify(l.order) !== JSON.stringify(server);
      });
    assert.ok(moved.length > 0, `${condition}: personalization changed no order at all`);
    const report = summary.conditions[condition]!;
    assert.notEqual(report.signals.content, 'none', 'the real model supplied content vectors');
    const overall = report.results.all!;
    assert.equal(overall.server!.overall!.cases, all.length);
    assert.ok(
      overall.personalized!.overall!.ndcg >= 0.99 * overall.server!.overall!.ndcg,
      `${condition}: personalized NDCG ${overall.personalized!.overall!.ndcg} < 0.99 × server ${overall.server!.overall!.ndcg}`,
    );
    assert.equal(report.acceptance.all?.emptyHistoryKeepsServerOrder, true);
    assert.ok(readFileSync(join(out, `chart-${condition}-all.svg`), 'utf8').startsWith('<svg'));
  }
  assert.match(summary.conditions.full!.signals.behaviour, /co-purchase/);
  assert.equal(summary.conditions['no-log']!.signals.behaviour, 'none');
  assert.match(summary.conditions['titles-only']!.signals.content, /titles embedded as on the device/);

  // --condition picks one: --rankings then holds that condition's orders only.
  const one = await runCli([
    '--data',
    dir,
    '--out',
    join(TMP, 'subset-one'),
    '--rankings',
    join(TMP, 'one.jsonl'),
    '--cache',
    join(TMP, 'cache'),
    '--methods',
    'server,personalized',
    '--condition',
    'titles-only',
    '--quiet',
  ]);
  assert.equal(one.code, 0, one.stderr);
  const only = readJsonl(join(TMP, 'one.jsonl'));
  assert.deepEqual([...new Set(only.map((l) => l.condition))], ['titles-only']);
  const same = (l: Record<string, unknown>) =>
    rankings.find((r) => r.condition === 'titles-only' && r.method === l.method && r.id === l.id);
  for (const line of only) assert.deepEqual(line.order, same(line)?.order, 'the same inputs give the same order');
});

test('metrics on a hand-made folder match a hand calculation', async () => {
  const dir = join(TMP, 'tiny');
  mkdirSync(dir, { recursive: true });
  const item = (id: string) => ({ id, title: `Item ${id}`, category: `Cat ${id}`, brand: `Brand ${id}` });
  writeFileSync(join(dir, 'items.jsonl'), jsonl(['a', 'b', 'c', 'd', 'h', 'h2', 'h3', 'h4', 'h5'].map(item)));
  writeFileSync(
    join(dir, 'cases.jsonl'),
    jsonl([
      // Server order a, b, c: target b at rank 2. NDCG = (3/log2 3 + 1/2) / (3 + 1/log2 3), RR = 1/2.
      {
        id: 'one',
        user: 'u1',
        query: 'q',
        target: 'b',
        history: ['h'],
        candidates: [
          ['a', 0],
          ['b', 2],
          ['c', 1],
        ],
      },
      // Target first: NDCG = RR = 1.
      {
        id: 'two',
        user: 'u2',
        query: 'q',
        target: 'd',
        history: ['h', 'h2', 'h3', 'h4', 'h5'],
        candidates: [
          ['d', 2],
          ['a', 0],
        ],
      },
    ]),
  );
  const out = join(TMP, 'tiny-out');
  const rankingsPath = join(out, 'rankings.jsonl');
  const run = await runCli([
    '--data',
    dir,
    '--out',
    out,
    '--content',
    'none',
    '--rankings',
    rankingsPath,
    '--methods',
    'server,personalized',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as SummaryFile;
  // No purchases.jsonl: no full condition.
  assert.deepEqual(Object.keys(summary.conditions), ['no-log', 'titles-only']);
  const results = summary.conditions['no-log']!.results;
  const server = results.all!.server!;
  const one = (3 / Math.log2(3) + 0.5) / (3 + 1 / Math.log2(3));
  assert.ok(Math.abs(server.overall!.ndcg - (one + 1) / 2) < 1e-9);
  assert.ok(Math.abs(server.overall!.mrr - 0.75) < 1e-9);
  assert.ok(Math.abs(server['history<5']!.mrr - 0.5) < 1e-9);
  assert.ok(Math.abs(server['history>=5']!.ndcg - 1) < 1e-9);
  // The personalized MRR is the mean reciprocal rank of the orders it wrote.
  const personal = readJsonl(rankingsPath).filter((l) => l.method === 'personalized' && l.condition === 'no-log');
  const rr = personal.map((l) => 1 / ((l.order as string[]).indexOf(l.id === 'one' ? 'b' : 'd') + 1));
  assert.ok(Math.abs(results.all!.personalized!.overall!.mrr - (rr[0]! + rr[1]!) / 2) < 1e-9);
  const full = await runCli(['--data', dir, '--out', join(TMP, 'tiny-full'), '--content', 'none', '--condition', 'full']);
  assert.equal(full.code, 2);
  assert.match(full.stderr, /--condition full: needs purchases\.jsonl/);
  assert.match(run.stdout, /server\s+overall\s+2\s/);
});

test('a malformed case line fails with one edge-rerank-eval: line naming the file and line', async () => {
  const dir = join(TMP, 'bad');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'items.jsonl'), jsonl([{ id: 'a', title: 'A' }]));
  writeFileSync(
    join(dir, 'cases.jsonl'),
    `${JSON.stringify({ id: 'x', user: 'u', query: 'q', target: 'a', history: [], candidates: [['a', 2]] })}\n{not json\n`,
  );
  const run = await runCli(['--data', dir, '--out', join(TMP, 'bad-out'), '--content', 'none']);
  assert.equal(run.code, 1);
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('edge-rerank-eval: '));
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0]!, /^edge-rerank-eval: input: .*cases\.jsonl:2/);
});
