// The demo console beside every page: what a stakeholder checks while the
// shop runs. Three tabs: the live panel (backend, model download, timings,
// caches), the privacy panel (what is stored, export, forget) and the request
// log (what the page and the widget's worker asked the server for). The page
// script (demo/client/) fills them in; the markup here is their skeleton.
import type { PageContext } from './layout.ts';

export type ConsoleTab = 'live' | 'privacy' | 'requests';

const TABS: Array<{ id: ConsoleTab; label: string }> = [
  { id: 'live', label: 'Live' },
  { id: 'privacy', label: 'Your data' },
  { id: 'requests', label: 'Requests' },
];

function livePanel(context: PageContext): string {
  return `<dl class="facts">
  <dt>Backend</dt><dd data-live="backend">Not started yet</dd>
  <dt>Why</dt><dd data-live="why">With no history the server's order is kept, and no model is loaded.</dd>
  <dt>Index</dt><dd>${context.hasIndex ? 'Demo index at <code>/index/</code>, built by <code>edge-rerank-index</code> from the generated catalog and basket log' : 'None: product vectors are embedded on this device'}</dd>
</dl>
<div class="load" data-live="load" hidden>
  <label for="model-progress" data-live="load-label">Downloading the model</label>
  <progress id="model-progress" max="1" value="0"></progress>
  <p class="small" data-live="load-text"></p>
</div>
<h3>Last rerank</h3>
<p class="small" data-live="rerank-summary">No rerank on this page yet.</p>
<table class="timings" data-live="timings" hidden>
  <caption class="visually-hidden">Time spent in each stage of the last rerank</caption>
  <thead><tr><th scope="col">Stage</th><th scope="col" class="num">ms</th></tr></thead>
  <tbody></tbody>
</table>
<h3>Caches in this browser</h3>
<ul class="caches" data-live="caches"><li>Checking…</li></ul>`;
}

function privacyPanel(): string {
  return `<p>What edge-rerank keeps about you, read from this browser's IndexedDB (database <code>edge-rerank</code>). It never leaves this device: the <a href="#console" data-open-tab="requests">request log</a> shows every request.</p>
<p class="summary" data-privacy="summary">Reading…</p>
<div class="actions">
  <button type="button" data-action="export">Export as JSON</button>
  <button type="button" class="danger" data-action="forget">Forget everything</button>
</div>
<p class="small" data-privacy="status" role="status"></p>
<table class="events" data-privacy="events" hidden>
  <caption class="visually-hidden">Events stored on this device, newest first</caption>
  <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Product</th></tr></thead>
  <tbody></tbody>
</table>`;
}

function requestsPanel(): string {
  return `<p class="small">How this is captured: the demo's own server records every request it receives (method, URL, headers, body, and the size it sent back) and streams that record here. It sees the page's requests and the widget worker's alike; files your browser already had in its caches made no request and are not listed. Each request is checked against everything stored on this device (titles and product ids): URL, body and headers, except Referer, which names the page you are on.</p>
<p class="summary" data-requests="summary">Waiting for the log…</p>
<div class="table-scroll">
<table class="requests" data-requests="table">
  <caption class="visually-hidden">Requests since this page was requested</caption>
  <thead><tr><th scope="col">From</th><th scope="col">Request</th><th scope="col" class="num">Size</th><th scope="col">Carries history?</th></tr></thead>
  <tbody></tbody>
</table>
</div>`;
}

export function consolePanels(context: PageContext, open: ConsoleTab): string {
  const body: Record<ConsoleTab, string> = { live: livePanel(context), privacy: privacyPanel(), requests: requestsPanel() };
  return `<aside class="console" id="console" aria-labelledby="console-title">
  <h2 id="console-title" class="console-title">Demo console <span>what happens on this device</span></h2>
  <div class="tabs" role="tablist" aria-labelledby="console-title">
    ${TABS.map(
      (t) =>
        `<button type="button" role="tab" id="tab-${t.id}" aria-controls="panel-${t.id}" aria-selected="${t.id === open}" tabindex="${t.id === open ? 0 : -1}" data-tab="${t.id}">${t.label}</button>`,
    ).join('\n    ')}
  </div>
  ${TABS.map(
    (t) =>
      `<section class="panel" role="tabpanel" id="panel-${t.id}" aria-labelledby="tab-${t.id}" data-panel="${t.id}" tabindex="0"${t.id === open ? '' : ' hidden'}>\n${body[t.id]}\n</section>`,
  ).join('\n  ')}
</aside>`;
}
