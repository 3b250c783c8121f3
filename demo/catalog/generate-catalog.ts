// The demo shop's catalog, generated: a seeded random walk over the outdoor
// vocabulary, so every run (and every machine) gets the same few hundred
// products, with the same ids, titles and prices.
import { BRANDS, COLOURS, MODEL_NAMES, PRODUCT_TYPES } from './vocabulary.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';

export interface DemoProduct {
  id: string;
  title: string;
  category: string;
  brand: string;
  description: string;
  colour: string;
  /** Euros. */
  price: number;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

export const DEFAULT_PRODUCT_COUNT = 360;

export function generateCatalog(count: number = DEFAULT_PRODUCT_COUNT, seed = 20261122): DemoProduct[] {
  const random = seededRandom(seed);
  const products: DemoProduct[] = [];
  const titles = new Set<string>();
  while (products.length < count) {
    // Walk the product types in turn so every aisle is stocked evenly.
    const type = PRODUCT_TYPES[products.length % PRODUCT_TYPES.length]!;
    const brand = pick(random, BRANDS);
    const attribute = pick(random, type.attributes);
    const model = `${pick(random, MODEL_NAMES)} ${1 + Math.floor(random() * 9)}`;
    const title = `${brand} ${model} ${attribute} ${type.name}`;
    if (titles.has(title)) continue;
    titles.add(title);
    const colour = pick(random, COLOURS);
    const [low, high] = type.price;
    const price = Math.round(low + random() * (high - low)) - 0.05;
    products.push({
      id: `sku-${String(products.length + 1).padStart(4, '0')}`,
      title,
      category: type.category,
      brand,
      colour,
      price,
      description: `${type.use} ${attribute} design in ${colour}, from ${brand}'s ${model.split(' ')[0]} line.`,
    });
  }
  return products;
}

/** JSON Lines for the batch index builder (id, title, category, brand, description). */
export function catalogJsonl(products: DemoProduct[]): string {
  return (
    products.map(({ id, title, category, brand, description }) => JSON.stringify({ id, title, category, brand, description })).join('\n') +
    '\n'
  );
}
