// The short "because you …" text for an item moved up by history. A reason
// is data (src/rank/types.ts `Reason`); this turns it into text with the
// shop's templates or the English defaults. The text is shown as text, never
// as HTML.
import type { HistoryEventType, Reason } from './types.ts';

/** One template per thing the shopper did; `{title}` is the history item's title. */
export type ReasonTemplates = Record<HistoryEventType, string>;

export const DEFAULT_REASON_TEMPLATES: ReasonTemplates = {
  purchase: 'Because you bought “{title}”',
  cart: 'Because you added “{title}” to your cart',
  click: 'Because you looked at “{title}”',
  view: 'Because you viewed “{title}”',
};

const MAX_TITLE_CHARS = 80;

/** The title as a badge shows it: one line, at most MAX_TITLE_CHARS. */
export function shortTitle(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TITLE_CHARS ? `${oneLine.slice(0, MAX_TITLE_CHARS - 1)}…` : oneLine;
}

export function reasonText(reason: Reason, templates: Partial<ReasonTemplates> = {}): string {
  const template = templates[reason.historyType] ?? DEFAULT_REASON_TEMPLATES[reason.historyType] ?? DEFAULT_REASON_TEMPLATES.view;
  // A function replacement: `$&` and friends in a title stay literal.
  return template.replace(/\{title\}/g, () => shortTitle(reason.historyTitle));
}
