// The guest cart (localStorage, as shops keep one for guests): "Add to cart"
// records a cart event with an <edge-rerank-track event="cart">, and "Place
// order" records a purchase per item the same way. Nothing is sent.
import { el, trackWithElement } from './widget.ts';

interface CartItem {
  id: string;
  title: string;
  price: number;
  category: string;
  brand: string;
}

const KEY = 'meadowlark-cart';
const read = (): CartItem[] => JSON.parse(localStorage.getItem(KEY) ?? '[]') as CartItem[];
const write = (items: CartItem[]) => localStorage.setItem(KEY, JSON.stringify(items));

function showCount(): void {
  for (const count of document.querySelectorAll('[data-cart-count]')) count.textContent = String(read().length);
}

function initAddToCart(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-action="add-to-cart"]');
  const article = button?.closest<HTMLElement>('[data-cart-item]');
  if (!button || !article) return;
  button.addEventListener('click', async () => {
    const item = JSON.parse(article.dataset.cartItem!) as CartItem;
    write([...read().filter((i) => i.id !== item.id), item]);
    showCount();
    button.disabled = true;
    const template = document.getElementById('cart-track') as HTMLTemplateElement | null;
    const tracker = template?.content.firstElementChild;
    const recorded = tracker
      ? await trackWithElement(Object.fromEntries([...tracker.attributes].map((a) => [a.name, a.value])), article)
      : false;
    document.querySelector('[data-cart-status]')!.textContent = recorded
      ? 'Added to cart, and recorded as a cart event in this browser.'
      : 'Added to cart (not recorded in the history).';
    button.textContent = 'In your cart';
  });
}

function renderCart(): void {
  const lines = document.querySelector<HTMLElement>('[data-cart-lines]');
  if (!lines) return;
  const items = read();
  lines.replaceChildren(
    ...items.map((item) => {
      const li = el('li');
      const link = el('a', item.title);
      link.href = `/product?id=${encodeURIComponent(item.id)}`;
      li.append(link, el('span', `€${item.price.toFixed(2)}`, 'price'));
      return li;
    }),
  );
  const total = items.reduce((sum, i) => sum + i.price, 0);
  lines.hidden = items.length === 0;
  document.querySelector<HTMLElement>('[data-cart-empty]')!.hidden = items.length > 0;
  const totalLine = document.querySelector<HTMLElement>('[data-cart-total]')!;
  totalLine.hidden = items.length === 0;
  totalLine.textContent = `Total: €${total.toFixed(2)}`;
  document.querySelector<HTMLElement>('[data-action="checkout"]')!.hidden = items.length === 0;
}

function initCheckout(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-action="checkout"]');
  if (!button) return;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const items = read();
    for (const item of items) {
      await trackWithElement({ 'item-id': item.id, title: item.title, category: item.category, brand: item.brand, event: 'purchase' });
    }
    write([]);
    renderCart();
    showCount();
    button.disabled = false;
    document.querySelector('[data-checkout-status]')!.textContent =
      `Order placed (demo): ${items.length} purchase${items.length === 1 ? '' : 's'} recorded in this browser. Nothing was sent.`;
  });
}

export function initCart(): void {
  showCount();
  initAddToCart();
  renderCart();
  initCheckout();
}
