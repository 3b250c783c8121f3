import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PRODUCT_COUNT, catalogJsonl, generateCatalog } from '../../../demo/catalog/generate-catalog.ts';
import { KITS, generateInteractions, salesCounts } from '../../../demo/catalog/generate-interactions.ts';
import { DEPARTMENTS, PRODUCT_TYPES } from '../../../demo/catalog/departments.ts';
import { ART_SHAPES, artSprite, productArt } from '../../../demo/catalog/product-art.ts';
import { PERSONAS, resolvePersonas } from '../../../demo/catalog/personas.ts';

const catalog = generateCatalog();

test('the catalogue is the same on every run: about a thousand products with unique ids and titles', () => {
  assert.deepEqual(generateCatalog(), catalog);
  assert.equal(catalog.length, DEFAULT_PRODUCT_COUNT);
  assert.ok(catalog.length >= 300 && catalog.length <= 3000, String(catalog.length));
  assert.equal(new Set(catalog.map((p) => p.id)).size, catalog.length);
  assert.equal(new Set(catalog.map((p) => p.title)).size, catalog.length);
  assert.equal(catalog[0]?.id, 'sku-0001');
});

test('every product type is stocked evenly, priced inside its range, branded by its department and drawn', () => {
  for (const type of PRODUCT_TYPES) {
    const products = catalog.filter((p) => p.type === type.name);
    assert.equal(products.length, 20, type.name);
    const department = DEPARTMENTS.find((d) => d.id === type.department)!;
    for (const p of products) {
      assert.ok(p.price >= type.price[0] - 1 && p.price <= type.price[1], `${p.title} €${p.price}`);
      assert.ok(department.brands.includes(p.brand), `${p.title}: ${p.brand}`);
      assert.equal(p.category, type.category);
      assert.ok(ART_SHAPES.includes(p.art), p.art);
      assert.ok(p.title.startsWith(`${p.brand} `) && p.title.endsWith(` ${type.name}`), p.title);
      assert.ok(p.rating >= 3 && p.rating <= 5);
    }
  }
});

test('a different seed gives a different catalogue', () => {
  assert.notDeepEqual(
    generateCatalog(100, 1).map((p) => p.title),
    catalog.slice(0, 100).map((p) => p.title),
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

test('every basket in the invented log is 2–4 known products of different types from one kit, mostly one brand', () => {
  const baskets = generateInteractions(catalog);
  assert.equal(baskets.length, 1500);
  assert.deepEqual(generateInteractions(catalog), baskets, 'deterministic');
  const byId = new Map(catalog.map((p) => [p.id, p]));
  let sameBrandPairs = 0;
  let pairs = 0;
  for (const { items } of baskets) {
    assert.ok(items.length >= 2 && items.length <= 4, String(items.length));
    const products = items.map((id) => byId.get(id)!);
    assert.ok(products.every(Boolean), 'every id is in the catalogue');
    assert.equal(new Set(products.map((p) => p.type)).size, items.length, 'no type twice in a basket');
    assert.ok(
      KITS.some((kit) => products.every((p) => kit.includes(p.type))),
      `basket ${items.join(',')} fits one kit`,
    );
    for (const p of products.slice(1)) {
      pairs += 1;
      if (p.brand === products[0]!.brand) sameBrandPairs += 1;
    }
  }
  assert.ok(sameBrandPairs / pairs > 0.6 && sameBrandPairs / pairs < 0.9, String(sameBrandPairs / pairs));
  const sales = salesCounts(baskets);
  assert.equal(
    [...sales.values()].reduce((a, b) => a + b, 0),
    baskets.reduce((n, b) => n + b.items.length, 0),
  );
});

test("every persona's steps resolve to products of the brand and type they name", () => {
  const personas = resolvePersonas(catalog);
  assert.deepEqual(
    personas.map((p) => p.id),
    PERSONAS.map((p) => p.id),
  );
  for (const [i, persona] of personas.entries()) {
    const spec = PERSONAS[i]!;
    assert.equal(persona.events.length, spec.steps.length, persona.id);
    persona.events.forEach((event, j) => {
      const product = catalog.find((p) => p.id === event.itemId)!;
      assert.equal(product.type, spec.steps[j]!.type);
      assert.equal(product.brand, spec.steps[j]!.brand, `${persona.id}: ${product.title}`);
      assert.equal(event.title, product.title);
    });
  }
});

test('product pictures are inline SVG: one symbol per shape in the sprite, a <use> per product', () => {
  const sprite = artSprite();
  for (const shape of ART_SHAPES) assert.ok(sprite.includes(`<symbol id="art-${shape}"`), shape);
  assert.equal(
    productArt('kettle', '#2b2b2b'),
    '<svg class="art" viewBox="0 0 64 64" aria-hidden="true" focusable="false" style="color:#2b2b2b"><use href="#art-kettle"/></svg>',
  );
});
