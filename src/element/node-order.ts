// Moves the shop's own nodes into a new order. The slots are where the items
// sit now (they may have different parents, e.g. rows of a grid); node k of
// the new order goes into slot k. Nothing is re-rendered or re-created, and
// only the nodes that must move are moved: a personalized order lifts a few
// items and the others keep their place (a few DOM mutations instead of three
// per item, and less for the page to lay out again).
import { longestIncreasing } from './longest-increasing.ts';

/** Slots [start, end) that follow each other directly under `parent`, and the node after them. */
interface Run {
  start: number;
  end: number;
  parent: Node;
  after: ChildNode | null;
}

/** Returns true when something moved. `slots` and `ordered` hold the same nodes. */
export function applyNodeOrder(slots: readonly Element[], ordered: readonly Element[]): boolean {
  if (slots.length !== ordered.length) throw new Error('applyNodeOrder: slots and order differ in length');
  if (slots.every((node, i) => node === ordered[i])) return false;
  if (!slots[0]?.ownerDocument) return false;
  if (slots.some((node, i) => i > 0 && (slots[i - 1] as Element).contains(node))) {
    moveThroughMarkers(slots, ordered); // items inside items: no run of siblings to keep
    return true;
  }
  const at = new Map(slots.map((node, i) => [node, i]));
  // Every run's place is read before anything moves.
  for (const run of siblingRuns(slots)) fillRun(ordered, run, at);
  return true;
}

function siblingRuns(slots: readonly Element[]): Run[] {
  const runs: Run[] = [];
  let start = 0;
  for (let i = 1; i <= slots.length; i++) {
    const last = slots[i - 1] as Element;
    if (i < slots.length && last.nextSibling === slots[i]) continue;
    runs.push({ start, end: i, parent: last.parentNode as Node, after: last.nextSibling });
    start = i;
  }
  return runs;
}

/** Puts ordered[start..end) into the run's slots. The longest set of them
 *  already in the run and in order stays; each other node goes just before
 *  the node that follows it (filled from the end), or before the run's end. */
function fillRun(ordered: readonly Element[], run: Run, at: ReadonlyMap<Element, number>): void {
  const inRun: Element[] = [];
  const positions: number[] = [];
  for (let j = run.start; j < run.end; j++) {
    const now = at.get(ordered[j] as Element) as number;
    if (now >= run.start && now < run.end) {
      inRun.push(ordered[j] as Element);
      positions.push(now);
    }
  }
  const staying = new Set(longestIncreasing(positions).map((k) => inRun[k]));
  let next: ChildNode | null = run.after;
  for (let j = run.end - 1; j >= run.start; j--) {
    const node = ordered[j] as Element;
    if (!staying.has(node)) run.parent.insertBefore(node, next);
    next = node;
  }
}

/** Every slot by itself: a marker where each node is, then each marker replaced by its new node. */
function moveThroughMarkers(slots: readonly Element[], ordered: readonly Element[]): void {
  const doc = (slots[0] as Element).ownerDocument;
  const markers = slots.map((node) => {
    const marker = doc.createComment('edge-rerank-slot');
    node.before(marker);
    return marker;
  });
  markers.forEach((marker, i) => marker.replaceWith(ordered[i] as Element));
}
