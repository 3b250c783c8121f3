// The privacy panel: exactly what edge-rerank stores in this browser (read
// through the element's static exportHistory()), Export as JSON, and Forget
// everything (the element's static forget()).
import { onTabShown } from './tabs.ts';
import { bytes, el, forgetHistory, storedHistory, widgetClass } from './widget.ts';

const $ = (name: string) => document.querySelector<HTMLElement>(`[data-privacy="${name}"]`);

async function refresh(): Promise<void> {
  const table = $('events') as HTMLTableElement | null;
  if (!table) return;
  const events = await storedHistory();
  const size = new Blob([JSON.stringify(events)]).size;
  $('summary')!.textContent = events.length
    ? `${events.length} event${events.length === 1 ? '' : 's'} stored on this device (${bytes(size)} as JSON).`
    : 'Nothing is stored on this device.';
  table.tBodies[0]!.replaceChildren(
    ...[...events].reverse().map((e) => {
      const row = el('tr');
      row.dataset.itemId = e.itemId;
      row.append(el('td', new Date(e.time).toLocaleString()), el('td', e.type), el('td', e.title || e.itemId));
      return row;
    }),
  );
  table.hidden = events.length === 0;
  document.querySelector('[data-panel="privacy"]')?.setAttribute('data-events', String(events.length));
}

async function exportJson(): Promise<void> {
  const data = await (await widgetClass()).exportHistory();
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: 'my-edge-rerank-history.json' });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  $('status')!.textContent = 'Downloaded my-edge-rerank-history.json.';
}

export function initPrivacyPanel(): void {
  let shown = false;
  const report = (err: unknown) => ($('status')!.textContent = `Could not read the history: ${(err as Error).message}`);
  // Read lazily: opening the panel is what starts the widget's worker on a page without a list.
  onTabShown('privacy', () => {
    shown = true;
    refresh().catch(report);
  });
  window.addEventListener('demo-history-changed', () => shown && refresh().catch(report));
  document.addEventListener('edge-rerank-reranked', () => shown && refresh().catch(report));
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-action]');
    if (button?.dataset.action === 'export') exportJson().catch(report);
    if (button?.dataset.action !== 'forget') return;
    button.disabled = true;
    forgetHistory()
      .then(() => {
        sessionStorage.removeItem('demo-persona');
        document.querySelector<HTMLElement>('[data-simulated-banner]')!.hidden = true;
        $('status')!.textContent = 'Everything was erased from this browser.';
        return shown ? refresh() : undefined;
      })
      .catch((err: unknown) => ($('status')!.textContent = `Could not erase: ${(err as Error).message}`))
      .finally(() => (button.disabled = false));
  });
}
