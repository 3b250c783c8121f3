// The script-tag entry: defines <edge-rerank>, <edge-rerank-track> and
// <edge-rerank-reason>. Only this, lit and the comlink proxy load up front;
// the worker and the model runtime load when the first list needs them.
import { EdgeRerankElement } from './edge-rerank-element.ts';
import { EdgeRerankTrackElement } from './edge-rerank-track.ts';
import { EdgeRerankReasonElement, REASON_TAG } from './reason-badge/reason-badge.ts';

export { EdgeRerankElement, EdgeRerankTrackElement, EdgeRerankReasonElement };
export type { RerankOutcome } from './edge-rerank-element.ts';
export type { RerankedDetail, ReadyDetail, ErrorDetail, RerankTimings } from './events.ts';
export type { EdgeRerankOptions } from './options.ts';
export type { TrackEvent, Backend } from '../worker/api.ts';

// A page may load the script twice (e.g. module + CDN copy): define once.
function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
define('edge-rerank', EdgeRerankElement);
define('edge-rerank-track', EdgeRerankTrackElement);
define(REASON_TAG, EdgeRerankReasonElement);

declare global {
  interface HTMLElementTagNameMap {
    'edge-rerank': EdgeRerankElement;
    'edge-rerank-track': EdgeRerankTrackElement;
    'edge-rerank-reason': EdgeRerankReasonElement;
  }
}
