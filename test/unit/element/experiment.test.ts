import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXPERIMENT_KEY,
  experimentDraw,
  experimentVariant,
  forgetExperiment,
  storedExperimentDraw,
} from '../../../src/element/experiment.ts';

/** A Storage stand-in: Node has no localStorage; `broken` makes every call throw, as blocked storage does. */
class MemoryStorage {
  readonly map = new Map<string, string>();
  broken = false;
  getItem(key: string): string | null {
    if (this.broken) throw new Error('SecurityError');
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.broken) throw new Error('QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    if (this.broken) throw new Error('SecurityError');
    this.map.delete(key);
  }
}

let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  forgetExperiment();
});

test('no experiment: personalized, and nothing is drawn or stored', () => {
  assert.equal(experimentVariant(0), 'personalized');
  assert.equal(storage.map.size, 0);
});

test('the draw is made once, stored, and decides the arm the same way every time', () => {
  const draw = experimentDraw();
  assert.ok(draw >= 0 && draw < 100);
  assert.equal(Number(storage.map.get(EXPERIMENT_KEY)), draw);
  assert.equal(experimentDraw(), draw);
  assert.equal(experimentVariant(draw + 0.001), 'control');
  assert.equal(experimentVariant(draw), 'personalized');
  assert.equal(experimentVariant(100), 'control');
  assert.equal(storedExperimentDraw(), draw);
});

test('a stored draw from an earlier page is used; a garbage one is replaced', () => {
  storage.map.set(EXPERIMENT_KEY, '30');
  assert.equal(experimentVariant(40), 'control');
  assert.equal(experimentVariant(20), 'personalized');
  storage.map.set(EXPERIMENT_KEY, 'not a number');
  const draw = experimentDraw();
  assert.ok(draw >= 0 && draw < 100);
  assert.equal(Number(storage.map.get(EXPERIMENT_KEY)), draw);
});

test('forget removes the draw', () => {
  experimentDraw();
  forgetExperiment();
  assert.equal(storage.map.has(EXPERIMENT_KEY), false);
  assert.equal(storedExperimentDraw(), undefined);
});

test('blocked storage: the page keeps one draw of its own and nothing throws', () => {
  storage.broken = true;
  const draw = experimentDraw();
  assert.equal(experimentDraw(), draw);
  assert.equal(storedExperimentDraw(), undefined);
  assert.doesNotThrow(() => forgetExperiment());
});
