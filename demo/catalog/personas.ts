// Simulated shoppers for the demo: each is a short, invented browsing history
// (what they viewed, put in the cart, bought) and a search they would type.
// A persona button replays the history into this browser's IndexedDB through
// the widget's own API, exactly as real browsing would record it.
import type { HistoryEventType } from '../../src/rank/types.ts';
import type { DemoProduct } from './generate-catalog.ts';

interface PersonaStep {
  /** DemoProduct.type */
  type: string;
  brand: string;
  event: HistoryEventType;
  /** When it happened, hours before the replay. */
  hoursAgo: number;
}

export interface PersonaSpec {
  id: string;
  label: string;
  /** One line on who this is. */
  blurb: string;
  query: string;
  steps: readonly PersonaStep[];
}

/** A persona with its steps resolved to catalog products (what the page replays). */
export interface Persona extends Omit<PersonaSpec, 'steps'> {
  events: Array<{ itemId: string; title: string; category: string; brand: string; type: HistoryEventType; hoursAgo: number }>;
}

export const PERSONAS: readonly PersonaSpec[] = [
  {
    id: 'trail-runner',
    label: 'Trail runner',
    blurb: 'Runs mountain trails in Kestrel gear; bought shoes, is kitting out for a race.',
    query: 'jacket',
    steps: [
      { type: 'Trail Running Shoes', brand: 'Kestrel', event: 'view', hoursAgo: 50 },
      { type: 'Trail Running Shoes', brand: 'Kestrel', event: 'purchase', hoursAgo: 48 },
      { type: 'Running Jacket', brand: 'Kestrel', event: 'view', hoursAgo: 6 },
      { type: 'Soft Flask Bottle', brand: 'Kestrel', event: 'cart', hoursAgo: 5 },
      { type: 'Running Headlamp', brand: 'Kestrel', event: 'view', hoursAgo: 2 },
      { type: 'Running Socks', brand: 'Kestrel', event: 'view', hoursAgo: 1 },
    ],
  },
  {
    id: 'home-barista',
    label: 'Home barista',
    blurb: 'Owns a Crema & Co espresso machine; shopping for the rest of the coffee corner.',
    query: 'scale',
    steps: [
      { type: 'Espresso Machine', brand: 'Crema & Co', event: 'view', hoursAgo: 60 },
      { type: 'Espresso Machine', brand: 'Crema & Co', event: 'purchase', hoursAgo: 58 },
      { type: 'Burr Grinder', brand: 'Crema & Co', event: 'view', hoursAgo: 8 },
      { type: 'Coffee Beans', brand: 'Beanstead', event: 'purchase', hoursAgo: 6 },
      { type: 'Milk Jug', brand: 'Crema & Co', event: 'view', hoursAgo: 2 },
      { type: 'Espresso Tamper', brand: 'Crema & Co', event: 'cart', hoursAgo: 1 },
    ],
  },
  {
    id: 'new-parent',
    label: 'New parent',
    blurb: 'Expecting in spring; trusts Little Sprout, setting up feeding and the nursery.',
    query: 'blanket',
    steps: [
      { type: 'Stroller', brand: 'Little Sprout', event: 'view', hoursAgo: 72 },
      { type: 'Stroller', brand: 'Little Sprout', event: 'purchase', hoursAgo: 70 },
      { type: 'Bottle Steriliser', brand: 'Little Sprout', event: 'purchase', hoursAgo: 20 },
      { type: 'Baby Monitor', brand: 'Little Sprout', event: 'view', hoursAgo: 4 },
      { type: 'Swaddle Blanket', brand: 'Little Sprout', event: 'view', hoursAgo: 3 },
      { type: 'Bottle Warmer', brand: 'Little Sprout', event: 'cart', hoursAgo: 1 },
    ],
  },
];

/** Each step becomes the catalog's first product of that type and brand (any brand when the catalog has none). */
export function resolvePersonas(catalog: readonly DemoProduct[], specs: readonly PersonaSpec[] = PERSONAS): Persona[] {
  return specs.map(({ steps, ...persona }) => ({
    ...persona,
    events: steps.flatMap((step) => {
      const product = catalog.find((p) => p.type === step.type && p.brand === step.brand) ?? catalog.find((p) => p.type === step.type);
      if (!product) return [];
      const { id: itemId, title, category, brand } = product;
      return [{ itemId, title, category, brand, type: step.event, hoursAgo: step.hoursAgo }];
    }),
  }));
}
