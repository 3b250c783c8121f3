// What the device would know in one condition, for the evaluation: content
// vectors and behavioural neighbours per item, the catalog's term statistics
// (from the index the batch builder writes) and the query vectors (from the
// encoder), and which item fields the page shows.
import type { Neighbour, TermStatistics } from '../../src/rank/types.ts';
import { neighbourKey } from '../../src/rank/neighbour-key.ts';
import { learnNeighbours } from '../build-index/behaviour.ts';
import type { Condition } from './conditions.ts';
import type { Dataset } from './dataset.ts';

export interface CatalogSignals {
  condition: Condition;
  /** Which item fields the page and the device's history carry. */
  fields: 'all' | 'titles';
  /** L2-normalised content vectors per item id (empty without a model). */
  vectors: Map<string, Float32Array>;
  /** Behavioural neighbours per item id (empty without a log). */
  neighbours: Map<string, Neighbour[]>;
  /** The index's term statistics; undefined without an index (the page's titles give them). */
  terms?: TermStatistics | undefined;
  /** L2-normalised query vectors per query text (empty without a model). */
  queryVectors: Map<string, Float32Array>;
  /** Where the signals came from, for the results file. */
  source: { content: string; behaviour: string; terms: string };
}

/** The builder's neighbour lists as the index reader returns them (keys, ascending). */
export function asStoredNeighbours(lists: Map<string, Array<{ id: string; count: number }>>): Map<string, Neighbour[]> {
  const out = new Map<string, Neighbour[]>();
  for (const [id, list] of lists) {
    out.set(
      id,
      list.map((n) => ({ key: neighbourKey(n.id), count: n.count })).sort((a, b) => a.key - b.key),
    );
  }
  return out;
}

/** Without a model: only the neighbours, learned by the builder's own code. */
export function behaviourOnlySignals(dataset: Dataset, condition: Condition): CatalogSignals {
  const withLog = condition === 'full' && dataset.purchases !== undefined;
  return {
    condition,
    fields: condition === 'titles-only' ? 'titles' : 'all',
    vectors: new Map(),
    neighbours: withLog ? asStoredNeighbours(learnNeighbours(dataset.purchases ?? [])) : new Map(),
    queryVectors: new Map(),
    source: { content: 'none', behaviour: withLog ? 'learnNeighbours(purchases.jsonl)' : 'none', terms: 'page titles' },
  };
}
