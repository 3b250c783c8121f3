// An invented, anonymised "bought together" log for the demo shop, so the
// demo index carries behavioural neighbours like a real shop's would:
// shoppers buy kits (camping, rain, climbing, running), mostly from one brand.
// Seeded: the same log every run. One JSON line per shopper: {user, items}.
import type { DemoProduct } from './generate-catalog.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';

/** Product type names (the end of each title) that are bought together. */
export const KITS: readonly (readonly string[])[] = [
  ['Tent', 'Sleeping Bag', 'Sleeping Pad', 'Camping Stove', 'Cookset', 'Headlamp', 'Lantern'],
  ['Rain Jacket', 'Hiking Trousers', 'Hiking Boots', 'Trekking Poles', 'Daypack', 'Compass'],
  ['Climbing Harness', 'Carabiner Set', 'Climbing Rope', 'Chalk Bag', 'Approach Shoes'],
  ['Trail Running Shoes', 'Water Bottle', 'Base Layer', 'GPS Watch', 'Water Filter'],
  ['Backpacking Pack', 'Down Jacket', 'Fleece', 'Water Filter', 'Sleeping Bag'],
];

export interface ShopperBasket {
  user: string;
  items: string[];
}

function typeOf(product: DemoProduct, kit: readonly string[]): string | undefined {
  return kit.find((type) => product.title.endsWith(` ${type}`));
}

export function generateInteractions(catalog: DemoProduct[], shoppers = 800, seed = 7): ShopperBasket[] {
  const random = seededRandom(seed);
  const baskets: ShopperBasket[] = [];
  for (let s = 0; s < shoppers; s++) {
    const kit = KITS[Math.floor(random() * KITS.length)]!;
    const inKit = catalog.filter((p) => typeOf(p, kit));
    const anchor = inKit[Math.floor(random() * inKit.length)]!;
    const size = 2 + Math.floor(random() * 3);
    const items = [anchor.id];
    for (let tries = 0; items.length < size && tries < 50; tries++) {
      // Brand loyalty: seven times in ten the next item is the anchor's brand.
      const loyal = random() < 0.7;
      const pool = inKit.filter((p) => !items.includes(p.id) && (!loyal || p.brand === anchor.brand));
      if (pool.length) items.push(pool[Math.floor(random() * pool.length)]!.id);
    }
    baskets.push({ user: `shopper-${s + 1}`, items });
  }
  return baskets;
}

export function interactionsJsonl(baskets: ShopperBasket[]): string {
  return baskets.map((b) => JSON.stringify(b)).join('\n') + '\n';
}
