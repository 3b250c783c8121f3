// Runs the test suites with Node's own test runner: unit tests (pure code,
// fast) first, then Node tests on the real model, then browser tests (real Chromium) one file at a time, since
// each launches a browser and this machine has two cores.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(testFiles(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const wanted = process.argv.slice(2);
const suites = wanted.length ? wanted : ['unit', 'node', 'browser'];
const files = suites.flatMap((suite) => testFiles(join('test', suite)));
if (files.length === 0) {
  console.error('no test files found for', suites.join(', '));
  process.exit(1);
}
// A test that hangs fails with its name after TEST_TIMEOUT_MS instead of
// holding the whole run (and CI) until the job is killed. Generous: the
// slowest test takes a few minutes on a loaded 2-core machine.
const TEST_TIMEOUT_MS = 10 * 60 * 1000;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', `--test-timeout=${TEST_TIMEOUT_MS}`, '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
