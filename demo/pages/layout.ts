// The frame every demo page shares: header with the search box, footer with
// the shopper's history controls. Only local files are referenced.
import { escapeHtml } from './escape-html.ts';

export const SHOP_NAME = 'Trailhead Outfitters';

export function layout(options: { title: string; query?: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${SHOP_NAME}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/shop.css">
<script type="module" src="/dist/edge-rerank.js"></script>
<script type="module" src="/static/shop.js"></script>
</head>
<body>
<header class="top">
  <a class="logo" href="/">${SHOP_NAME}</a>
  <form class="search" action="/" method="get" role="search">
    <input type="search" name="q" value="${escapeHtml(options.query ?? '')}" placeholder="Search tents, jackets, stoves…" aria-label="Search products">
    <button type="submit">Search</button>
  </form>
</header>
<main>
${options.body}
</main>
<footer class="privacy">
  <p>Your browsing history stays in this browser: it personalizes the order here and is never sent anywhere. <a href="/history">See what is stored</a>.</p>
  <button type="button" id="export-history">Download my history</button>
  <button type="button" id="forget-history">Forget my history</button>
  <span id="history-status" role="status"></span>
</footer>
</body>
</html>
`;
}
