// The demo shop's "search server": MiniSearch (BM25+) over product text,
// nudged by popularity (how many baskets in the shop's log hold the product),
// the kind of ranking a small shop really runs: the same list for everyone.
// edge-rerank then personalises this order on the shopper's device.
import MiniSearch from 'minisearch';
import type { DemoProduct } from '../catalog/generate-catalog.ts';

/** Lower-case; a plural "s" is dropped so "bottles" finds "bottle" (and "shoes" "shoe"). */
export function normaliseTerm(term: string): string {
  const word = term.toLowerCase();
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

export interface SearchHit {
  id: string;
  score: number;
}

export class ProductSearch {
  readonly #index: MiniSearch<DemoProduct>;

  /** `sales`: baskets per product id in the shop's log (popularity); absent → 0. */
  constructor(products: readonly DemoProduct[], sales: ReadonlyMap<string, number> = new Map()) {
    this.#index = new MiniSearch<DemoProduct>({
      fields: ['title', 'kind', 'brand', 'category', 'description'],
      // What the product is: the head noun of its type ("Bottle" for a baby bottle, "Warmer" for a bottle warmer).
      extractField: (product, field) =>
        field === 'kind' ? (product.type.split(' ').at(-1) ?? '') : String(product[field as keyof DemoProduct] ?? ''),
      processTerm: normaliseTerm,
      searchOptions: {
        boost: { title: 3, kind: 3, brand: 2, category: 1.5 },
        // Best sellers first among equally good matches (at most ×1.5 for the top seller).
        boostDocument: (id) => 1 + 0.15 * Math.log1p(sales.get(String(id)) ?? 0),
        // A typo still finds something ("jaket"); only longer words, so "cup" never matches "cap".
        fuzzy: (term) => (term.length > 4 ? 0.2 : false),
        prefix: (term) => term.length > 3,
      },
    });
    this.#index.addAll(products as DemoProduct[]);
  }

  /** Best first; at most `limit`. */
  search(query: string, limit = 20): SearchHit[] {
    if (!query.trim()) return [];
    return this.#index
      .search(query)
      .slice(0, Math.max(0, limit))
      .map((hit) => ({ id: String(hit.id), score: Math.round(hit.score * 1000) / 1000 }));
  }
}
