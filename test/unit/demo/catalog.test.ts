import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogJsonl, generateCatalog } from '../../../demo/catalog/generate-catalog.ts';
import { KITS, generateInteractions } from '../../../demo/catalog/generate-interactions.ts';
import { PRODUCT_TYPES } from '../../../demo/catalog/vocabulary.ts';

const catalog = generateCatalog();

test('the catalogue is the same on every run, with unique ids and titles', () => {
  assert.deepEqual(generateCatalog(), catalog);
  assert.equal(catalog.length, 360);
  assert.equal(new Set(catalog.map((p) => p.id)).size, 360);
  assert.equal(new Set(catalog.map((p) => p.title)).size, 360);
  assert.equal(catalog[0]?.id, 'sku-0001');
  assert.equal(catalog[359]?.id, 'sku-0360');
});

test('every product type is stocked evenly and priced inside its range', () => {
  for (const type of PRODUCT_TYPES) {
    const products = catalog.filter((p) => p.title.endsWith(` ${type.name}`) && p.category === type.category);
    // 360 products over 26 types, walked in turn: 13 or 14 each.
    assert.ok(products.length === 13 || products.length === 14, `${type.name}: ${products.length}`);
    for (const p of products) assert.ok(p.price >= type.price[0] - 1 && p.price <= type.price[1], `${p.title} €${p.price}`);
  }
});

test('a different seed gives a different catalogue', () => {
  assert.notDeepEqual(
    generateCatalog(360, 1).map((p) => p.title),
    catalog.map((p) => p.title),
  );
});

test("the JSONL has one parsable line per product with the builder's fields", () => {
  const lines = catalogJsonl(catalog.slice(0, 2))
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(Object.keys(lines[0] ?? {}), ['id', 'title', 'category', 'brand', 'description']);
  assert.equal(lines[1]?.id, 'sku-0002');
});

test('every basket in the invented log is 2–4 known products from one kit', () => {
  const baskets = generateInteractions(catalog);
  assert.equal(baskets.length, 800);
  assert.deepEqual(generateInteractions(catalog), baskets, 'deterministic');
  const byId = new Map(catalog.map((p) => [p.id, p]));
  let sameBrandPairs = 0;
  let pairs = 0;
  for (const { items } of baskets) {
    assert.ok(items.length >= 2 && items.length <= 4, String(items.length));
    assert.equal(new Set(items).size, items.length, 'no product twice in a basket');
    const products = items.map((id) => byId.get(id));
    assert.ok(products.every(Boolean), 'every id is in the catalogue');
    const kit = KITS.find((k) => products.every((p) => k.some((type) => p!.title.endsWith(` ${type}`))));
    assert.ok(kit, `basket ${items.join(',')} fits one kit`);
    for (const p of products.slice(1)) {
      pairs += 1;
      if (p!.brand === products[0]!.brand) sameBrandPairs += 1;
    }
  }
  // Brand loyalty is 70 % by construction (a bit more: random picks can match too).
  assert.ok(sameBrandPairs / pairs > 0.6 && sameBrandPairs / pairs < 0.9, String(sameBrandPairs / pairs));
});
