// How much a candidate is about what the query is about, in [0, 1]. History
// pushes are scaled by it, so a shopper's past reorders the results within the
// query's topic instead of pulling up whatever resembles their history. The
// server's top results stand for the topic:
//   - with categories on the page: the share of the top results in the
//     candidate's category;
//   - without: how close the candidate's title (lexical) or content vector
//     (encoder) is to those top results, scaled to [0, 1] over the list.

/** Server results that define what the query is about. */
export const TOPIC_TOP_K = 10;

export type TopicalitySource = 'category' | 'lexical' | 'content' | 'none';

const norm = (value: string | undefined): string => (value ?? '').trim().toLowerCase();

/** Share of the top results in each candidate's category; undefined when the page gives no categories. */
export function categoryTopicality(categories: ReadonlyArray<string | undefined>): number[] | undefined {
  const top = categories.slice(0, TOPIC_TOP_K).map(norm);
  if (!top.some((c) => c !== '')) return undefined;
  return categories.map((c) => {
    const category = norm(c);
    return category ? top.filter((t) => t === category).length / top.length : 0;
  });
}

/**
 * From each candidate's mean similarity to the top results (`similarityToTop`,
 * candidates × TOPIC_TOP_K, row-major): min-max scaled over the list, so the
 * most on-topic candidate gets 1 and the least 0.
 */
export function similarityTopicality(similarityToTop: Float64Array, candidates: number, top: number): number[] {
  const mean = Array.from({ length: candidates }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < top; j++) sum += similarityToTop[i * top + j] as number;
    return top > 0 ? sum / top : 0;
  });
  const lo = Math.min(...mean);
  const hi = Math.max(...mean);
  return mean.map((m) => (hi - lo > 1e-9 && Number.isFinite(m) ? (m - lo) / (hi - lo) : 1));
}
