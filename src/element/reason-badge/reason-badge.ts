// <edge-rerank-reason>: the small "because you viewed …" badge that `explain`
// appends to an item. The reason is rendered as text, never parsed as HTML.
import { LitElement, html, type PropertyValues } from 'lit';
import { reasonBadgeStyles } from './reason-badge.styles.ts';

export const REASON_TAG = 'edge-rerank-reason';

/**
 * The reason badge `explain` appends to an item moved up because of history.
 *
 * @customElement edge-rerank-reason
 * @csspart badge - The badge (its text is the reason).
 * @cssprop [--edge-rerank-reason-font=0.8em/1.4 system-ui, sans-serif] - The badge's font shorthand.
 * @cssprop [--edge-rerank-reason-color=#1f4d2b] - Text colour.
 * @cssprop [--edge-rerank-reason-background=#e3f4e6] - Background colour.
 * @cssprop [--edge-rerank-reason-radius=0.6em] - Corner radius.
 * @cssprop [--edge-rerank-reason-padding=0.1em 0.5em] - Padding around the text.
 */
export class EdgeRerankReasonElement extends LitElement {
  static override styles = reasonBadgeStyles;

  static override properties = {
    reason: { type: String },
  };

  /** The text shown (also the host's `title`, for the full text on hover). */
  declare reason: string;

  constructor() {
    super();
    this.reason = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reason')) this.title = this.reason;
  }

  protected override render() {
    return html`<span part="badge">${this.reason}</span>`;
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
