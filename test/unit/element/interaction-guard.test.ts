import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interactedSince, recordInteraction, watchPageInteractions } from '../../../src/element/interaction-guard.ts';

test('pointer, touch, wheel, key and scroll events anywhere on the page count, from the moment given', async () => {
  const page = new EventTarget();
  watchPageInteractions(page as unknown as Window);
  for (const type of ['pointerdown', 'touchstart', 'wheel', 'keydown', 'scroll']) {
    const since = performance.now();
    assert.equal(interactedSince(since + 1), false, `${type}: nothing yet`);
    page.dispatchEvent(new Event(type));
    assert.equal(interactedSince(since), true, `${type} counts`);
  }
  // Something that is not an interaction does not.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const since = performance.now();
  page.dispatchEvent(new Event('mousemove'));
  assert.equal(interactedSince(since), false);
  recordInteraction();
  assert.equal(interactedSince(performance.now() - 1), true);
});
