// The request log: every request the demo server answered since it served
// this page (its own record, streamed over server-sent events), who asked
// (a page you opened, this page, or the widget's worker), the size, and
// whether it carries anything stored in this browser's history.
import type { LoggedRequest } from '../server/request-log.ts';
import { historyIn, type Needle } from './history-check.ts';
import { onTabShown } from './tabs.ts';
import { bytes, el, storedHistory } from './widget.ts';

const entries: LoggedRequest[] = [];
let stored: Needle[] | null = null;
const $ = (name: string) => document.querySelector<HTMLElement>(`[data-requests="${name}"]`);

/** A navigation is the shopper opening a page; the rest are files and data the page or worker fetched. */
function who(entry: LoggedRequest): 'navigation' | 'worker' | 'page' {
  if (entry.dest === 'document' || entry.headers['sec-fetch-mode'] === 'navigate') return 'navigation';
  // The widget's worker is edge-rerank.worker-<hash>.js.
  return /\.worker(-\w+)?\.js$/.test(new URL(entry.referer || location.href).pathname) ? 'worker' : 'page';
}

const LABEL = { navigation: 'You opened', worker: 'Widget worker', page: 'Page' } as const;

function row(entry: LoggedRequest): HTMLTableRowElement {
  const from = who(entry);
  const carried = from === 'navigation' || !stored ? [] : historyIn(entry, stored);
  const tr = el('tr');
  tr.dataset.from = from;
  tr.dataset.carries = String(carried.length > 0);
  const request = el('td');
  request.append(el('span', entry.method, 'method'), document.createTextNode(' '), el('code', entry.url));
  const size = entry.bytes === null ? 'stream' : bytes(entry.bytes) + (entry.sent ? ` (sent ${bytes(entry.sent)})` : '');
  const verdict = from === 'navigation' ? '— your page' : !stored ? '…' : carried.length ? `YES: ${carried.join(', ')}` : 'No';
  tr.append(el('td', LABEL[from]), request, el('td', size, 'num'), el('td', verdict, carried.length ? 'bad' : ''));
  return tr;
}

function render(): void {
  const table = $('table') as HTMLTableElement | null;
  if (!table) return;
  table.tBodies[0]!.replaceChildren(...entries.map(row));
  const checked = entries.filter((e) => who(e) !== 'navigation');
  const carrying = stored ? checked.filter((e) => historyIn(e, stored!).length > 0).length : 0;
  const total = entries.reduce((sum, e) => sum + (e.bytes ?? 0), 0);
  $('summary')!.dataset.carrying = stored ? String(carrying) : '';
  $('summary')!.textContent =
    `${entries.length} requests since this page was requested (${bytes(total)}): ${entries.length - checked.length} page${entries.length - checked.length === 1 ? '' : 's'} you opened, ${checked.length} from the page and the widget. ` +
    (!stored
      ? 'Reading your stored history to check them…'
      : carrying
        ? `${carrying} carry something from your history!`
        : `None of them carries anything from your history (checked against ${stored.length} stored event${stored.length === 1 ? '' : 's'}).`);
}

async function refreshStored(): Promise<void> {
  stored = (await storedHistory()).map(({ itemId, title }) => ({ itemId, title }));
  render();
}

export function initRequestLog(): void {
  if (!$('table')) return;
  const from = document.body.dataset.requestSeq ?? '0';
  const source = new EventSource(`/__demo/requests?from=${encodeURIComponent(from)}`);
  source.addEventListener('message', (event: MessageEvent<string>) => {
    entries.push(JSON.parse(event.data) as LoggedRequest);
    entries.sort((a, b) => a.seq - b.seq);
    if (!$('table')!.closest('[hidden]')) render();
  });
  let shown = false;
  onTabShown('requests', () => {
    shown = true;
    render();
    void refreshStored();
  });
  window.addEventListener('demo-history-changed', () => shown && void refreshStored());
  document.addEventListener('edge-rerank-reranked', () => shown && void refreshStored());
}
