// A made-up shop catalog and purchase log, generated from a seed: benchmarks
// and tests get realistic-looking product text of varied length without
// shipping anyone's real data.
import type { ItemFields } from '../../src/model/item-text.ts';
import { seededRandom as random } from '../seeded-random.ts';

const CATEGORIES = [
  ['Lab Supplies', 'Pipettes', ['pipette', 'pipette tips', 'micropipette', 'transfer pipette']],
  ['Lab Supplies', 'Glassware', ['beaker', 'flask', 'graduated cylinder', 'test tube rack']],
  ['Safety', 'Gloves', ['nitrile gloves', 'latex gloves', 'cut resistant gloves', 'cryogenic gloves']],
  ['Safety', 'Eye Protection', ['safety glasses', 'goggles', 'face shield', 'welding helmet']],
  ['Measuring', 'Calipers', ['digital caliper', 'vernier caliper', 'micrometer', 'depth gauge']],
  ['Measuring', 'Thermometers', ['infrared thermometer', 'probe thermometer', 'thermocouple', 'data logger']],
  ['Electronics', 'Soldering', ['soldering iron', 'solder wire', 'flux pen', 'desoldering pump']],
  ['Electronics', 'Test Equipment', ['multimeter', 'oscilloscope probe', 'clamp meter', 'logic analyzer']],
  ['Fasteners', 'Screws', ['machine screws', 'wood screws', 'set screws', 'thumb screws']],
  ['Fasteners', 'Nuts', ['hex nuts', 'lock nuts', 'wing nuts', 'rivet nuts']],
] as const;
const ADJECTIVES = [
  'heavy duty',
  'professional',
  'compact',
  'precision',
  'industrial',
  'lightweight',
  'premium',
  'economy',
  'reusable',
  'disposable',
];
const MATERIALS = ['stainless steel', 'aluminium', 'borosilicate glass', 'polypropylene', 'brass', 'nylon', 'carbon fibre', 'titanium'];
const SIZES = ['small', 'medium', 'large', '10 ml', '250 ml', '1 L', 'M3 x 10 mm', '150 mm', 'pack of 100', 'set of 12'];
const BRANDS = ['Acme', 'Labtek', 'Fisherman', 'Proline', 'Voltix', 'Northwind', 'Kestrel', 'Orbit'];
const EXTRAS = ['with case', 'CE certified', 'for laboratories', 'autoclavable', 'anti-static', 'ergonomic grip', 'long life', ''];

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)] as T;
}

export function syntheticCatalog(count: number, seed = 1): ItemFields[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const [root, leaf, nouns] = pick(CATEGORIES, next);
    const words = [pick(ADJECTIVES, next), pick(MATERIALS, next), pick(nouns, next), pick(SIZES, next)];
    for (let extra = Math.floor(next() * 4); extra > 0; extra--) words.push(pick(EXTRAS, next));
    const item: ItemFields = {
      id: `SKU-${String(i).padStart(6, '0')}`,
      title: words.filter(Boolean).join(' '),
      category: `${root} > ${leaf}`,
      brand: pick(BRANDS, next),
    };
    if (next() < 0.2) item.description = `${item.title} for daily use in ${root.toLowerCase()}.`;
    return item;
  });
}

/** Shoppers who each buy 2–6 items, mostly from one category, in time order. */
export function syntheticPurchases(items: ItemFields[], shoppers: number, seed = 2): { user: string; items: string[] }[] {
  const next = random(seed);
  const byCategory = new Map<string, string[]>();
  for (const item of items) byCategory.set(item.category ?? '', [...(byCategory.get(item.category ?? '') ?? []), item.id]);
  const groups = [...byCategory.values()];
  return Array.from({ length: shoppers }, (_, u) => {
    const home = pick(groups, next);
    const bought = Array.from({ length: 2 + Math.floor(next() * 5) }, () => (next() < 0.8 ? pick(home, next) : pick(items, next).id));
    return { user: `u${u}`, items: bought };
  });
}

export function jsonl(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}
