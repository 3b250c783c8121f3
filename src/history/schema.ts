// The one typed shape of the `edge-rerank` IndexedDB database (current
// version). Store names, keys, indexes and values are checked by the compiler
// through idb's DBSchema; older shapes live only in migrations.ts.
import type { DBSchema } from 'idb';
import type { HistoryEventType } from '../rank/types.ts';

export const DEFAULT_DB_NAME = 'edge-rerank';

export const EVENT_TYPES: readonly HistoryEventType[] = ['view', 'click', 'cart', 'purchase'];

/** One thing the shopper did, as stored. `id` is the auto-increment key. */
export interface StoredEvent {
  id?: number;
  itemId: string;
  type: HistoryEventType;
  title: string;
  category?: string;
  brand?: string;
  /** ms since epoch. */
  time: number;
  /** See session.ts. */
  session: string;
}

/** A cached item vector for one model, int8 with a per-vector scale. */
export interface StoredVector {
  modelId: string;
  itemId: string;
  data: Int8Array;
  scale: number;
  /** ms since epoch of the last read or write: the LRU order. */
  usedAt: number;
}

export interface StoredMeta {
  key: string;
  value: unknown;
}

export interface EdgeRerankDB extends DBSchema {
  events: {
    key: number;
    value: StoredEvent;
    indexes: { 'by-time': number };
  };
  vectors: {
    key: [string, string];
    value: StoredVector;
    indexes: { 'by-used': number };
  };
  meta: {
    key: string;
    value: StoredMeta;
  };
}

/** Meta key holding the schema version the data was last migrated to. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';
