// The live panel: which backend runs the model and why, a real progress bar
// while the model and runtime download (the element's edge-rerank-progress
// event), the per-stage timings of the last rerank, and what is cached.
import type { RerankedDetail } from '../../src/element/index.ts';
import { backendReason } from './backend-reason.ts';
import { bytes, el, type LoadProgress } from './widget.ts';

const STAGES: Record<string, string> = {
  readDom: 'Read the list from the page',
  history: 'Read your history (IndexedDB)',
  encoderLoad: 'Load the model',
  vectors: 'Product vectors (index, cache or model)',
  rank: 'Rank',
  total: 'Worker, in all',
  apply: 'Move the items on the page',
  endToEnd: 'End to end',
};

const $ = (name: string) => document.querySelector<HTMLElement>(`[data-live="${name}"]`);

function showProgress(): void {
  const files = new Map<string, LoadProgress>();
  document.addEventListener('edge-rerank-progress', (event) => {
    const p = (event as CustomEvent<LoadProgress>).detail;
    files.set(p.file, p);
    const loaded = [...files.values()].reduce((sum, f) => sum + f.loaded, 0);
    const total = [...files.values()].reduce((sum, f) => sum + Math.max(f.total, f.loaded), 0);
    const bar = document.getElementById('model-progress') as HTMLProgressElement | null;
    $('load')!.hidden = false;
    if (bar) {
      bar.max = Math.max(total, 1);
      bar.value = loaded;
    }
    const done = total > 0 && loaded >= total;
    $('load-label')!.textContent = done ? 'Model and runtime downloaded' : 'Downloading the model and runtime (first visit only)';
    $('load-text')!.textContent =
      `${bytes(loaded)} of ${bytes(total)} · ${files.size} file${files.size === 1 ? '' : 's'} · now: ${p.file.split('/').pop()}`;
  });
}

function showTimings(detail: RerankedDetail): void {
  const table = $('timings') as HTMLTableElement | null;
  if (!table) return;
  const rows = Object.entries(detail.timings as unknown as Record<string, number>)
    // `query` stays on the wire at 0: no fitted model reads a query vector, so the worker embeds none.
    .filter(([stage, ms]) => typeof ms === 'number' && stage !== 'query')
    .map(([stage, ms]) => {
      const row = el('tr');
      row.append(el('td', STAGES[stage] ?? stage), el('td', ms.toFixed(1), 'num'));
      row.dataset.stage = stage;
      return row;
    });
  table.tBodies[0]!.replaceChildren(...rows);
  table.hidden = rows.length === 0;
  const source =
    detail.historySize === 0
      ? 'no history, so no model was needed'
      : `${detail.embedded} product${detail.embedded === 1 ? '' : 's'} embedded on this device`;
  $('rerank-summary')!.textContent = `${detail.order.length} products, ${detail.historySize} history events, ${source}.`;
}

async function showCaches(): Promise<void> {
  const list = $('caches');
  if (!list) return;
  if (typeof caches === 'undefined') {
    list.replaceChildren(el('li', 'No Cache API on this page (not a secure context): files are fetched on each visit.'));
    return;
  }
  const lines: HTMLLIElement[] = [];
  for (const [name, what] of [
    ['transformers-cache', 'Model and runtime'],
    ['edge-rerank-index', 'Index shards'],
  ] as const) {
    if (!(await caches.has(name))) {
      lines.push(el('li', `${what}: not cached yet`));
      continue;
    }
    const cache = await caches.open(name);
    const keys = await cache.keys();
    let size = 0;
    for (const key of keys) size += Number((await cache.match(key))?.headers.get('content-length') ?? 0);
    lines.push(
      el('li', `${what}: ${keys.length} file${keys.length === 1 ? '' : 's'}${size ? `, ${bytes(size)}` : ''} (Cache API “${name}”)`),
    );
  }
  list.replaceChildren(...lines);
}

/** Why a list was ranked without the encoder: its fitted model reads no content vectors (docs/RANKING.md). */
const SITUATION_WITHOUT_MODEL: Record<RerankedDetail['situation'], string> = {
  full: "The shop's index carries co-purchase data for these products: they are ranked from it and from their titles, which beat the model on the evaluation, so the model was not downloaded.",
  'no-log': 'Ranked from titles, categories and brands; the model could not be used this time (see the error above).',
  'titles-only': 'Ranked by how the titles compare with what this shopper viewed; on titles alone the model did not earn its download.',
};

export function initLivePanel(): void {
  showProgress();
  void showCaches();
  document.addEventListener('edge-rerank-reranked', (event) => {
    const detail = (event as CustomEvent<RerankedDetail>).detail;
    const element = event.target as HTMLElement;
    showTimings(detail);
    if (detail.historySize > 0 && detail.usedEncoder) {
      $('backend')!.textContent = detail.backend === 'webgpu' ? 'WebGPU' : 'WASM (WebAssembly)';
      void backendReason(detail.backend, element.getAttribute('device') ?? 'auto').then((why) => ($('why')!.textContent = why));
    } else if (detail.historySize > 0) {
      $('backend')!.textContent = 'No model needed for this list';
      $('why')!.textContent = SITUATION_WITHOUT_MODEL[detail.situation];
    }
    void showCaches();
  });
  document.addEventListener('edge-rerank-error', (event) => {
    const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
    $('rerank-summary')!.textContent = `Problem (${code}): ${message}. The server order stays.`;
  });
}
