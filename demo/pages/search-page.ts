// The search page: the server's BM25 list, rendered as plain HTML inside
// <edge-rerank>, which reorders those same nodes on the shopper's device.
// The server order is repeated beside it so the difference is visible.
import type { DemoProduct } from '../catalog/generate-catalog.ts';
import { escapeHtml } from './escape-html.ts';
import { layout } from './layout.ts';

export interface SearchPageOptions {
  query: string;
  results: DemoProduct[];
  model: string;
  /** Index base URL when a demo index was built. */
  index?: string | undefined;
}

function resultItem(product: DemoProduct, query: string): string {
  return `<li class="result" data-item-id="${escapeHtml(product.id)}" data-title="${escapeHtml(product.title)}" data-category="${escapeHtml(product.category)}" data-brand="${escapeHtml(product.brand)}">
  <a href="/product?id=${encodeURIComponent(product.id)}&amp;q=${encodeURIComponent(query)}">${escapeHtml(product.title)}</a>
  <span class="meta">${escapeHtml(product.brand)} · ${escapeHtml(product.category)} · €${product.price.toFixed(2)}</span>
</li>`;
}

export function searchPage({ query, results, model, index }: SearchPageOptions): string {
  if (!query.trim()) {
    return layout({
      title: 'Search',
      body: `<section class="intro">
  <h1>Find your gear</h1>
  <p>Search for something (try <a href="/?q=jacket">jacket</a>, <a href="/?q=tent">tent</a> or <a href="/?q=shoes">shoes</a>), open a few products, then search again: the list is reordered for you, on this device.</p>
</section>`,
    });
  }
  const indexAttribute = index ? ` index="${escapeHtml(index)}"` : '';
  const body =
    results.length === 0
      ? `<p class="empty">No products match “${escapeHtml(query)}”.</p>`
      : `<p class="status" id="rerank-status" role="status">Server order. Personalizing on this device…</p>
<div class="columns">
  <section class="personalized">
    <h2>Personalized for you</h2>
    <edge-rerank query="${escapeHtml(query)}" model="${escapeHtml(model)}"${indexAttribute} explain>
      <ol class="results">
${results.map((p) => resultItem(p, query)).join('\n')}
      </ol>
    </edge-rerank>
  </section>
  <aside class="server-order">
    <h2>Server order</h2>
    <ol>
${results.map((p) => `      <li data-server-id="${escapeHtml(p.id)}">${escapeHtml(p.title)}</li>`).join('\n')}
    </ol>
  </aside>
</div>`;
  return layout({ title: `“${query}”`, query, body: `<h1 class="visually-hidden">Results</h1>\n${body}` });
}
