// Products invented for the widget's tests (never the evaluation data).
import type { Product } from './shop-harness.ts';

/** What the shopper looks at on product pages: all one brand and category. */
export const VIEWED: Product[] = [
  { id: 'kes-tent', title: 'Kestrel Ridge two-person tent', category: 'Tents', brand: 'Kestrel' },
  { id: 'kes-bag', title: 'Kestrel Alpine down sleeping bag', category: 'Sleeping bags', brand: 'Kestrel' },
  { id: 'kes-pack', title: 'Kestrel Summit 40 L backpack', category: 'Backpacks', brand: 'Kestrel' },
];

/** The server's results for "outdoor gear": other brands first, Kestrel items at the tail. */
export const RESULTS: Product[] = [
  { id: 'mar-stove', title: 'Marlow compact gas stove', category: 'Stoves', brand: 'Marlow' },
  { id: 'tun-jacket', title: 'Tundra waterproof shell jacket', category: 'Jackets', brand: 'Tundra' },
  { id: 'mar-pot', title: 'Marlow titanium cook pot', category: 'Cookware', brand: 'Marlow' },
  { id: 'tun-gloves', title: 'Tundra fleece gloves', category: 'Gloves', brand: 'Tundra' },
  { id: 'ork-bottle', title: 'Orka insulated water bottle', category: 'Bottles', brand: 'Orka' },
  { id: 'ork-mug', title: 'Orka enamel camping mug', category: 'Cookware', brand: 'Orka' },
  { id: 'tun-hat', title: 'Tundra wool beanie', category: 'Hats', brand: 'Tundra' },
  { id: 'kes-poles', title: 'Kestrel carbon trekking poles', category: 'Poles', brand: 'Kestrel' },
  { id: 'kes-tent-3', title: 'Kestrel Ridge three-person tent', category: 'Tents', brand: 'Kestrel' },
  { id: 'kes-lamp', title: 'Kestrel rechargeable headlamp', category: 'Lights', brand: 'Kestrel' },
];

export const QUERY = 'outdoor gear';
export const SERVER_ORDER = RESULTS.map((p) => p.id);
export const VIEWED_TITLES = VIEWED.map((p) => p.title);
