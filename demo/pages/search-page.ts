// The search page: the server's list, rendered as plain HTML inside
// <edge-rerank>, which reorders those same nodes on the shopper's device. The
// server's order is shown beside it (a toggle on a phone) so every move is visible.
import type { DemoProduct } from '../catalog/generate-catalog.ts';
import { productArt } from '../catalog/product-art.ts';
import { escapeHtml } from './escape-html.ts';
import { layout, type PageContext } from './layout.ts';
import { personaRow } from './persona-buttons.ts';

export interface SearchPageOptions {
  query: string;
  results: DemoProduct[];
  model: string;
  /** Index base URL when a demo index is served. */
  index?: string | undefined;
}

const price = (p: DemoProduct) => `€${p.price.toFixed(2)}`;
const productUrl = (p: DemoProduct, query: string) => `/product?id=${encodeURIComponent(p.id)}&amp;q=${encodeURIComponent(query)}`;

function resultItem(product: DemoProduct, query: string): string {
  return `<li class="result" data-item-id="${escapeHtml(product.id)}" data-title="${escapeHtml(product.title)}" data-category="${escapeHtml(product.category)}" data-brand="${escapeHtml(product.brand)}">
  ${productArt(product.art, product.colourHex)}
  <div class="result-body">
    <a class="result-title" href="${productUrl(product, query)}">${escapeHtml(product.title)}</a>
    <span class="meta">${escapeHtml(product.category)} · <span class="price">${price(product)}</span></span>
    <span class="move" data-move hidden></span>
  </div>
</li>`;
}

function serverItem(product: DemoProduct, query: string): string {
  return `<li class="result plain" data-server-id="${escapeHtml(product.id)}">
  ${productArt(product.art, product.colourHex)}
  <div class="result-body">
    <a class="result-title" href="${productUrl(product, query)}" tabindex="-1">${escapeHtml(product.title)}</a>
    <span class="meta">${escapeHtml(product.category)} · <span class="price">${price(product)}</span></span>
    <span class="now" data-now hidden></span>
  </div>
</li>`;
}

export function searchPage(context: PageContext, { query, results, model, index }: SearchPageOptions): string {
  const title = query.trim() ? `Results for “${query}”` : 'Search';
  const indexAttribute = index ? ` index="${escapeHtml(index)}"` : '';
  const body = !query.trim()
    ? `<h1>Search</h1><p>Type what you are looking for above.</p>`
    : results.length === 0
      ? `<h1>No products match “${escapeHtml(query)}”</h1><p>Try <a href="/search?q=bottle">bottle</a> or <a href="/search?q=kettle">kettle</a>.</p>`
      : `<h1>Results for “${escapeHtml(query)}” <span class="count">${results.length} products</span></h1>
${personaRow(context.personas)}
<p class="status" id="rerank-status" role="status" data-state="server">Showing the server's order. Personalizing on this device…</p>
<div class="view-switch" role="group" aria-label="Which order to show">
  <button type="button" data-view="personalized" aria-pressed="true">Personalized for you</button>
  <button type="button" data-view="server" aria-pressed="false">Server order</button>
</div>
<div class="compare" data-view="personalized">
  <section class="column server-order" aria-labelledby="server-title">
    <h2 id="server-title">Server order</h2>
    <p class="column-note">What the shop's search sent: the same for everyone.</p>
    <ol class="results">
${results.map((p) => serverItem(p, query)).join('\n')}
    </ol>
  </section>
  <section class="column personalized" aria-labelledby="personalized-title">
    <h2 id="personalized-title">Personalized for you</h2>
    <p class="column-note">The same products, reordered in this browser.</p>
    <edge-rerank query="${escapeHtml(query)}" model="${escapeHtml(model)}"${indexAttribute} explain>
      <ol class="results">
${results.map((p) => resultItem(p, query)).join('\n')}
      </ol>
    </edge-rerank>
  </section>
</div>`;
  return layout(context, { page: 'search', title, query, body });
}
