// Catalog signals for the evaluation. With the embedded default model present
// (and --content auto), content and query vectors come from the real encoder
// through an index built by the real batch builder; otherwise only the
// co-purchase neighbours are learned (still with the builder's own code).
import type { Dataset } from './dataset.ts';
import { behaviourOnlySignals, type CatalogSignals } from './catalog-signals.ts';

export interface SignalOptions {
  content: 'auto' | 'none';
  cacheDir: string;
  log: (line: string) => void;
}

export async function catalogSignals(dataset: Dataset, options: SignalOptions): Promise<CatalogSignals> {
  // TODO(model+index): wire in loadEncoder + buildIndex once they land.
  void options;
  return behaviourOnlySignals(dataset);
}
