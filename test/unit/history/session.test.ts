import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SESSION_GAP_MS, sessionFor } from '../../../src/history/session.ts';

test('the first event starts a session named after its time', () => {
  assert.equal(sessionFor(36, undefined), 's10'); // 36 in base 36
});

test('an event within the gap joins the last session', () => {
  assert.equal(sessionFor(1000 + SESSION_GAP_MS, { time: 1000, session: 'sabc' }), 'sabc');
});

test('an event after the gap starts a new session', () => {
  assert.equal(sessionFor(1001 + SESSION_GAP_MS, { time: 1000, session: 'sabc' }), (1001 + SESSION_GAP_MS).toString(36).replace(/^/, 's'));
});

test('an event back-dated before the last one starts its own session', () => {
  assert.equal(sessionFor(500, { time: 1000, session: 'sabc' }), 's' + (500).toString(36));
});
