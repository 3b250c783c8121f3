// Reads the shop's result items into plain candidates for the worker. Pure:
// it only calls getAttribute, so Node tests can feed it simple objects.
import type { WireCandidate } from '../worker/api.ts';

export interface ItemSource {
  getAttribute(name: string): string | null;
}

export interface CollectedCandidates<T> {
  candidates: WireCandidate[];
  /** nodes[i] is the DOM node of candidates[i]: the only nodes that may move. */
  nodes: T[];
  /** One sentence per kind of bad input, naming the items. */
  problems: string[];
}

function optional(value: string | null): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

function listIds(ids: string[]): string {
  const shown = ids
    .slice(0, 5)
    .map((id) => JSON.stringify(id))
    .join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

/** Items beyond maxCandidates, without an id, or repeating an earlier id keep
 *  their DOM place: only the returned nodes are ever moved. */
export function collectCandidates<T extends ItemSource>(items: readonly T[], maxCandidates: number): CollectedCandidates<T> {
  const candidates: WireCandidate[] = [];
  const nodes: T[] = [];
  const seen = new Set<string>();
  const noId: number[] = [];
  const duplicates: string[] = [];
  const untitled: string[] = [];
  for (const [position, item] of items.entries()) {
    if (candidates.length >= maxCandidates) break;
    const id = optional(item.getAttribute('data-item-id'));
    if (id === undefined) {
      noId.push(position);
      continue;
    }
    if (seen.has(id)) {
      duplicates.push(id);
      continue;
    }
    seen.add(id);
    const title = optional(item.getAttribute('data-title')) ?? '';
    if (!title) untitled.push(id);
    const pinned = item.getAttribute('data-pinned');
    candidates.push({
      id,
      serverRank: candidates.length,
      title,
      category: optional(item.getAttribute('data-category')),
      brand: optional(item.getAttribute('data-brand')),
      description: optional(item.getAttribute('data-description')),
      vector: optional(item.getAttribute('data-vector')),
      pinned: pinned !== null && pinned.trim().toLowerCase() !== 'false',
    });
    nodes.push(item);
  }
  const problems: string[] = [];
  if (items.length > candidates.length + noId.length + duplicates.length) {
    problems.push(`${items.length} items: only the first ${maxCandidates} are reranked (max-candidates), the rest keep their place`);
  }
  if (noId.length) problems.push(`${noId.length} item(s) without data-item-id (positions ${noId.slice(0, 5).join(', ')}) keep their place`);
  if (duplicates.length) problems.push(`duplicate data-item-id ${listIds(duplicates)}: repeats keep their place`);
  if (untitled.length) problems.push(`item(s) ${listIds(untitled)} have no data-title: ranked by server position only`);
  return { candidates, nodes, problems };
}
