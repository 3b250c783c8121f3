import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceOption, commandHelp, integerOption, parseOptions, usageLine, UsageError } from '../../../scripts/cli/option-table.ts';

const COMMAND = {
  name: 'build',
  summary: 'Builds a thing.',
  options: {
    catalog: { type: 'string', value: 'FILE', required: true, help: 'the products' },
    batch: { type: 'string', value: 'N', default: '64', help: 'texts per run' },
    threads: { type: 'string', value: 'N', shownDefault: 'all cores', help: 'threads' },
    resume: { type: 'boolean', help: 'keep finished work' },
    help: { type: 'boolean', help: 'print this help' },
  },
  notes: ['catalog: one product per line.'],
} as const;

test('the usage line names the required options; help lists every option with its default, then the notes', () => {
  assert.equal(usageLine('tool', COMMAND), 'tool build --catalog FILE [options]');
  const help = commandHelp('tool', COMMAND);
  assert.match(help, /^usage: tool build --catalog FILE \[options\]\n\nBuilds a thing\.\n\noptions:\n/);
  assert.match(help, /\n {2}--catalog FILE +the products \(required\)\n/);
  assert.match(help, /\n {2}--batch N +texts per run \(default: 64\)\n/);
  assert.match(help, /\n {2}--threads N +threads \(default: all cores\)\n/);
  assert.match(help, /\n {2}--resume +keep finished work\n/);
  assert.ok(help.endsWith('\n\ncatalog: one product per line.'), help);
});

test('parsing applies defaults and refuses unknown, valueless and missing required options as usage errors', () => {
  assert.deepEqual({ ...parseOptions(COMMAND, ['--catalog', 'c.jsonl']) }, { catalog: 'c.jsonl', batch: '64' });
  assert.throws(
    () => parseOptions(COMMAND, ['--batch', '8']),
    (err) => err instanceof UsageError && /needs --catalog FILE/.test(err.message),
  );
  assert.throws(() => parseOptions(COMMAND, ['--catalog', 'c', '--bogus']), UsageError);
  assert.throws(() => parseOptions(COMMAND, ['--catalog']), UsageError);
  assert.throws(() => parseOptions(COMMAND, ['--catalog', 'c', 'stray']), UsageError);
});

test('integer and choice options say what they expected', () => {
  assert.equal(integerOption('batch', '16'), 16);
  assert.equal(integerOption('batch', undefined), undefined);
  assert.equal(integerOption('workers', '0', 0), 0);
  assert.throws(() => integerOption('batch', '0'), /--batch 0: expected a whole number ≥ 1/);
  assert.throws(() => integerOption('batch', '1.5'), UsageError);
  assert.equal(choiceOption('device', 'cpu', ['auto', 'cpu'] as const), 'cpu');
  assert.throws(() => choiceOption('device', 'tpu', ['auto', 'cuda', 'cpu'] as const), /--device tpu: expected auto, cuda or cpu/);
});
