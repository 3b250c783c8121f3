// "What this shop knows about me": the page lists the history stored in this
// browser (read on the device through exportHistory(); the server never has it).
import { layout } from './layout.ts';

export function historyPage(): string {
  return layout({
    title: 'Your history',
    body: `<h1>Your history on this device</h1>
<p>These are the products you viewed, clicked, put in the cart or bought here. They are kept in this browser only
(IndexedDB), used to reorder search results for you, and never sent to the shop. The buttons below download or erase them.</p>
<p id="history-empty" hidden>Nothing stored yet.</p>
<table class="history" id="history-table" hidden>
  <thead><tr><th>When</th><th>What</th><th>Product</th></tr></thead>
  <tbody></tbody>
</table>`,
  });
}
