// <edge-rerank-track item-id="…" title="…" event="view">: a product page
// records one history event when this element connects. It renders nothing.
import { workerClient } from './worker-client.ts';
import { warnOnce } from './console-line.ts';
import { ERROR_EVENT, emit } from './events.ts';
import type { HistoryEventType } from '../rank/types.ts';
import { EVENT_TYPES, type Problem } from '../worker/api.ts';
import { EdgeRerankError } from '../errors.ts';

/**
 * Records one history event when it connects, on product pages. Renders nothing.
 *
 * @customElement edge-rerank-track
 * @attr {string} item-id - The product's id (required).
 * @attr {string} title - The product's title, as reasons will name it.
 * @attr {'view' | 'click' | 'cart' | 'purchase'} [event=view] - What the shopper did.
 * @attr {string} category - Optional category.
 * @attr {string} brand - Optional brand.
 * @attr {'granted' | 'denied'} [consent=granted] - `denied` = nothing is recorded.
 * @fires {CustomEvent<ErrorDetail>} edge-rerank-error - The event could not be recorded, or lacks a title.
 */
export class EdgeRerankTrackElement extends HTMLElement {
  #recorded = false;
  /** Resolves once the event is stored (or was refused): tests and pages can await it. */
  recorded: Promise<boolean> = Promise.resolve(false);

  connectedCallback(): void {
    this.style.display = 'none';
    if (this.#recorded) return; // moving the element around the page is not a second view
    this.#recorded = true;
    this.recorded = this.#record();
  }

  async #record(): Promise<boolean> {
    if ((this.getAttribute('consent') ?? '').trim().toLowerCase() === 'denied') return false;
    const itemId = this.getAttribute('item-id')?.trim() ?? '';
    const title = this.getAttribute('title')?.trim() ?? '';
    const type = (this.getAttribute('event')?.trim().toLowerCase() || 'view') as HistoryEventType;
    const problem = !itemId
      ? 'edge-rerank-track needs an item-id attribute'
      : !EVENT_TYPES.includes(type)
        ? `edge-rerank-track event="${type}" must be one of ${EVENT_TYPES.join('|')}`
        : null;
    if (problem) {
      this.#fail({ code: 'input', message: problem });
      return false;
    }
    // Still worth recording (the id feeds behavioural signals), but no reason can name it.
    if (!title) this.#fail({ code: 'input', message: `edge-rerank-track item-id="${itemId}" has no title: it cannot be named in reasons` });
    try {
      await workerClient.track({
        itemId,
        type,
        title,
        category: this.getAttribute('category')?.trim() || undefined,
        brand: this.getAttribute('brand')?.trim() || undefined,
      });
      return true;
    } catch (err) {
      this.#fail(EdgeRerankError.problem('worker', err));
      return false;
    }
  }

  #fail(problem: Problem): void {
    warnOnce(problem);
    emit(this, ERROR_EVENT, problem);
  }
}
