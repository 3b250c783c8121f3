// Lexical title similarity, computed on the device from titles alone: each
// title becomes a TF-IDF vector over character 3–5-grams of its words (robust
// to plurals, sizes and model numbers written differently), and two titles
// compare by cosine. Which terms are rare comes from the catalog's term
// statistics when an index ships them, or else from the titles at hand (the
// page's candidates and the shopper's history).
//
// Grams are kept as 32-bit hashes, never as strings: a page of 200 titles has
// ~40,000 grams, and hashing them in place is several times faster than
// slicing and counting strings.
import type { TermStatistics } from './types.ts';

/** Character n-gram lengths within a word (with boundary marks). */
export const GRAM_MIN = 3;
export const GRAM_MAX = 5;
/** Titles are cut here: a 100 kB title must not cost 100 kB of grams. */
const MAX_TITLE_CHARS = 300;
const WORD = /[\p{L}\p{N}]+/gu;
const START = 0x3c; // '<'
const END = 0x3e; // '>'

/** FNV-1a over the UTF-16 units of `word` from `start` to `end`, with the word's boundary marks. */
function gramHash(word: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const code = i < 0 ? START : i >= word.length ? END : word.charCodeAt(i);
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}

/** The hashes of a title's character n-grams (with repeats): "<ab>" → "<ab", "ab>", "<ab>". */
export function titleGrams(title: string): number[] {
  const out: number[] = [];
  for (const match of title.slice(0, MAX_TITLE_CHARS).toLowerCase().matchAll(WORD)) {
    const word = match[0];
    // Positions -1 and word.length are the marks; a marked word spans [-1, word.length].
    const marked = word.length + 2;
    if (marked < GRAM_MIN) continue;
    for (let n = GRAM_MIN; n <= Math.min(GRAM_MAX, marked); n++) {
      for (let s = -1; s + n <= word.length + 1; s++) out.push(gramHash(word, s, s + n));
    }
  }
  return out;
}

/** A title as counts of dense term ids, within one ranking's vocabulary. */
export interface TermBag {
  ids: Int32Array;
  counts: Float64Array;
}

/** A table slot for a hash: its bits mixed, so neighbouring hashes spread. */
function slotOf(hash: number, mask: number): number {
  return Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) & mask;
}

/** Gram hashes seen in one ranking, numbered densely (an open-addressing
 *  table: a Map costs more than all the hashing on a page of 200 titles). */
export class Vocabulary {
  readonly hashes: number[] = [];
  #keys = new Int32Array(1 << 12);
  #values = new Int32Array(1 << 12).fill(-1);

