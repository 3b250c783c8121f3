// Which history item a moved-up candidate is shown "because of". Pushes are
// added up per history item (an item viewed three times is one item), and the
// item that pushed most is named, with the signal that carried most of its
// push. A candidate the shopper already viewed or bought is named after its
// own history entry: labelling it with another viewed product would misstate
// why it is there.
import type { HistoryItem, RankCandidate, Reason, ReasonKind } from './types.ts';
import { FEATURE_NAMES, type CandidateSignals, type FeatureName } from './features.ts';

/** A title push is named in a reason only from this similarity up: titles
 *  that share little more than "with" or "for" may still reorder a list a
 *  little (the fitted model counts them), but they are no explanation to
 *  show a shopper. A product rule, not a fitted value; it never changes the
 *  order (docs/RANKING.md, Reasons). */
export const REASON_MIN_TITLE_SIMILARITY = 0.1;

/** The reason kind each history signal stands for. */
const REASON_KIND: Record<FeatureName, ReasonKind> = {
  behaviour: 'bought-together',
  lexical: 'similar',
  content: 'similar',
  brand: 'same-brand',
  category: 'same-category',
  seen: 'seen-before',
  repeat: 'bought-before',
};

function reasonOf(itemId: string, event: HistoryItem, kind: ReasonKind): Reason {
  return { itemId, historyItemId: event.itemId, historyTitle: event.title, historyType: event.type, kind };
}

/** The candidate's own history entry: its purchase if it was bought, else its latest event. */
function ownEntry(candidate: RankCandidate, history: readonly HistoryItem[]): Reason | undefined {
  const own = history.filter((h) => h.itemId === candidate.id);
  const bought = own.filter((h) => h.type === 'purchase');
  const event = bought.at(-1) ?? own.at(-1);
  return event && reasonOf(candidate.id, event, bought.length ? 'bought-before' : 'seen-before');
}

/** The history item whose weighted pushes on this candidate add up most. */
export function strongestPush(
  candidate: RankCandidate,
  signals: CandidateSignals,
  history: readonly HistoryItem[],
  weights: Record<FeatureName, number>,
): Reason | undefined {
  const own = ownEntry(candidate, history);
  if (own) return own;
  const byItem = new Map<string, { amount: number; byKind: Map<ReasonKind, number>; event: number; eventAmount: number }>();
  for (const [index, parts] of signals.perHistory) {
    const event = history[index];
    if (!event) continue;
    let amount = 0;
    const entry = byItem.get(event.itemId) ?? { amount: 0, byKind: new Map(), event: index, eventAmount: -1 };
    for (const name of FEATURE_NAMES) {
      if (name === 'lexical' && (signals.titleSimilarity ?? 0) < REASON_MIN_TITLE_SIMILARITY) continue;
      const push = Math.max(0, weights[name]) * (parts[name] ?? 0);
      if (!(push > 0)) continue;
      amount += push;
      entry.byKind.set(REASON_KIND[name], (entry.byKind.get(REASON_KIND[name]) ?? 0) + push);
    }
    entry.amount += amount;
    if (amount > entry.eventAmount) Object.assign(entry, { event: index, eventAmount: amount });
    byItem.set(event.itemId, entry);
  }
  let best: (typeof byItem extends Map<string, infer V> ? V : never) | undefined;
  for (const entry of byItem.values()) if (entry.amount > 0 && entry.amount > (best?.amount ?? 0)) best = entry;
  if (!best) return undefined;
  const kind = [...best.byKind].sort((a, b) => b[1] - a[1])[0]?.[0] as ReasonKind;
  return reasonOf(candidate.id, history[best.event] as HistoryItem, kind);
}

/** Reasons for the items that moved up with a positive personal push. */
export function reasonsFor(
  order: readonly number[],
  candidates: readonly RankCandidate[],
  personal: readonly number[],
  signals: readonly CandidateSignals[],
  history: readonly HistoryItem[],
  weights: Record<FeatureName, number>,
): Record<string, Reason> {
  // Entries, so that an id such as "__proto__" becomes an own key.
  const reasons: Array<[string, Reason]> = [];
  order.forEach((position, slot) => {
    if (slot >= position || !((personal[position] as number) > 0)) return;
    const candidate = candidates[position] as RankCandidate;
    const reason = strongestPush(candidate, signals[position] as CandidateSignals, history, weights);
    if (reason) reasons.push([candidate.id, reason]);
  });
  return Object.fromEntries(reasons);
}
