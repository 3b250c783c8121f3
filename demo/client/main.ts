// The demo shop's page script (bundled by the server at start, served as
// /static/app.js). Every page: cart count, console tabs, live panel, privacy
// panel, request log, persona buttons; search pages: the side-by-side.
import { initTabs } from './tabs.ts';
import { initLivePanel } from './live-panel.ts';
import { initPrivacyPanel } from './privacy-panel.ts';
import { initRequestLog } from './request-log.ts';
import { initPersonas } from './personas.ts';
import { initCompare } from './compare.ts';
import { initCart } from './cart.ts';

initRequestLog();
initTabs();
initLivePanel();
initPrivacyPanel();
initPersonas();
initCompare();
initCart();
// A product page's view is recorded on connect: tell the panels when it is stored.
void customElements.whenDefined('edge-rerank-track').then(async () => {
  for (const tracker of document.querySelectorAll('edge-rerank-track')) await tracker.recorded;
  window.dispatchEvent(new CustomEvent('demo-history-changed'));
});
