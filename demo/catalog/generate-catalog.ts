// The demo shop's catalog, generated: a seeded walk over the store's
// vocabulary, so every run (and every machine) gets the same products, with
// the same ids, titles, prices and pictures.
import { COLOURS, PRODUCT_TYPES, departmentOf, type ProductType } from './departments.ts';
import type { ArtShape } from './product-art.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';

export interface DemoProduct {
  id: string;
  title: string;
  /** The product type's noun, e.g. "Rain Jacket" (what a shopper would call it). */
  type: string;
  department: string;
  category: string;
  brand: string;
  description: string;
  colour: string;
  colourHex: string;
  art: ArtShape;
  /** Euros. */
  price: number;
  /** 3.0–5.0, one decimal. */
  rating: number;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Enough to stock every aisle (49 product types, 20 products each). */
export const DEFAULT_PRODUCT_COUNT = PRODUCT_TYPES.length * 20;

function makeProduct(
  random: () => number,
  type: ProductType,
  index: number,
): Omit<DemoProduct, 'title'> & { model: string; attribute: string } {
  const department = departmentOf(type);
  const brand = pick(random, department.brands);
  const attribute = pick(random, type.attributes);
  const model = `${pick(random, department.models)} ${1 + Math.floor(random() * 9)}`;
  const colour = pick(random, COLOURS);
  const [low, high] = type.price;
  return {
    id: `sku-${String(index + 1).padStart(4, '0')}`,
    type: type.name,
    department: department.name,
    category: type.category,
    brand,
    model,
    attribute,
    colour: colour.name,
    colourHex: colour.hex,
    art: type.art,
    price: Math.round(low + random() * (high - low)) - 0.05,
    rating: Math.round(30 + random() * 20) / 10,
    description: '',
  };
}

export function generateCatalog(count: number = DEFAULT_PRODUCT_COUNT, seed = 20261122): DemoProduct[] {
  const random = seededRandom(seed);
  const products: DemoProduct[] = [];
  const titles = new Set<string>();
  while (products.length < count) {
    // Walk the product types in turn so every aisle is stocked evenly.
    const type = PRODUCT_TYPES[products.length % PRODUCT_TYPES.length]!;
    const { model, attribute, ...product } = makeProduct(random, type, products.length);
    const title = `${product.brand} ${model} ${attribute} ${type.name}`;
    if (titles.has(title)) continue;
    titles.add(title);
    const description = `${type.use} ${attribute} design in ${product.colour}, from ${product.brand}'s ${model.split(' ')[0]} line.`;
    products.push({ ...product, title, description });
  }
  return products;
}

/** JSON Lines for the batch index builder (id, title, category, brand, description). */
export function catalogJsonl(products: readonly DemoProduct[]): string {
  return (
    products.map(({ id, title, category, brand, description }) => JSON.stringify({ id, title, category, brand, description })).join('\n') +
    '\n'
  );
}