  #idOf(hash: number): number {
    const mask = this.#keys.length - 1;
    let slot = slotOf(hash, mask);
    for (;;) {
      const id = this.#values[slot] as number;
      if (id < 0) break;
      if (this.#keys[slot] === (hash | 0)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.hashes.length;
    this.hashes.push(hash);
    this.#keys[slot] = hash | 0;
    this.#values[slot] = id;
    if (this.hashes.length * 2 > this.#keys.length) this.#grow();
    return id;
  }

  #grow(): void {
    const size = this.#keys.length * 2;
    this.#keys = new Int32Array(size);
    this.#values = new Int32Array(size).fill(-1);
    this.hashes.forEach((hash, id) => {
      let slot = slotOf(hash, size - 1);
      while ((this.#values[slot] as number) >= 0) slot = (slot + 1) & (size - 1);
      this.#keys[slot] = hash | 0;
      this.#values[slot] = id;
    });
  }

  /** Which bag last saw each id, and where in it: counting without a Map or a sort. */
  #seenIn = new Int32Array(1 << 12).fill(-1);
  #seenAt = new Int32Array(1 << 12);
  #bags = 0;

  /** A bag is counted here, then copied out at its size (no growing arrays per title). */
  #ids = new Int32Array(256);
  #counts = new Float64Array(256);

  bag(title: string): TermBag {
    const bag = this.#bags++;
    const grams = titleGrams(title);
    if (grams.length > this.#ids.length) [this.#ids, this.#counts] = [new Int32Array(grams.length), new Float64Array(grams.length)];
    const ids = this.#ids;
    const counts = this.#counts;
    let size = 0;
    for (const hash of grams) {
      const id = this.#idOf(hash);
      if (id >= this.#seenIn.length) this.#growSeen();
      if (this.#seenIn[id] === bag) counts[this.#seenAt[id] as number]! += 1;
      else {
        this.#seenIn[id] = bag;
        this.#seenAt[id] = size;
        ids[size] = id;
        counts[size++] = 1;
      }
    }
    return { ids: ids.slice(0, size), counts: counts.slice(0, size) };
  }

  #growSeen(): void {
    const seenIn = new Int32Array(this.#seenIn.length * 2).fill(-1);
    seenIn.set(this.#seenIn);
    const seenAt = new Int32Array(seenIn.length);
    seenAt.set(this.#seenAt);
    this.#seenIn = seenIn;
    this.#seenAt = seenAt;
  }
}

/** idf = ln((N + 1) / (df + 1)) + 1: smooth, never 0, larger for rarer terms. */
export function idfFromCounts(documents: number, documentFrequency: number): number {
  return Math.log((documents + 1) / (documentFrequency + 1)) + 1;
}

/** IDF per term id: from the catalog's statistics, else from `documents` (each bag one title). */
export function idfOf(vocabulary: Vocabulary, documents: readonly TermBag[], catalog?: TermStatistics): Float64Array {
  const idf = new Float64Array(vocabulary.hashes.length);
  if (catalog) {
    vocabulary.hashes.forEach((hash, id) => (idf[id] = idfFromCounts(catalog.documents, catalog.documentFrequency(hash))));
    return idf;
  }
  const df = new Float64Array(vocabulary.hashes.length);
  for (const bag of documents) for (const id of bag.ids) df[id] = (df[id] as number) + 1;
  for (let id = 0; id < idf.length; id++) idf[id] = idfFromCounts(documents.length, df[id] as number);
  return idf;
}

/** TF-IDF with sublinear tf (1 + ln tf), L2-normalised: the bag's counts become its weights. */
export function tfidf(bag: TermBag, idf: Float64Array): TermBag {
  const weights = new Float64Array(bag.ids.length);
  let norm = 0;
  for (let k = 0; k < bag.ids.length; k++) {
    const w = (1 + Math.log(bag.counts[k] as number)) * (idf[bag.ids[k] as number] as number);
    weights[k] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k] = (weights[k] as number) / norm;
  return { ids: bag.ids, counts: weights };
}

/**
 * Cosine of every row vector with every column vector (rows × cols,
 * row-major), through an inverted list of the rows' terms: the cost grows
 * with the terms they share, not with the vocabulary.
 */
export function cosineMatrix(rows: readonly TermBag[], cols: readonly TermBag[], vocabularySize: number): Float64Array {
  const start = new Int32Array(vocabularySize + 1);
  for (const v of rows) for (const id of v.ids) start[id + 1] = (start[id + 1] as number) + 1;
  for (let t = 0; t < vocabularySize; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, vocabularySize);
  const postingRow = new Int32Array(start[vocabularySize] as number);
  const postingWeight = new Float64Array(start[vocabularySize] as number);
  rows.forEach((v, r) => {
    for (let k = 0; k < v.ids.length; k++) {
      const at = fill[v.ids[k] as number] as number;
      fill[v.ids[k] as number] = at + 1;
      postingRow[at] = r;
      postingWeight[at] = v.counts[k] as number;
    }
  });
  const out = new Float64Array(rows.length * cols.length);
  cols.forEach((v, c) => {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k] as number;
      const w = v.counts[k] as number;
      for (let p = start[id] as number; p < (start[id + 1] as number); p++) {
        const at = (postingRow[p] as number) * cols.length + c;
        out[at] = (out[at] as number) + (postingWeight[p] as number) * w;
      }
    }
  });
  return out;
}
