import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_OPTIONS,
  LIMITS,
  OPTION_ATTRIBUTES,
  flagConverter,
  jsonConverter,
  numberConverter,
  parseOptions,
} from '../../../src/element/options.ts';

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
    experiment: '12.5',
    strings: { view: 'Weil du „{title}“ angesehen hast' },
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
    experiment: 12.5,
    strings: { view: 'Weil du „{title}“ angesehen hast' },
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

test('every option has one attribute name, and the names are distinct', () => {
  assert.deepEqual(Object.keys(OPTION_ATTRIBUTES).sort(), Object.keys(DEFAULT_OPTIONS).sort());
  assert.equal(new Set(Object.values(OPTION_ATTRIBUTES)).size, Object.keys(OPTION_ATTRIBUTES).length);
});

test('converters turn attribute text into typed values; what they cannot read is quoted from the attribute', () => {
  assert.equal(numberConverter.fromAttribute!('0.25', Number), 0.25);
  assert.equal(numberConverter.fromAttribute!('  ', Number), undefined);
  assert.ok(Number.isNaN(numberConverter.fromAttribute!('lots', Number)));
  assert.equal(flagConverter.fromAttribute!('', Boolean), true);
  assert.equal(flagConverter.fromAttribute!('FALSE', Boolean), false);
  assert.equal(flagConverter.fromAttribute!(null, Boolean), false);
  assert.deepEqual(jsonConverter.fromAttribute!('{"view":"Seen: {title}"}', Object), { view: 'Seen: {title}' });
  assert.equal(jsonConverter.fromAttribute!('{view', Object), '{view');
  // The element passes NaN (its converter's reading of "lots"); the problem quotes what the page wrote.
  const attributes: Record<string, string> = { strength: 'lots', budget: '12' };
  const { options, problems } = parseOptions({ strength: Number.NaN, budget: Number.NaN }, (name) => attributes[name] ?? null);
  assert.equal(options.strength, 1);
  assert.equal(options.budget, DEFAULT_OPTIONS.budget);
  assert.deepEqual(problems, [
    'attribute strength="lots" is not a number; using 1',
    // A script set NaN while the attribute still says 12: quote the value, not the stale attribute.
    'attribute budget="NaN" is not a number; using 300',
  ]);
});

test('experiment is a percentage, clamped to 0–100', () => {
  assert.equal(parseOptions({ experiment: 10 }).options.experiment, 10);
  const { options, problems } = parseOptions({ experiment: '150' });
  assert.equal(options.experiment, 100);
  assert.deepEqual(problems, ['attribute experiment="150" is outside 0–100; using 100']);
});

test('reason strings: unknown keys and non-text values are dropped and said; text that is not JSON falls back to the defaults', () => {
  const { options, problems } = parseOptions({ strings: { view: 'Vu : {title}', wish: 'x', cart: 5 } });
  assert.deepEqual(options.strings, { view: 'Vu : {title}' });
  assert.deepEqual(problems, ['strings "wish", "cart" ignored: keys are view|click|cart|purchase, values text']);
  const bad = parseOptions({ strings: '{view' });
  assert.deepEqual(bad.options.strings, {});
  assert.deepEqual(bad.problems, ['attribute strings="{view" is not a JSON object of reason texts; using the defaults']);
  assert.deepEqual(parseOptions({ strings: ['a'] }).options.strings, {});
});

test('a property set to an object that cannot become text falls back to the default, said once, never thrown', () => {
  const unreadable = {
    toString() {
      throw new Error('no text here');
    },
  };
  const { options, problems } = parseOptions({ query: unreadable, strength: unreadable, device: unreadable, explain: unreadable });
  assert.equal(options.query, '');
  assert.equal(options.strength, DEFAULT_OPTIONS.strength);
  assert.equal(options.device, DEFAULT_OPTIONS.device);
  assert.equal(options.explain, true, 'a set explain property is on, as a present attribute is');
  assert.deepEqual(problems, [
    'property query cannot be read as text; using the default',
    'property device cannot be read as text; using the default',
    `attribute strength="(not text)" is not a number; using ${DEFAULT_OPTIONS.strength}`,
  ]);
});
