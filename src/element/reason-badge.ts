// <edge-rerank-reason>: the small "because you viewed …" badge that `explain`
// appends to an item. The reason is set as text, never parsed as HTML.
// Styling: ::part(badge) and --edge-rerank-reason-* custom properties.

const STYLE = `
:host { display: inline-block; }
[part="badge"] {
  font: var(--edge-rerank-reason-font, 0.8em/1.4 system-ui, sans-serif);
  color: var(--edge-rerank-reason-color, #1f4d2b);
  background: var(--edge-rerank-reason-background, #e3f4e6);
  border-radius: var(--edge-rerank-reason-radius, 0.6em);
  padding: var(--edge-rerank-reason-padding, 0.1em 0.5em);
}`;

export const REASON_TAG = 'edge-rerank-reason';

export class EdgeRerankReasonElement extends HTMLElement {
  #badge: HTMLSpanElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.#badge = document.createElement('span');
    this.#badge.setAttribute('part', 'badge');
    root.append(style, this.#badge);
  }

  get reason(): string {
    return this.#badge.textContent ?? '';
  }

  set reason(value: string) {
    this.#badge.textContent = value;
    this.setAttribute('title', value);
  }
}

/** Replaces the badges inside `container` with one per reason (by item node). */
export function showReasons(container: Element, reasons: ReadonlyMap<Element, string>): void {
  for (const old of container.querySelectorAll(REASON_TAG)) old.remove();
  for (const [node, reason] of reasons) {
    const badge = document.createElement(REASON_TAG) as EdgeRerankReasonElement;
    badge.reason = reason;
    node.append(badge);
  }
}
