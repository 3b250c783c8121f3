// Builds custom-elements.json (the Custom Elements Manifest that IDEs and
// docs tools read) from the same attribute table the element parses with.
import { ATTRIBUTES } from './options.ts';
import { ERROR_EVENT, READY_EVENT, RERANKED_EVENT } from './events.ts';

const TYPE_TEXT: Record<string, string> = {
  device: "'auto' | 'webgpu' | 'wasm'",
  consent: "'granted' | 'denied'",
};

export function customElementsManifest(version: string): object {
  const attributes = ATTRIBUTES.map((a) => ({
    name: a.attribute,
    fieldName: a.property,
    type: { text: TYPE_TEXT[a.property] ?? a.type },
    default: JSON.stringify(a.default),
    description: a.description,
  }));
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'dist/edge-rerank.js',
        declarations: [
          {
            kind: 'class',
            name: 'EdgeRerankElement',
            tagName: 'edge-rerank',
            customElement: true,
            description: `Reorders the shop's result items inside it for this shopper, on this device (edge-rerank ${version}).`,
            attributes,
            members: [
              ...attributes.map((a) => ({ kind: 'field', name: a.fieldName, type: a.type, description: a.description })),
              {
                kind: 'field',
                name: 'rerankComplete',
                readonly: true,
                type: { text: 'Promise<RerankOutcome>' },
                description: 'Settles when the latest requested rerank is done.',
              },
              {
                kind: 'method',
                name: 'track',
                parameters: [{ name: 'event', type: { text: '{type, itemId, title, category?, brand?}' } }],
                description: 'Records one history event.',
              },
              {
                kind: 'method',
                name: 'forget',
                static: true,
                description: 'Erases everything stored on this device; lists go back to server order.',
              },
              { kind: 'method', name: 'exportHistory', static: true, description: 'The stored history as plain JSON.' },
            ],
            events: [
              { name: READY_EVENT, type: { text: 'CustomEvent<{backend}>' }, description: 'The first rerank of this element finished.' },
              {
                name: RERANKED_EVENT,
                type: { text: 'CustomEvent<RerankedDetail>' },
                description: 'A rerank finished: order, scores, reasons, backend, timings, applied.',
              },
              {
                name: ERROR_EVENT,
                type: { text: 'CustomEvent<{code, message}>' },
                description: 'A problem; the server order stays where nothing better is known.',
              },
            ],
            slots: [{ name: '', description: "The shop's own result list." }],
          },
          {
            kind: 'class',
            name: 'EdgeRerankTrackElement',
            tagName: 'edge-rerank-track',
            customElement: true,
            description: 'Records one history event when it connects (product pages).',
            attributes: [
              { name: 'item-id', type: { text: 'string' }, description: 'The product id.' },
              { name: 'title', type: { text: 'string' }, description: 'The product title.' },
              {
                name: 'event',
                type: { text: "'view' | 'click' | 'cart' | 'purchase'" },
                default: '"view"',
                description: 'What the shopper did.',
              },
              { name: 'category', type: { text: 'string' }, description: 'Optional category.' },
              { name: 'brand', type: { text: 'string' }, description: 'Optional brand.' },
              { name: 'consent', type: { text: "'granted' | 'denied'" }, default: '"granted"', description: 'denied = nothing recorded.' },
            ],
            events: [{ name: ERROR_EVENT, type: { text: 'CustomEvent<{code, message}>' } }],
          },
          {
            kind: 'class',
            name: 'EdgeRerankReasonElement',
            tagName: 'edge-rerank-reason',
            customElement: true,
            description: 'The reason badge `explain` appends to items moved up because of history.',
            cssParts: [{ name: 'badge', description: 'The badge text.' }],
            cssProperties: [
              { name: '--edge-rerank-reason-font' },
              { name: '--edge-rerank-reason-color' },
              { name: '--edge-rerank-reason-background' },
              { name: '--edge-rerank-reason-radius' },
              { name: '--edge-rerank-reason-padding' },
            ],
          },
        ],
        exports: [
          { kind: 'custom-element-definition', name: 'edge-rerank', declaration: { name: 'EdgeRerankElement' } },
          { kind: 'custom-element-definition', name: 'edge-rerank-track', declaration: { name: 'EdgeRerankTrackElement' } },
          { kind: 'custom-element-definition', name: 'edge-rerank-reason', declaration: { name: 'EdgeRerankReasonElement' } },
        ],
      },
    ],
  };
}
