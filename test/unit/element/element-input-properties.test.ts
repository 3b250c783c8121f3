// Property-based: whatever a shop's markup and attributes hold (hostile ids
// and titles, markup, whitespace, duplicates, garbage numbers, JSON that is
// not JSON), reading it never throws and always gives something the worker
// and the ranker can use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collectCandidates, type ItemSource } from '../../../src/element/candidates.ts';
import { DEFAULT_OPTIONS, LIMITS, OPTION_ATTRIBUTES, jsonConverter, numberConverter, parseOptions } from '../../../src/element/options.ts';

const RUNS = 500;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '\n\t',
    '__proto__',
    'constructor',
    '<img src=x onerror=alert(1)>',
    '"><script>x</script>',
    'NaN',
    '-0',
    '1e400',
    'false',
  ),
);
/** An attribute: absent (null) or any text. */
const attribute = fc.option(nasty, { nil: null });

const itemAttributes = fc.record({
  'data-item-id': fc.option(fc.oneof(nasty, fc.constantFrom('a', 'b', 'c', ' a ')), { nil: null }),
  'data-title': attribute,
  'data-category': attribute,
  'data-brand': attribute,
  'data-description': attribute,
  'data-vector': attribute,
  'data-pinned': attribute,
  'data-score': fc.option(fc.oneof(nasty, fc.double().map(String)), { nil: null }),
});

function item(attrs: Record<string, string | null>): ItemSource {
  return { getAttribute: (name) => attrs[name] ?? null };
}

test('collectCandidates: candidates have unique, trimmed, non-empty ids in DOM order, at most max-candidates, each with its own node', () => {
  fc.assert(
    fc.property(fc.array(itemAttributes, { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (rows, max) => {
      const items = rows.map(item);
      const { candidates, nodes, problems } = collectCandidates(items, max);
      assert.ok(candidates.length <= max);
      assert.equal(nodes.length, candidates.length);
      assert.equal(new Set(candidates.map((c) => c.id)).size, candidates.length, 'ids are unique');
      let last = -1;
      for (const [i, c] of candidates.entries()) {
        assert.equal(c.serverRank, i);
        assert.ok(c.id.length > 0 && c.id === c.id.trim());
        assert.equal(c.id, nodes[i]!.getAttribute('data-item-id')!.trim(), 'node i is candidate i');
        const domIndex = items.indexOf(nodes[i]!);
        assert.ok(domIndex > last, 'in DOM order');
        last = domIndex;
        assert.equal(typeof c.title, 'string');
        assert.equal(typeof c.pinned, 'boolean');
      }
      // Every item left out is said: no id, a repeated id, or past max-candidates.
      if (candidates.length < items.length) assert.ok(problems.length > 0);
    }),
    { numRuns: RUNS },
  );
});

const rawValue = fc.oneof(
  nasty,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(undefined),
  fc.constant(null),
  fc.object(),
  fc.array(fc.string()),
);

test('parseOptions: any values give valid options within their limits, and each rejected value is said once', () => {
  const keys = Object.keys(OPTION_ATTRIBUTES) as (keyof typeof OPTION_ATTRIBUTES)[];
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom(...keys), rawValue),
      fc.dictionary(fc.constantFrom(...Object.values(OPTION_ATTRIBUTES)), nasty),
      (raw, attrs) => {
        const { options, problems } = parseOptions(raw, (name) => attrs[name] ?? null);
        assert.deepEqual(Object.keys(options).sort(), [...keys].sort());
        assert.ok(options.strength >= 0 && options.strength <= 1);
        assert.ok(
          Number.isInteger(options.maxDisplacement) && options.maxDisplacement >= 0 && options.maxDisplacement <= LIMITS.maxDisplacement,
        );
        assert.ok(Number.isInteger(options.budget) && options.budget >= 0 && options.budget <= LIMITS.budget);
        assert.ok(Number.isInteger(options.maxCandidates) && options.maxCandidates >= 1 && options.maxCandidates <= LIMITS.maxCandidates);
        assert.ok(options.stallTimeout >= LIMITS.stallTimeout[0] && options.stallTimeout <= LIMITS.stallTimeout[1]);
        assert.ok(options.experiment >= 0 && options.experiment <= 100);
        assert.ok(['auto', 'webgpu', 'wasm'].includes(options.device));
        assert.ok(['granted', 'denied'].includes(options.consent));
        assert.equal(typeof options.explain, 'boolean');
        assert.ok(options.model.length > 0 && options.itemSelector.length > 0);
        assert.ok(options.index === null || options.index.length > 0);
        for (const [kind, text] of Object.entries(options.strings)) {
          assert.ok(['view', 'click', 'cart', 'purchase'].includes(kind));
          assert.equal(typeof text, 'string');
        }
        assert.ok(problems.length <= Object.keys(raw).length, 'at most one problem per value');
        for (const problem of problems) assert.equal(typeof problem, 'string');
      },
    ),
    { numRuns: RUNS },
  );
});

test('converters never throw on attribute text, and parsing what they read never throws either', () => {
  fc.assert(
    fc.property(attribute, (text) => {
      const number = numberConverter.fromAttribute!(text, Number);
      const json = jsonConverter.fromAttribute!(text, Object);
      const { options } = parseOptions({ strength: number, budget: number, strings: json }, () => text);
      const n = text === null || text.trim() === '' ? Number.NaN : Number(text);
      const expected = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : DEFAULT_OPTIONS.strength;
      assert.equal(options.strength, expected);
    }),
    { numRuns: RUNS },
  );
});
