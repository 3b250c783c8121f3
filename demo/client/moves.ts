// How each product moved between the server's order and the shopper's, and
// the honest count: only items that moved UP and carry a reason (a named
// history item) moved "because of your history"; the rest only shifted to
// make room. Pure, so it is unit-tested.

export interface Move {
  id: string;
  from: number;
  to: number;
  /** Places moved up (negative: down). */
  delta: number;
  /** Present when this shopper's history lifted it. */
  reason?: string | undefined;
}

export interface MoveSummary {
  moves: Move[];
  /** Moved up, with a reason. */
  lifted: Move[];
  /** Changed place without a reason of their own. */
  shifted: Move[];
}

export function summariseMoves(
  server: readonly string[],
  order: readonly string[],
  reasons: Readonly<Record<string, string>>,
): MoveSummary {
  const serverIndex = new Map(server.map((id, i) => [id, i]));
  const moves = order.flatMap((id, to): Move[] => {
    const from = serverIndex.get(id);
    return from === undefined ? [] : [{ id, from, to, delta: from - to, reason: reasons[id] }];
  });
  return {
    moves,
    lifted: moves.filter((m) => m.delta > 0 && m.reason),
    shifted: moves.filter((m) => m.delta !== 0 && !(m.delta > 0 && m.reason)),
  };
}

/** The sentence the status line shows (and a screen reader hears). */
export function moveSentence(summary: MoveSummary, historySize: number, applied: boolean): string {
  if (!applied) return 'A personalized order arrived after you started using the list, so the server order stays.';
  if (historySize === 0)
    return 'Server order: nothing is stored about you yet. Simulate a shopper above, or open a few products and search again.';
  const lifted = summary.lifted.length;
  if (lifted === 0) return `Server order kept: nothing in your history (${historySize} events) relates to these results.`;
  const products = lifted === 1 ? '1 product moved up' : `${lifted} products moved up`;
  const shifted = summary.shifted.length;
  const rest = shifted ? ` ${shifted} other${shifted === 1 ? '' : 's'} changed place to make room.` : '';
  return `Personalized on this device: ${products} because of your history.${rest}`;
}
