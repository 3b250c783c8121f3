// Everything the demo shop serves from, generated from seeds: the catalog,
// the anonymised "bought together" log, popularity and the personas.
import { DEFAULT_PRODUCT_COUNT, generateCatalog, type DemoProduct } from '../catalog/generate-catalog.ts';
import { generateInteractions, salesCounts, type ShopperBasket } from '../catalog/generate-interactions.ts';
import { resolvePersonas, type Persona } from '../catalog/personas.ts';

export interface DemoData {
  catalog: DemoProduct[];
  byId: Map<string, DemoProduct>;
  baskets: ShopperBasket[];
  /** Baskets per product id: the server's popularity signal. */
  sales: Map<string, number>;
  personas: Persona[];
}

export function demoData(productCount = DEFAULT_PRODUCT_COUNT): DemoData {
  const catalog = generateCatalog(productCount);
  const baskets = generateInteractions(catalog);
  return {
    catalog,
    byId: new Map(catalog.map((p) => [p.id, p])),
    baskets,
    sales: salesCounts(baskets),
    personas: resolvePersonas(catalog),
  };
}
