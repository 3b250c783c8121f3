// "Your data": the privacy story in words, with the console open on the
// privacy panel (what is stored, export, forget).
import { layout, type PageContext } from './layout.ts';

export function privacyPage(context: PageContext): string {
  return layout(context, {
    page: 'privacy',
    title: 'Your data',
    tab: 'privacy',
    body: `<h1>Your data on this device</h1>
<p>The panel beside this text (below it on a phone) lists exactly what edge-rerank has stored in this browser, with buttons to download it or erase it.</p>
<ul class="promises">
  <li><strong>Stored here only.</strong> Views, clicks, cart adds and purchases are kept in this browser's IndexedDB. The shop's server never receives them.</li>
  <li><strong>Used here only.</strong> The model that reorders results runs inside this browser (a Web Worker). It downloads files; it uploads nothing.</li>
  <li><strong>Checked, not promised.</strong> The <em>Requests</em> tab lists every request this page and the widget's worker made, and checks each against what is stored.</li>
  <li><strong>Yours to erase.</strong> <em>Forget everything</em> deletes the history, cached vectors and learned weights; the next search shows the server's order.</li>
</ul>`,
  });
}
