// Which DOM mutations inside <edge-rerank> change the list: items added or
// removed, or an item's own data-* attributes edited. A page that decorates
// its items after a rerank (a "↑3" mark, a price update, a lazy image) edits
// inside them; that is not a new list, and reranking on it would loop.

function isOrHasItem(node: Node, itemSelector: string): boolean {
  return node instanceof Element && (node.matches(itemSelector) || node.querySelector(itemSelector) !== null);
}

/** True when any record adds, removes or re-describes an item. An invalid
 *  selector counts as a change, so the rerank that reports it runs. */
export function changesTheList(records: readonly MutationRecord[], itemSelector: string): boolean {
  try {
    return records.some((record) =>
      record.type === 'attributes'
        ? isOrHasItem(record.target, itemSelector)
        : [...record.addedNodes, ...record.removedNodes].some((node) => isOrHasItem(node, itemSelector)),
    );
  } catch {
    return true;
  }
}
