// When did the shopper last touch the page? A list that jumps under someone
// who is already scrolling, reading or about to click is worse than no
// personalization, so a late order is applied only if nothing happened since
// the list appeared. Anything counts, anywhere on the page: a pointer press,
// a touch, the wheel, a key (PageDown, Tab, typing) or a scroll (a
// scroll bar drag sends no pointer event to the page).
const PAGE_INTERACTIONS = ['pointerdown', 'touchstart', 'wheel', 'keydown', 'scroll'] as const;

let lastInteraction = Number.NEGATIVE_INFINITY;
let watching = false;

function record(): void {
  lastInteraction = performance.now();
}

/** Starts listening on the page (once per page; passive, in the capture phase,
 *  so a shop handler that stops propagation hides nothing). */
export function watchPageInteractions(view: Window): void {
  if (watching) return;
  watching = true;
  for (const type of PAGE_INTERACTIONS) view.addEventListener(type, record, { capture: true, passive: true });
}

/** Counts an interaction now (e.g. focus moving into a list). */
export function recordInteraction(): void {
  record();
}

/** True when the shopper touched the page at or after `since` (a performance.now() time). */
export function interactedSince(since: number): boolean {
  return lastInteraction >= since;
}
