// The demo shop's own "search server": plain BM25 over product text, the kind
// of lexical ranking a small shop really has. edge-rerank then personalises
// this order on the shopper's device.

export interface SearchDocument {
  id: string;
  /** Field texts; a field's weight repeats its terms (BM25F-lite). */
  fields: Array<{ text: string; weight: number }>;
}

export interface SearchHit {
  id: string;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

/** Lower-case words and numbers; a plural "s" is dropped so "tents" finds "tent". */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((word) =>
    word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
  );
}

export class Bm25Index {
  readonly #termFreqs: Array<Map<string, number>> = [];
  readonly #lengths: number[] = [];
  readonly #docFreq = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #averageLength: number;

  constructor(documents: SearchDocument[]) {
    for (const doc of documents) {
      const tf = new Map<string, number>();
      let length = 0;
      for (const field of doc.fields) {
        for (const term of tokenize(field.text)) {
          tf.set(term, (tf.get(term) ?? 0) + field.weight);
          length += field.weight;
        }
      }
      for (const term of tf.keys()) this.#docFreq.set(term, (this.#docFreq.get(term) ?? 0) + 1);
      this.#termFreqs.push(tf);
      this.#lengths.push(length);
      this.#ids.push(doc.id);
    }
    this.#averageLength = this.#lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.#lengths.length);
  }

  /** Rare terms count more (the +1 keeps IDF positive for common terms). */
  idf(term: string): number {
    const n = this.#ids.length;
    const df = this.#docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Best first; ties keep catalogue order. Documents matching no term are left out. */
  search(query: string, limit = 20): SearchHit[] {
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0) return [];
    const hits: Array<SearchHit & { order: number }> = [];
    this.#termFreqs.forEach((tf, i) => {
      let score = 0;
      for (const term of terms) {
        const f = tf.get(term);
        if (!f) continue;
        const norm = 1 - B + B * ((this.#lengths[i] as number) / this.#averageLength);
        score += this.idf(term) * ((f * (K1 + 1)) / (f + K1 * norm));
      }
      if (score > 0) hits.push({ id: this.#ids[i] as string, score, order: i });
    });
    hits.sort((a, b) => b.score - a.score || a.order - b.order);
    return hits.slice(0, Math.max(0, limit)).map(({ id, score }) => ({ id, score }));
  }
}
