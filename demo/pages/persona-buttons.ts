// The simulated shoppers' buttons. A click (demo/client/personas.ts) replays
// the persona's history into this browser through the widget's own API, then
// opens the search that persona would type.
import type { Persona } from '../catalog/personas.ts';
import { escapeHtml } from './escape-html.ts';

export function personaCards(personas: readonly Persona[]): string {
  return `<ul class="personas">
${personas
  .map(
    (p) => `  <li class="persona">
    <h3>${escapeHtml(p.label)}</h3>
    <p>${escapeHtml(p.blurb)}</p>
    <p class="small">${p.events.length} simulated events, then searches <q>${escapeHtml(p.query)}</q></p>
    <button type="button" class="primary" data-persona="${escapeHtml(p.id)}">Shop as the ${escapeHtml(p.label.toLowerCase())}</button>
  </li>`,
  )
  .join('\n')}
</ul>`;
}

/** The compact row above search results: same query, another shopper. */
export function personaRow(personas: readonly Persona[]): string {
  return `<div class="persona-row" role="group" aria-labelledby="persona-row-label">
  <span id="persona-row-label">Simulate a shopper:</span>
  ${personas.map((p) => `<button type="button" data-persona="${escapeHtml(p.id)}">${escapeHtml(p.label)}</button>`).join('\n  ')}
  <button type="button" data-action="forget">Forget everything</button>
</div>`;
}
