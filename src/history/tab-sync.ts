// Tells this store's listeners, and other tabs and workers of the same
// origin, that history changed, so cached profiles refresh; `forgotten`
// means drop everything cached.
export type HistoryChange = 'events' | 'meta' | 'forgotten';

export const CHANNEL_NAME = 'edge-rerank';

interface ChangeMessage {
  dbName: string;
  change: HistoryChange;
}

function isChangeMessage(data: unknown): data is ChangeMessage {
  const m = data as ChangeMessage | null;
  return !!m && typeof m.dbName === 'string' && (m.change === 'events' || m.change === 'meta' || m.change === 'forgotten');
}

export class TabSync {
  readonly #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(change: HistoryChange) => void>();

  readonly #dbName: string;

  constructor(dbName: string) {
    this.#dbName = dbName;
    // Without BroadcastChannel (very old browsers) tabs just miss refreshes.
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
    this.#channel?.addEventListener('message', (event: MessageEvent) => {
      if (isChangeMessage(event.data) && event.data.dbName === this.#dbName) this.#tell(event.data.change);
    });
  }

  #tell(change: HistoryChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Tells listeners here at once, and every other tab and worker (a channel never hears its own messages). */
  notify(change: HistoryChange): void {
    this.#channel?.postMessage({ dbName: this.#dbName, change } satisfies ChangeMessage);
    this.#tell(change);
  }

  subscribe(listener: (change: HistoryChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
    this.#channel?.close();
  }
}
