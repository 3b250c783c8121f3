// The script-tag entry: defines <edge-rerank>, <edge-rerank-track> and
// <edge-rerank-reason>. Only this, lit and the comlink proxy load up front;
// the worker and the model runtime load when the first list needs them.
import { EdgeRerankElement } from './edge-rerank-element.ts';
import { EdgeRerankTrackElement } from './edge-rerank-track.ts';
import { EdgeRerankReasonElement } from './reason-badge/reason-badge.ts';

export { EdgeRerankElement, EdgeRerankTrackElement, EdgeRerankReasonElement };
export type { RerankOutcome } from './edge-rerank-element.ts';
export type { RerankedDetail, ReadyDetail, ErrorDetail, ProgressDetail, RerankTimings, Variant, EdgeRerankEventMap } from './events.ts';
export type { EdgeRerankOptions, ReasonStrings } from './options.ts';
export type { TrackEvent, Backend } from '../worker/api.ts';

// A page may load the script twice (e.g. module + CDN copy): define once.
if (!customElements.get('edge-rerank')) customElements.define('edge-rerank', EdgeRerankElement);
if (!customElements.get('edge-rerank-track')) customElements.define('edge-rerank-track', EdgeRerankTrackElement);
if (!customElements.get('edge-rerank-reason')) customElements.define('edge-rerank-reason', EdgeRerankReasonElement);

declare global {
  interface HTMLElementTagNameMap {
    'edge-rerank': EdgeRerankElement;
    'edge-rerank-track': EdgeRerankTrackElement;
    'edge-rerank-reason': EdgeRerankReasonElement;
  }
}
