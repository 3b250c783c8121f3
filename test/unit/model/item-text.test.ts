import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemText, ITEM_TEXT_MAX_CHARS } from '../../../src/model/item-text.ts';

test('joins title, category, brand and description with full stops', () => {
  assert.equal(
    itemText({ id: 'a', title: 'Digital caliper', category: 'Tools > Measuring', brand: 'Mitutoyo' }),
    'Digital caliper. Tools > Measuring. Mitutoyo',
  );
});

test('skips empty fields and collapses whitespace', () => {
  assert.equal(itemText({ id: 'a', title: '  Nitrile\n gloves ', category: '', brand: '   ' }), 'Nitrile gloves');
});

test('cuts very long text so tokenising stays cheap', () => {
  const text = itemText({ id: 'a', title: 'x'.repeat(100_000) });
  assert.equal(text.length, ITEM_TEXT_MAX_CHARS);
});
