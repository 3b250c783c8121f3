import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProductSearch, normaliseTerm } from '../../../demo/search/product-search.ts';
import { generateCatalog, type DemoProduct } from '../../../demo/catalog/generate-catalog.ts';

const catalog = generateCatalog();

test('terms are lower-cased and lose a plural s', () => {
  assert.deepEqual(['Bottles', 'SHOES', 'glass', 'gas'].map(normaliseTerm), ['bottle', 'shoe', 'glass', 'gas']);
});

test('a product of the kind searched for comes before one that only mentions it', () => {
  const hits = new ProductSearch(catalog).search('bottle', 20);
  const titles = hits.map((h) => catalog.find((p) => p.id === h.id)!.title);
  assert.equal(hits.length, 20);
  // Bottles (water, baby, soft flask) before bottle warmers and sterilisers.
  const firstAccessory = titles.findIndex((t) => / Bottle (Warmer|Steriliser)$/.test(t));
  assert.ok(
    titles.slice(0, 10).every((t) => t.endsWith(' Bottle')),
    titles.join('\n'),
  );
  assert.ok(firstAccessory === -1 || firstAccessory >= 10, titles.join('\n'));
});

test('both words of a two-word query beat one', () => {
  const hits = new ProductSearch(catalog).search('rain jacket', 20);
  const rainJackets = catalog.filter((p) => p.type === 'Rain Jacket').length;
  const titles = hits.map((h) => catalog.find((p) => p.id === h.id)!.title);
  assert.ok(
    titles.slice(0, rainJackets).every((t) => t.endsWith('Rain Jacket')),
    titles.join('\n'),
  );
});

test('popularity breaks ties: of two equal matches the better seller comes first', () => {
  const product = (id: string): DemoProduct => ({ ...catalog[0]!, id, title: 'Kestrel Ridge 1 Cushioned Trail Running Shoes' });
  const products = [product('a'), product('b')];
  assert.deepEqual(
    new ProductSearch(products).search('shoes').map((h) => h.id),
    ['a', 'b'],
  );
  assert.deepEqual(
    new ProductSearch(products, new Map([['b', 12]])).search('shoes').map((h) => h.id),
    ['b', 'a'],
  );
});

test('a typo in a longer word still finds it; an empty query finds nothing', () => {
  const search = new ProductSearch(catalog);
  assert.ok(search.search('jaket').length > 0);
  assert.deepEqual(search.search('   '), []);
  assert.deepEqual(search.search('kayak'), []);
});
