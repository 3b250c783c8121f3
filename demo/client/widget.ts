// The shop page's handle on edge-rerank: only its public API (the element's
// static forget()/exportHistory(), el.track(), <edge-rerank-track>, events).
// Types come from the package; the code comes from /dist/edge-rerank.js.
import type { EdgeRerankElement } from '../../src/element/index.ts';
import type { TrackEvent } from '../../src/worker/api.ts';

export interface StoredEvent {
  itemId: string;
  type: string;
  title: string;
  time: number;
  category?: string;
  brand?: string;
}

export interface HistoryExport {
  events: StoredEvent[];
}

/** `edge-rerank-progress` (the element's load progress, per file). */
export interface LoadProgress {
  file: string;
  loaded: number;
  total: number;
}

type EdgeRerankClass = typeof EdgeRerankElement;

export async function widgetClass(): Promise<EdgeRerankClass> {
  return (await customElements.whenDefined('edge-rerank')) as unknown as EdgeRerankClass;
}

export async function storedHistory(): Promise<StoredEvent[]> {
  const exported = (await (await widgetClass()).exportHistory()) as HistoryExport | null;
  return exported?.events ?? [];
}

export async function forgetHistory(): Promise<void> {
  await (await widgetClass()).forget();
  window.dispatchEvent(new CustomEvent('demo-history-changed'));
}

/** Records one event through an element's track() (it needs no list, nor to be on the page). */
export async function track(event: TrackEvent): Promise<void> {
  await widgetClass();
  await document.createElement('edge-rerank').track(event);
}

/** Appends an <edge-rerank-track> (it records once, on connect) and waits until it is stored. */
export async function trackWithElement(attributes: Record<string, string>, parent: Element = document.body): Promise<boolean> {
  await customElements.whenDefined('edge-rerank-track');
  const tracker = document.createElement('edge-rerank-track');
  for (const [name, value] of Object.entries(attributes)) tracker.setAttribute(name, value);
  parent.append(tracker);
  const recorded = await tracker.recorded;
  window.dispatchEvent(new CustomEvent('demo-history-changed'));
  return recorded;
}

/** Everything a page shows is set as text: product titles never become markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
