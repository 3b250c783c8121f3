// The short "because you …" text for an item moved up by history. A reason
// is data (src/rank/types.ts `Reason`); this turns it into text with the
// shop's templates or the English defaults. The text is shown as text, never
// as HTML.
import type { HistoryEventType, Reason, ReasonKind } from './types.ts';

/** One template per thing the shopper did; `{title}` is the history item's title. */
export type ReasonTemplates = Record<HistoryEventType, string>;

export const DEFAULT_REASON_TEMPLATES: ReasonTemplates = {
  purchase: 'Because you bought “{title}”',
  cart: 'Because you added “{title}” to your cart',
  click: 'Because you looked at “{title}”',
  view: 'Because you viewed “{title}”',
};

/** English defaults for pushes that are not about what the shopper did with
 *  the history item but about how the candidate relates to it: "Because you
 *  added X to your cart" under a same-brand item reads as if X were in it. */
export const DEFAULT_KIND_TEMPLATES: Partial<Record<ReasonKind, string>> = {
  'bought-together': 'Often bought with “{title}”',
  'same-brand': 'Same brand as “{title}”',
};

const MAX_TITLE_CHARS = 80;

/** The title as a badge shows it: one line, at most MAX_TITLE_CHARS. */
export function shortTitle(title: string): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_TITLE_CHARS ? `${oneLine.slice(0, MAX_TITLE_CHARS - 1)}…` : oneLine;
}

/** The shop's template for what the shopper did wins (one language on the
 *  page), then the English text for the kind of push, then the English text
 *  for what the shopper did. */
export function reasonText(reason: Reason, templates: Partial<ReasonTemplates> = {}): string {
  const template =
    templates[reason.historyType] ??
    DEFAULT_KIND_TEMPLATES[reason.kind] ??
    DEFAULT_REASON_TEMPLATES[reason.historyType] ??
    DEFAULT_REASON_TEMPLATES.view;
  // A function replacement: `$&` and friends in a title stay literal.
  return template.replace(/\{title\}/g, () => shortTitle(reason.historyTitle));
}
