// The server's order as a score: the blend adds personal signals to it, so
// with no personal signal the order is the server's exactly. The shape is the
// DCG discount: the top slots are far apart (hard to overturn), the tail is
// close together (easy to reorder), which is where personalization is safe.
export function serverPrior(serverPosition: number): number {
  return 1 / Math.log2(serverPosition + 2);
}
