// What the device would know about the catalog, for the evaluation: content
// vectors and behavioural neighbours per item (from the index the batch
// builder writes) and the query vectors (from the encoder). Without a model
// only the neighbours are learned, straight from purchases.jsonl.
import type { Neighbour } from '../../src/rank/types.ts';
import { learnNeighbours } from '../../src/index/behaviour.ts';
import type { Dataset } from './dataset.ts';

export interface CatalogSignals {
  /** L2-normalised content vectors per item id (empty without a model). */
  vectors: Map<string, Float32Array>;
  /** Behavioural neighbours per item id (empty without purchases). */
  neighbours: Map<string, Neighbour[]>;
  /** L2-normalised query vectors per query text (empty without a model). */
  queryVectors: Map<string, Float32Array>;
  /** Where the signals came from, for the results file. */
  source: { content: string; behaviour: string };
}

export function behaviourOnlySignals(dataset: Dataset, topK?: number): CatalogSignals {
  const neighbours = dataset.purchases ? learnNeighbours(dataset.purchases, topK === undefined ? {} : { topK }) : new Map();
  return {
    vectors: new Map(),
    neighbours,
    queryVectors: new Map(),
    source: { content: 'none', behaviour: dataset.purchases ? 'learnNeighbours(purchases.jsonl)' : 'none' },
  };
}
