// The worker's in-memory front of the IndexedDB vector cache: history items
// come back on every rerank, and a Map lookup beats an IndexedDB transaction
// (~5–25 ms on a busy 2-core machine). Bounded; cleared by forget().

export class RecentVectors {
  readonly #entries = new Map<string, Float32Array>();

  constructor(readonly capacity = 4096) {}

  #key(model: string, id: string): string {
    return `${model}\u0000${id}`;
  }

  get(model: string, ids: Iterable<string>): Map<string, Float32Array> {
    const found = new Map<string, Float32Array>();
    for (const id of ids) {
      const key = this.#key(model, id);
      const vector = this.#entries.get(key);
      if (!vector) continue;
      this.#entries.delete(key); // re-insert: Map order is the LRU order
      this.#entries.set(key, vector);
      found.set(id, vector);
    }
    return found;
  }

  put(model: string, vectors: Map<string, Float32Array>): void {
    for (const [id, vector] of vectors) {
      const key = this.#key(model, id);
      this.#entries.delete(key);
      this.#entries.set(key, vector);
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(key);
    }
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
