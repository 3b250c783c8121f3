// Persona buttons: replace this browser's history with a simulated shopper's
// (recorded through the widget's own API, el.track(), with the times it
// would have happened), label it clearly as simulated, then open the search
// that shopper would type.
import type { Persona } from '../catalog/personas.ts';
import { forgetHistory, track } from './widget.ts';

const HOUR = 3_600_000;
const KEY = 'demo-persona';

function personas(): Persona[] {
  return JSON.parse(document.getElementById('persona-data')?.textContent ?? '[]') as Persona[];
}

export async function replayPersona(persona: Persona): Promise<void> {
  await forgetHistory();
  const now = Date.now();
  for (const e of persona.events) {
    await track({ itemId: e.itemId, type: e.type, title: e.title, category: e.category, brand: e.brand, time: now - e.hoursAgo * HOUR });
  }
  sessionStorage.setItem(KEY, JSON.stringify({ label: persona.label, events: persona.events.length }));
  window.dispatchEvent(new CustomEvent('demo-history-changed'));
}

function showBanner(): void {
  const banner = document.querySelector<HTMLElement>('[data-simulated-banner]');
  const saved = sessionStorage.getItem(KEY);
  if (!banner || !saved) return;
  const { label, events } = JSON.parse(saved) as { label: string; events: number };
  banner.textContent = `Simulated shopper: ${label}. This browser's history was replaced with ${events} invented events (plus anything you do from here). Forget everything in “Your data” to start over.`;
  banner.hidden = false;
}

export function initPersonas(): void {
  showBanner();
  const all = personas();
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-persona]');
    const persona = all.find((p) => p.id === button?.dataset.persona);
    if (!button || !persona) return;
    for (const b of document.querySelectorAll<HTMLButtonElement>('[data-persona]')) b.disabled = true;
    button.textContent = `Replaying ${persona.events.length} simulated events…`;
    replayPersona(persona)
      .then(() => location.assign(`/search?q=${encodeURIComponent(persona.query)}`))
      .catch((err: unknown) => {
        button.textContent = `Could not replay: ${(err as Error).message}`;
        for (const b of document.querySelectorAll<HTMLButtonElement>('[data-persona]')) b.disabled = false;
      });
  });
}
