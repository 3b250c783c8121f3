import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reasonText } from '../../../src/rank/reasons.ts';
import type { Reason } from '../../../src/rank/types.ts';

const reason = (over: Partial<Reason> = {}): Reason => ({
  itemId: 'c',
  historyItemId: 'h',
  historyTitle: 'Trail shoe',
  historyType: 'view',
  kind: 'similar',
  ...over,
});

test('the default text names the history item and what the shopper did with it', () => {
  assert.equal(reasonText(reason()), 'Because you viewed “Trail shoe”');
  assert.equal(reasonText(reason({ historyType: 'purchase' })), 'Because you bought “Trail shoe”');
  assert.equal(reasonText(reason({ historyType: 'cart' })), 'Because you added “Trail shoe” to your cart');
  assert.equal(reasonText(reason({ historyType: 'click' })), 'Because you looked at “Trail shoe”');
});

test("a shop's template replaces the default for its event type only; {title} may appear anywhere", () => {
  const templates = { view: 'Weil Sie „{title}“ angesehen haben' };
  assert.equal(reasonText(reason(), templates), 'Weil Sie „Trail shoe“ angesehen haben');
  assert.equal(reasonText(reason({ historyType: 'purchase' }), templates), 'Because you bought “Trail shoe”');
});

test('titles are one line, cut at 80 characters, and "$&" in a title stays literal', () => {
  const long = `${'a'.repeat(100)}`;
  assert.equal(reasonText(reason({ historyTitle: `  two\n lines  ` })), 'Because you viewed “two lines”');
  assert.equal(reasonText(reason({ historyTitle: long })), `Because you viewed “${'a'.repeat(79)}…”`);
  assert.equal(reasonText(reason({ historyTitle: 'Price $& more' })), 'Because you viewed “Price $& more”');
});

test('a push that is about how the candidate relates, not what the shopper did, says so; a shop template still wins', () => {
  assert.equal(reasonText(reason({ kind: 'same-brand', historyType: 'cart' })), 'Same brand as “Trail shoe”');
  assert.equal(reasonText(reason({ kind: 'bought-together' })), 'Often bought with “Trail shoe”');
  assert.equal(reasonText(reason({ kind: 'same-category', historyType: 'purchase' })), 'Because you bought “Trail shoe”');
  assert.equal(reasonText(reason({ kind: 'seen-before' })), 'Because you viewed “Trail shoe”');
  // One language on the page: the shop's text for what the shopper did, whatever the kind.
  const templates = { cart: 'Weil „{title}“ in Ihrem Warenkorb liegt' };
  assert.equal(reasonText(reason({ kind: 'same-brand', historyType: 'cart' }), templates), 'Weil „Trail shoe“ in Ihrem Warenkorb liegt');
});
