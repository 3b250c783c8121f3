// The start page: what the demo shows, the simulated shoppers, and searches
// to try as yourself.
import { DEPARTMENTS } from '../catalog/departments.ts';
import { layout, type PageContext } from './layout.ts';
import { personaCards } from './persona-buttons.ts';

const TRY = ['bottle', 'kettle', 'scale', 'jacket', 'blanket', 'monitor'];

export function homePage(context: PageContext): string {
  return layout(context, {
    page: 'home',
    title: 'Home',
    body: `<section class="intro">
  <h1>Search results, reordered for you — on your device</h1>
  <p>This shop's search server sends everyone the same list. The <code>&lt;edge-rerank&gt;</code> widget reorders that list in this browser, using only what <em>you</em> did here, which it keeps in this browser and never sends anywhere. Search pages show the server's order and yours side by side, with the reason for every product that moved up.</p>
</section>
<section aria-labelledby="personas-title">
  <h2 id="personas-title">Try it as a simulated shopper</h2>
  <p>Each button replaces this browser's history with a short, <strong>simulated</strong> browsing history (recorded through the widget's own API, exactly as real browsing would be), then opens a search that shopper would type.</p>
  ${personaCards(context.personas)}
</section>
<section aria-labelledby="yourself-title">
  <h2 id="yourself-title">…or shop as yourself</h2>
  <p>Open a few products, add one to the cart, then search again. Words that mean different things in different aisles show it best:
  ${TRY.map((q) => `<a class="chip" href="/search?q=${encodeURIComponent(q)}">${q}</a>`).join(' ')}</p>
  <p class="small">Departments: ${DEPARTMENTS.map((d) => d.name).join(' · ')}.</p>
</section>`,
  });
}
