// A product page: records a "view" on this device with <edge-rerank-track>;
// "Add to cart" records a "cart" the same way (demo/client/cart.ts).
import type { DemoProduct } from '../catalog/generate-catalog.ts';
import { productArt } from '../catalog/product-art.ts';
import { escapeHtml } from './escape-html.ts';
import { layout, type PageContext } from './layout.ts';

export function trackElement(product: DemoProduct, event: string): string {
  return `<edge-rerank-track item-id="${escapeHtml(product.id)}" title="${escapeHtml(product.title)}" category="${escapeHtml(product.category)}" brand="${escapeHtml(product.brand)}" event="${event}"></edge-rerank-track>`;
}

export function productPage(context: PageContext, product: DemoProduct, backQuery: string): string {
  const back = backQuery
    ? `<a class="back" href="/search?q=${encodeURIComponent(backQuery)}">← Back to “${escapeHtml(backQuery)}”</a>`
    : '<a class="back" href="/">← Home</a>';
  const cartItem = { id: product.id, title: product.title, price: product.price, category: product.category, brand: product.brand };
  return layout(context, {
    page: 'product',
    title: product.title,
    query: backQuery,
    body: `${back}
<article class="product" data-product-id="${escapeHtml(product.id)}" data-cart-item="${escapeHtml(JSON.stringify(cartItem))}">
  ${productArt(product.art, product.colourHex, 'art large')}
  <div class="product-info">
    <p class="meta">${escapeHtml(product.category)}</p>
    <h1>${escapeHtml(product.title)}</h1>
    <p class="meta">by ${escapeHtml(product.brand)} · ${escapeHtml(product.colour)} · rated ${product.rating.toFixed(1)} of 5</p>
    <p class="price big">€${product.price.toFixed(2)}</p>
    <p>${escapeHtml(product.description)}</p>
    <button type="button" class="primary" data-action="add-to-cart">Add to cart</button>
    <p class="small" data-cart-status role="status"></p>
    <p class="small">Viewing this page was recorded in this browser only (see <a href="/privacy" data-open-tab="privacy">Your data</a>).</p>
  </div>
  ${trackElement(product, 'view')}
  <template id="cart-track">${trackElement(product, 'cart')}</template>
</article>`,
  });
}

export function notFoundPage(context: PageContext, id: string): string {
  return layout(context, { page: 'not-found', title: 'Not found', body: `<h1>Not found</h1><p>No product “${escapeHtml(id)}”.</p>` });
}
