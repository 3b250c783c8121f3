import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ATTRIBUTES, DEFAULT_OPTIONS, LIMITS, parseOptions } from '../../../src/element/options.ts';

test('no attributes → the documented defaults and no problems', () => {
  const { options, problems } = parseOptions({});
  assert.deepEqual(options, DEFAULT_OPTIONS);
  assert.deepEqual(problems, []);
});

test('attribute strings are parsed into typed values', () => {
  const { options, problems } = parseOptions({
    query: '  trail   running\nshoes ',
    model: '/m/',
    index: '/idx/',
    device: 'WASM',
    itemSelector: '.hit',
    strength: '0.25',
    maxDisplacement: '3',
    explain: '',
    consent: 'denied',
    budget: '1000',
    maxCandidates: '50',
    stallTimeout: '5000',
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(options, {
    query: 'trail running shoes',
    model: '/m/',
    index: '/idx/',
    device: 'wasm',
    itemSelector: '.hit',
    strength: 0.25,
    maxDisplacement: 3,
    explain: true, // a present boolean attribute is on, even when empty
    consent: 'denied',
    budget: 1000,
    maxCandidates: 50,
    stallTimeout: 5000,
  });
});

test('out-of-range numbers are clamped, and each clamp is reported by attribute name', () => {
  const { options, problems } = parseOptions({
    strength: '7',
    maxDisplacement: '-2',
    budget: '1e9',
    maxCandidates: '0',
    stallTimeout: '10',
  });
  assert.equal(options.strength, 1);
  assert.equal(options.maxDisplacement, 0);
  assert.equal(options.budget, LIMITS.budget);
  assert.equal(options.maxCandidates, 1);
  // Under a second would give up on a healthy worker between two progress reports.
  assert.equal(options.stallTimeout, 1000);
  assert.equal(problems.length, 5);
  assert.equal(problems[4], 'attribute stall-timeout="10" is outside 1000–600000; using 1000');
  assert.match(problems[0]!, /^attribute strength="7" is outside 0–1; using 1$/);
  assert.match(problems[1]!, /max-displacement/);
});

test('garbage falls back to the default with a problem naming the attribute and the value', () => {
  const { options, problems } = parseOptions({ strength: 'lots', device: 'tpu', consent: 'maybe' });
  assert.equal(options.strength, DEFAULT_OPTIONS.strength);
  assert.equal(options.device, 'auto');
  assert.equal(options.consent, 'granted');
  assert.deepEqual(problems, [
    'attribute device="tpu" must be one of auto|webgpu|wasm; using auto',
    'attribute strength="lots" is not a number; using 1',
    'attribute consent="maybe" must be one of granted|denied; using granted',
  ]);
});

test('property values set from script (numbers, booleans) parse like attributes', () => {
  const { options, problems } = parseOptions({ strength: 0.5, maxDisplacement: 2.6, explain: false });
  assert.deepEqual(problems, []);
  assert.equal(options.strength, 0.5);
  assert.equal(options.maxDisplacement, 3); // places are whole
  assert.equal(options.explain, false);
  assert.equal(parseOptions({ explain: 'false' }).options.explain, false);
});

test('an empty index or model attribute means "none" / "the default"', () => {
  const { options } = parseOptions({ index: '  ', model: '' });
  assert.equal(options.index, null);
  assert.equal(options.model, DEFAULT_OPTIONS.model);
});

test('the attribute table covers every option exactly once', () => {
  const properties = ATTRIBUTES.map((a) => a.property).sort();
  assert.deepEqual(properties, Object.keys(DEFAULT_OPTIONS).sort());
  for (const spec of ATTRIBUTES) assert.equal(spec.default, DEFAULT_OPTIONS[spec.property], spec.attribute);
});
