// Term statistics over the whole catalog's titles: what an index could ship
// as its IDF table. The trainer uses it to measure whether catalog-wide IDF
// beats the IDF the page's own titles give (docs/RANKING.md).
import { titleGrams } from '../../src/rank/lexical.ts';
import type { TermStatistics } from '../../src/rank/types.ts';
import type { Dataset } from './dataset.ts';

export function catalogTerms(dataset: Dataset): TermStatistics {
  const df = new Map<number, number>();
  for (const item of dataset.items.values()) for (const term of new Set(titleGrams(item.title))) df.set(term, (df.get(term) ?? 0) + 1);
  return { documents: dataset.items.size, documentFrequency: (term) => df.get(term) ?? 0 };
}
