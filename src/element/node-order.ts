// Moves the shop's own nodes into a new order. The slots are where the items
// sit now (they may have different parents, e.g. rows of a grid); node k of
// the new order goes into slot k. Nothing is re-rendered or re-created.

/** Returns true when something moved. `slots` and `ordered` hold the same nodes. */
export function applyNodeOrder(slots: readonly Element[], ordered: readonly Element[]): boolean {
  if (slots.length !== ordered.length) throw new Error('applyNodeOrder: slots and order differ in length');
  if (slots.every((node, i) => node === ordered[i])) return false;
  const doc = slots[0]?.ownerDocument;
  if (!doc) return false;
  const markers = slots.map((node) => {
    const marker = doc.createComment('edge-rerank-slot');
    node.before(marker);
    return marker;
  });
  markers.forEach((marker, i) => marker.replaceWith(ordered[i] as Element));
  return true;
}
