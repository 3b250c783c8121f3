// A product page: records a "view" on this device with <edge-rerank-track>;
// the cart button records a "cart" the same way (see /static/shop.js).
import type { DemoProduct } from '../catalog/generate-catalog.ts';
import { escapeHtml } from './escape-html.ts';
import { layout } from './layout.ts';

export function productPage(product: DemoProduct, backQuery: string): string {
  const track = (event: string) =>
    `<edge-rerank-track item-id="${escapeHtml(product.id)}" title="${escapeHtml(product.title)}" category="${escapeHtml(product.category)}" brand="${escapeHtml(product.brand)}" event="${event}"></edge-rerank-track>`;
  const back = backQuery
    ? `<a class="back" href="/?q=${encodeURIComponent(backQuery)}">← Back to “${escapeHtml(backQuery)}”</a>`
    : '<a class="back" href="/">← Search</a>';
  return layout({
    title: product.title,
    query: backQuery,
    body: `${back}
<article class="product" data-product-id="${escapeHtml(product.id)}">
  <h1>${escapeHtml(product.title)}</h1>
  <p class="meta">${escapeHtml(product.brand)} · ${escapeHtml(product.category)} · ${escapeHtml(product.colour)}</p>
  <p class="price">€${product.price.toFixed(2)}</p>
  <p>${escapeHtml(product.description)}</p>
  <button type="button" id="add-to-cart">Add to cart</button>
  ${track('view')}
  <template id="cart-track">${track('cart')}</template>
</article>`,
  });
}

export function notFoundPage(id: string): string {
  return layout({ title: 'Not found', body: `<p class="empty">No product “${escapeHtml(id)}”.</p>` });
}
