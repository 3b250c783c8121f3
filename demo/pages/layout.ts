// The frame every demo page shares: the shop's header (search, cart, "Your
// data"), the demo console beside the page (live panel, privacy panel,
// request log) and the product-picture sprite. Only local files are referenced.
import type { Persona } from '../catalog/personas.ts';
import { artSprite } from '../catalog/product-art.ts';
import { escapeHtml } from './escape-html.ts';
import { consolePanels, type ConsoleTab } from './console-panels.ts';

export const SHOP_NAME = 'Meadowlark';

/** What every page needs from the server. */
export interface PageContext {
  /** This page's navigation in the server's request log: the log panel lists from here. */
  requestSeq: number;
  personas: Persona[];
  hasIndex: boolean;
}

export interface LayoutOptions {
  page: string;
  title: string;
  query?: string;
  body: string;
  /** The console tab open when the page loads. */
  tab?: ConsoleTab;
}

/** JSON for a <script type="application/json">: no "</script>" can close it early. */
export function jsonScript(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

export function layout(context: PageContext, options: LayoutOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${SHOP_NAME}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/shop.css">
<script type="module" src="/dist/edge-rerank.js"></script>
<script type="module" src="/static/app.js"></script>
</head>
<body data-page="${escapeHtml(options.page)}" data-request-seq="${context.requestSeq}" data-console-tab="${options.tab ?? 'live'}">
${artSprite()}
<a class="skip-link" href="#main">Skip to content</a>
<header class="top">
  <a class="logo" href="/">${SHOP_NAME}<span> general store</span></a>
  <form class="search" action="/search" method="get" role="search">
    <label class="visually-hidden" for="search-input">Search products</label>
    <input id="search-input" type="search" name="q" value="${escapeHtml(options.query ?? '')}" placeholder="Search bottles, kettles, jackets…" autocomplete="off">
    <button type="submit">Search</button>
  </form>
  <nav class="top-nav" aria-label="Your shop">
    <a href="/cart">Cart <span class="count" data-cart-count>0</span></a>
    <a href="/privacy" data-open-tab="privacy">Your data</a>
  </nav>
</header>
<p class="simulated-banner" data-simulated-banner hidden></p>
<div class="page">
<main id="main" tabindex="-1">
${options.body}
</main>
${consolePanels(context, options.tab ?? 'live')}
</div>
<footer class="footer">
  <p>${SHOP_NAME} is an invented shop: every product, brand and shopper here is generated. Your browsing stays in this browser; see <a href="/privacy">Your data</a>.</p>
</footer>
${jsonScript('persona-data', context.personas)}
</body>
</html>
`;
}
