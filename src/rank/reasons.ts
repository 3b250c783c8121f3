// The short "because you …" text for an item moved up by history. It names a
// real history item (the one that pushed it most) and is shown as text, never
// as HTML.
import type { HistoryEventType, HistoryItem } from './types.ts';

const VERB: Record<HistoryEventType, string> = {
  purchase: 'bought',
  cart: 'added to your cart',
  click: 'looked at',
  view: 'viewed',
};

const MAX_TITLE_CHARS = 80;

export function reasonText(item: HistoryItem): string {
  const title = item.title.replace(/\s+/g, ' ').trim();
  const shown = title.length > MAX_TITLE_CHARS ? `${title.slice(0, MAX_TITLE_CHARS - 1)}…` : title;
  return `Because you ${VERB[item.type] ?? 'viewed'} “${shown}”`;
}
