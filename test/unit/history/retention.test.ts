import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS, overflow, resolveLimits, retentionCutoff } from '../../../src/history/retention.ts';

const DAY = 86_400_000;

test('defaults are documented values', () => {
  assert.deepEqual(DEFAULT_LIMITS, { maxEvents: 500, retentionDays: 90, maxVectors: 5000 });
  assert.deepEqual(resolveLimits({}), DEFAULT_LIMITS);
});

test('given limits are used, floored; nonsense falls back to the default', () => {
  assert.deepEqual(resolveLimits({ maxEvents: 10.7, retentionDays: 2, maxVectors: 3 }), { maxEvents: 10, retentionDays: 2, maxVectors: 3 });
  assert.deepEqual(resolveLimits({ maxEvents: 0, retentionDays: Number.NaN, maxVectors: -5 }), DEFAULT_LIMITS);
  assert.equal(resolveLimits({ maxEvents: Number.POSITIVE_INFINITY }).maxEvents, 500);
});

test('the cutoff is exactly retentionDays before now', () => {
  assert.equal(retentionCutoff(10 * DAY, 1), 9 * DAY);
  assert.equal(retentionCutoff(100 * DAY, 90), 10 * DAY);
});

test('overflow counts what must go to respect the cap', () => {
  assert.equal(overflow(5, 3), 2);
  assert.equal(overflow(3, 3), 0);
  assert.equal(overflow(1, 3), 0);
});
