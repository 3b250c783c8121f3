// The cart: kept in this browser (localStorage), as a shop's cart would be
// kept for a guest. "Place order" records a purchase per item on this device
// (demo/client/cart.ts); in this demo nothing is sent to the shop.
import { layout, type PageContext } from './layout.ts';

export function cartPage(context: PageContext): string {
  return layout(context, {
    page: 'cart',
    title: 'Cart',
    body: `<h1>Your cart</h1>
<p data-cart-empty>Your cart is empty. <a href="/">Find something</a>.</p>
<ul class="cart-lines" data-cart-lines hidden></ul>
<p class="cart-total" data-cart-total hidden></p>
<button type="button" class="primary" data-action="checkout" hidden>Place order</button>
<p class="small" data-checkout-status role="status"></p>
<p class="small">This is a demo: placing the order records a <em>purchase</em> in this browser's history (it counts more than a view) and sends nothing.</p>`,
  });
}
