// The search page's side-by-side: marks each moved product (↑3 with its
// reason, or a quiet ↓1 for one that only made room), says on the status line
// how many moved up because of this shopper's history (announced politely),
// animates the reorder unless the shopper prefers reduced motion, and on a
// phone switches between the two orders.
import type { RerankedDetail } from '../../src/element/index.ts';
import { moveSentence, summariseMoves, type Move } from './moves.ts';

const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

function serverOrder(): string[] {
  return [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId!);
}

/** Marks live inside the items, shown by CSS from attributes: <edge-rerank>
 *  reranks when items are added, removed or re-described, not when a page
 *  decorates them. */
function markMoves(moves: Move[]): void {
  const byId = new Map(moves.map((m) => [m.id, m]));
  for (const li of document.querySelectorAll<HTMLElement>('edge-rerank [data-item-id]')) {
    const move = byId.get(li.dataset.itemId!);
    const mark = li.querySelector<HTMLElement>('[data-move]');
    if (!mark) continue;
    const lifted = !!move && move.delta > 0 && !!move.reason;
    li.classList.toggle('lifted', lifted);
    mark.hidden = !move || move.delta === 0;
    if (!move || move.delta === 0) continue;
    const places = Math.abs(move.delta);
    mark.className = `move ${lifted ? 'up' : 'shift'}`;
    mark.dataset.text = `${move.delta > 0 ? '↑' : '↓'}${places}`;
    mark.title = lifted ? `Moved up ${places} because of your history` : `Moved ${move.delta > 0 ? 'up' : 'down'} ${places} to make room`;
  }
  for (const li of document.querySelectorAll<HTMLElement>('[data-server-id]')) {
    const move = byId.get(li.dataset.serverId!);
    const now = li.querySelector<HTMLElement>('[data-now]');
    const lifted = !!move && move.delta > 0 && !!move.reason;
    li.classList.toggle('lifted', lifted);
    if (now) {
      now.hidden = !lifted;
      now.textContent = lifted ? `→ #${move!.to + 1} for you` : '';
    }
  }
}

/** FLIP: items start where they were and glide to their new place. */
function animateReorders(list: HTMLElement): void {
  let before = new Map<Element, number>();
  const measure = () => new Map([...list.children].map((li) => [li, li.getBoundingClientRect().top]));
  before = measure();
  new ResizeObserver(() => (before = measure())).observe(list);
  new MutationObserver(() => {
    const after = measure();
    if (!reducedMotion()) {
      for (const [li, top] of after) {
        const dy = (before.get(li) ?? top) - top;
        if (dy)
          li.animate([{ transform: `translateY(${dy}px)` }, { transform: 'none' }], { duration: 450, easing: 'cubic-bezier(.2,.7,.2,1)' });
      }
    }
    before = after;
  }).observe(list, { childList: true });
}

function initViewSwitch(): void {
  const compare = document.querySelector<HTMLElement>('.compare');
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('.view-switch [data-view]')];
  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (compare) compare.dataset.view = button.dataset.view!;
      for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
    });
  }
}

export function initCompare(): void {
  const status = document.getElementById('rerank-status');
  const list = document.querySelector<HTMLElement>('edge-rerank ol');
  if (!status || !list) return;
  initViewSwitch();
  animateReorders(list);
  document.addEventListener('edge-rerank-reranked', (event) => {
    const detail = (event as CustomEvent<RerankedDetail>).detail;
    const summary = summariseMoves(serverOrder(), detail.order, detail.applied ? detail.reasons : {});
    markMoves(detail.applied ? summary.moves : []);
    status.dataset.state = detail.applied && summary.lifted.length ? 'personalized' : 'server';
    status.dataset.lifted = String(summary.lifted.length);
    status.textContent = moveSentence(summary, detail.historySize, detail.applied);
  });
  document.addEventListener('edge-rerank-error', (event) => {
    status.dataset.state = 'error';
    status.textContent = `Server order kept: ${(event as CustomEvent<{ message: string }>).detail.message}`;
  });
}
