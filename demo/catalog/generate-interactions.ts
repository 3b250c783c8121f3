// An invented, anonymised "bought together" log for the demo shop, so the
// demo index carries behavioural neighbours like a real shop's would:
// shoppers buy kits (a trail-running kit, an espresso corner, a newborn's
// feeding set…), mostly from one brand. Seeded: the same log every run.
// One JSON line per shopper: {user, items}.
import type { DemoProduct } from './generate-catalog.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';

/** Product types (DemoProduct.type) that are bought together. */
export const KITS: readonly (readonly string[])[] = [
  [
    'Trail Running Shoes',
    'Running Socks',
    'Soft Flask Bottle',
    'Running Vest',
    'Running Jacket',
    'Running Headlamp',
    'GPS Running Watch',
    'Heart Rate Monitor',
  ],
  ['Tent', 'Sleeping Bag', 'Camping Kettle', 'Camping Mug', 'Picnic Blanket', 'Water Bottle'],
  ['Hiking Boots', 'Rain Jacket', 'Down Jacket', 'Hiking Backpack', 'Water Bottle'],
  ['Espresso Machine', 'Burr Grinder', 'Espresso Tamper', 'Milk Jug', 'Milk Thermometer', 'Coffee Beans', 'Coffee Scale'],
  ['Pour-Over Dripper', 'Gooseneck Kettle', 'Burr Grinder', 'Coffee Scale', 'Coffee Beans', 'Travel Mug'],
  ["Chef's Knife", 'Cast Iron Pan', 'Mixing Bowl Set', 'Kitchen Scale', 'Stand Mixer', 'Electric Kettle'],
  ['Baby Bottle', 'Bottle Warmer', 'Bottle Steriliser', 'Sippy Cup', 'Digital Thermometer'],
  ['Stroller', 'Car Seat', 'Baby Carrier', 'Changing Bag', 'Swaddle Blanket'],
  ['Baby Monitor', 'Night Light', 'Swaddle Blanket', 'Baby Bath', 'Baby Scale', 'First Shoes'],
];

export interface ShopperBasket {
  user: string;
  items: string[];
}

export const DEFAULT_SHOPPERS = 1500;

export function generateInteractions(catalog: readonly DemoProduct[], shoppers = DEFAULT_SHOPPERS, seed = 7): ShopperBasket[] {
  const random = seededRandom(seed);
  const baskets: ShopperBasket[] = [];
  const kits = KITS.map((kit) => catalog.filter((p) => kit.includes(p.type))).filter((inKit) => inKit.length > 1);
  for (let s = 0; s < shoppers && kits.length; s++) {
    const inKit = kits[Math.floor(random() * kits.length)]!;
    const anchor = inKit[Math.floor(random() * inKit.length)]!;
    const size = 2 + Math.floor(random() * 3);
    const items = [anchor.id];
    const types = new Set([anchor.type]);
    for (let tries = 0; items.length < size && tries < 50; tries++) {
      // Brand loyalty: seven times in ten the next item is the anchor's brand.
      const loyal = random() < 0.7;
      const pool = inKit.filter((p) => !types.has(p.type) && (!loyal || p.brand === anchor.brand));
      const next = pool[Math.floor(random() * pool.length)];
      if (next) {
        items.push(next.id);
        types.add(next.type);
      }
    }
    baskets.push({ user: `shopper-${s + 1}`, items });
  }
  return baskets;
}

export function interactionsJsonl(baskets: readonly ShopperBasket[]): string {
  return baskets.map((b) => JSON.stringify(b)).join('\n') + '\n';
}

/** How many baskets hold each product: the shop's popularity signal. */
export function salesCounts(baskets: readonly ShopperBasket[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { items } of baskets) for (const id of items) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
