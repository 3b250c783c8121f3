// How much to trust personal signals: exactly 0 with no history (the server
// order stays exactly), full once the shopper has a few items.
export const GATE_FULL_AT_HISTORY = 3;

export function confidenceGate(historyLength: number): number {
  if (!(historyLength > 0)) return 0;
  return Math.min(1, historyLength / GATE_FULL_AT_HISTORY);
}
