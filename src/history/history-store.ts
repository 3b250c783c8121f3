// HistoryStore: what this shopper did on this site, and the item vectors the
// widget has already computed, kept in IndexedDB on this device only.
// Works on the main thread and in a Web Worker. Every failure surfaces as
// EdgeRerankError('storage' | 'input'); nothing already stored is dropped
// because of one.
import type { IDBPDatabase } from 'idb';
import { EdgeRerankError } from '../errors.ts';
import { ITEM_TEXT_MAX_CHARS } from '../model/item-text.ts';
import type { HistoryEventType } from '../rank/types.ts';
import { dequantizeInt8, quantizeInt8 } from '../vector/int8.ts';
import { openDatabase } from './open-database.ts';
import { LRU_TOUCH_INTERVAL_MS, overflow, resolveLimits, retentionCutoff, type RetentionLimits } from './retention.ts';
import { DEFAULT_DB_NAME, EVENT_TYPES, SCHEMA_VERSION_KEY, type EdgeRerankDB, type StoredEvent, type StoredVector } from './schema.ts';
import { eventFault, eventName, SkippedRows, vectorFault, vectorName, type SkippedRowsListener } from './stored-rows.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { sessionFor } from './session.ts';
import { storageError } from './storage-error.ts';
import { TabSync, type HistoryChange } from './tab-sync.ts';

export interface HistoryStoreOptions extends Partial<RetentionLimits> {
  dbName?: string;
  /** Clock, injectable so tests can move time. */
  now?: () => number;
  /** How long an upgrade may wait for other tabs to let go (default 5 s). */
  blockedTimeoutMs?: number;
}

export interface NewEvent {
  itemId: string;
  type: HistoryEventType;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
  /** ms since epoch; defaults to now. */
  time?: number | undefined;
}

/** An event as read back (oldest first). */
export type HistoryEvent = Omit<StoredEvent, 'id'>;

/** One entry of the vector cache, without the vector (it is computed from the product's own text). */
export interface CachedVectorInfo {
  modelId: string;
  itemId: string;
  /** Numbers in the vector. */
  dim: number;
  /** ms since epoch of the last read or write (the LRU order). */
  usedAt: number;
}

/** What the shopper downloads: plain JSON of everything stored about them. */
export interface HistoryExport {
  format: 'edge-rerank-history';
  version: 2;
  exportedAt: string;
  /** Inside the retention window, oldest first (malformed rows left out). */
  events: HistoryEvent[];
  /** Everything else the widget keeps, by key (e.g. the learned weight offsets); not the schema version. */
  meta: Record<string, unknown>;
  /** Which item vectors are cached, for which model, and when each was last used. */
  vectors: CachedVectorInfo[];
}

type DB = IDBPDatabase<EdgeRerankDB>;

function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : undefined;
}

function validateEvent(event: NewEvent, now: number): HistoryEvent {
  const itemId = cleanText(event?.itemId, 200);
  if (!itemId) throw new EdgeRerankError('input', 'history event needs a non-empty itemId');
  if (!EVENT_TYPES.includes(event.type)) {
    throw new EdgeRerankError('input', `history event for "${itemId}" has type "${String(event.type)}"; expected ${EVENT_TYPES.join('|')}`);
  }
  const time = event.time ?? now;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new EdgeRerankError('input', `history event for "${itemId}" has an invalid time`);
  }
  const out: HistoryEvent = { itemId, type: event.type, title: cleanText(event.title, ITEM_TEXT_MAX_CHARS) ?? '', time, session: '' };
  const category = cleanText(event.category, 200);
  const brand = cleanText(event.brand, 200);
  if (category) out.category = category;
  if (brand) out.brand = brand;
  return out;
}

/** A checked row as read back: its fields only, without the internal key. */
function readEvent(row: StoredEvent): HistoryEvent {
  const event: HistoryEvent = { itemId: row.itemId, type: row.type, title: row.title, time: row.time, session: row.session };
  if (row.category !== undefined) event.category = row.category;
  if (row.brand !== undefined) event.brand = row.brand;
  return event;
}

export class HistoryStore {
  #db: DB | undefined;
  #opening: Promise<DB> | undefined;
  #closed = false;
  readonly #now: () => number;
  readonly #blockedTimeoutMs: number;
  readonly #sync: TabSync;

  private constructor(
    readonly dbName: string,
    readonly limits: RetentionLimits,
    now: () => number,
    blockedTimeoutMs: number,
    sync: TabSync,
  ) {
    this.#now = now;
    this.#blockedTimeoutMs = blockedTimeoutMs;
    this.#sync = sync;
  }

  /** Opens (creating or migrating) the database and drops expired events. */
  static async open(options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const dbName = options.dbName ?? DEFAULT_DB_NAME;
    const store = new HistoryStore(
      dbName,
      resolveLimits(options),
      options.now ?? Date.now,
      options.blockedTimeoutMs ?? 5000,
      new TabSync(dbName),
    );
    try {
      await store.#purgeExpired();
    } catch (err) {
      store.#sync.close();
      throw err;
    }
    return store;
  }

  /** Records one event; the oldest events go when the cap is reached. */
  async addEvent(event: NewEvent): Promise<void> {
    const clean = validateEvent(event, this.#now());
    await this.#runMakingRoom('recording an event', async (db) => {
      const tx = db.transaction('events', 'readwrite');
      const byTime = tx.store.index('by-time');
      // The newest event with a numeric time (other keys sort after numbers), if it is well-formed.
      const last = (await byTime.openCursor(IDBKeyRange.upperBound(Infinity), 'prev'))?.value;
      clean.session = sessionFor(clean.time, eventFault(last) === null ? last : undefined);
      await tx.store.add(clean);
      const extra = overflow(await tx.store.count(), this.limits.maxEvents);
      await this.#deleteOldest(byTime, extra);
      await tx.done;
    });
    this.#sync.notify('events');
  }

  /** Events inside the retention window, oldest first; the newest `limit` when given.
   *  Malformed rows are skipped, and `onSkipped` hears one error about them. */
  async recentEvents(limit?: number, onSkipped?: SkippedRowsListener): Promise<HistoryEvent[]> {
    const cutoff = retentionCutoff(this.#now(), this.limits.retentionDays);
    const rows = await this.#run('reading events', (db) => db.getAllFromIndex('events', 'by-time', IDBKeyRange.lowerBound(cutoff)));
    const skipped = new SkippedRows('events');
    const events = skipped.keep<StoredEvent>(rows, eventFault, eventName);
    skipped.report(onSkipped);
    const wanted = limit === undefined ? events : events.slice(Math.max(0, events.length - Math.max(0, Math.floor(limit))));
    return wanted.map(readEvent);
  }

  /** Cached vectors of `ids` for `modelId` (dequantised); marks them recently
   *  used (at most once a minute per vector, see LRU_TOUCH_INTERVAL_MS).
   *  Malformed rows are skipped, and `onSkipped` hears one error about them. */
  async getVectors(modelId: string, ids: Iterable<string>, onSkipped?: SkippedRowsListener): Promise<Map<string, Float32Array>> {
    const unique = [...new Set(ids)].filter((id) => typeof id === 'string' && id);
    const found = new Map<string, Float32Array>();
    if (unique.length === 0) return found;
    const rows = await this.#run('reading cached vectors', async (db) => {
      const tx = db.transaction('vectors', 'readonly');
      const got = await Promise.all(unique.map((id) => tx.store.get([modelId, id])));
      await tx.done;
      return got.filter((r) => r !== undefined);
    });
    const skipped = new SkippedRows('vectors');
    const records = skipped.keep<StoredVector>(rows, vectorFault, vectorName);
    skipped.report(onSkipped);
    for (const record of records) found.set(record.itemId, dequantizeInt8(record.data, record.scale));
    // LRU bookkeeping is best effort, in its own transaction: a read must not
    // fail because a full quota refused to record when it happened.
    const usedAt = this.#now();
    const stale = records.filter((record) => usedAt - record.usedAt >= LRU_TOUCH_INTERVAL_MS);
    if (stale.length === 0) return found;
    await this.#run('marking vectors used', async (db) => {
      const tx = db.transaction('vectors', 'readwrite');
      await Promise.all(
        stale.map(async ({ modelId: model, itemId }) => {
          const current = await tx.store.get([model, itemId]); // another tab may have rewritten it
          if (current) await tx.store.put({ ...current, usedAt });
        }),
      );
      await tx.done;
    }).catch(() => undefined);
    return found;
  }

  /** Caches vectors as int8; the least recently used go when the cap is reached. */
  async putVectors(modelId: string, vectors: Map<string, Float32Array>): Promise<void> {
    if (typeof modelId !== 'string' || !modelId) throw new EdgeRerankError('input', 'putVectors needs a modelId');
    const usedAt = this.#now();
    await this.#runMakingRoom('caching vectors', async (db) => {
      const tx = db.transaction('vectors', 'readwrite');
      const writes: Promise<unknown>[] = [];
      for (const [itemId, vector] of vectors) {
        const q = typeof itemId === 'string' && itemId && vector instanceof Float32Array ? quantizeInt8(vector) : undefined;
        if (q) writes.push(tx.store.put({ modelId, itemId, data: q.codes, scale: q.scale, usedAt }));
      }
      await Promise.all(writes);
      const extra = overflow(await tx.store.count(), this.limits.maxVectors);
      await this.#deleteOldest(tx.store.index('by-used'), extra);
      await tx.done;
    });
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    const record = await this.#run(`reading "${key}"`, (db) => db.get('meta', key));
    return record?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    if (key === SCHEMA_VERSION_KEY) throw new EdgeRerankError('input', `"${key}" is managed by the migrations`);
    await this.#run(`saving "${key}"`, async (db) => {
      try {
        await db.put('meta', { key, value });
      } catch (err) {
        if ((err as Error)?.name === 'DataCloneError') {
          throw new EdgeRerankError('input', `meta "${key}" is not storable (functions, DOM nodes…)`, { cause: err });
        }
        throw err;
      }
    });
    this.#sync.notify('meta');
  }

  /** Erases events, vectors and meta in one transaction; other tabs are told. */
  async forget(): Promise<void> {
    await this.#run('forgetting history', async (db) => {
      const tx = db.transaction(['events', 'vectors', 'meta'], 'readwrite');
      await Promise.all([tx.objectStore('events').clear(), tx.objectStore('vectors').clear(), tx.objectStore('meta').clear()]);
      // Not the shopper's data: keeps the next migration knowing where it starts.
      await tx.objectStore('meta').put({ key: SCHEMA_VERSION_KEY, value: SCHEMA_VERSION });
      await tx.done;
    });
    this.#sync.notify('forgotten');
  }

  async exportHistory(): Promise<HistoryExport> {
    const events = await this.recentEvents();
    const [metaRows, vectorRows] = await this.#run('exporting history', (db) => Promise.all([db.getAll('meta'), db.getAll('vectors')]));
    const meta: Record<string, unknown> = {};
    for (const row of metaRows) if (row.key !== SCHEMA_VERSION_KEY) meta[row.key] = row.value;
    const vectors = vectorRows.map((row) => ({
      modelId: row.modelId,
      itemId: row.itemId,
      dim: row.data instanceof Int8Array ? row.data.length : 0,
      usedAt: row.usedAt,
    }));
    return { format: 'edge-rerank-history', version: 2, exportedAt: new Date(this.#now()).toISOString(), events, meta, vectors };
  }

  /** Called when this store, another tab or another worker changed or forgot history. */
  onChange(listener: (change: HistoryChange) => void): () => void {
    return this.#sync.subscribe(listener);
  }

  close(): void {
    this.#closed = true;
    this.#sync.close();
    this.#db?.close();
    this.#db = undefined;
  }

  async #purgeExpired(): Promise<void> {
    const cutoff = retentionCutoff(this.#now(), this.limits.retentionDays);
    await this.#run('dropping expired events', async (db) => {
      const tx = db.transaction('events', 'readwrite');
      for (let c = await tx.store.index('by-time').openCursor(IDBKeyRange.upperBound(cutoff, true)); c; c = await c.continue()) {
        await c.delete();
      }
      await tx.done;
    });
  }

  /** Deletes the first `count` records of an ascending index (oldest first). */
  async #deleteOldest(
    index: { openCursor(): Promise<{ delete(): Promise<void>; continue(): Promise<unknown> } | null> },
    count: number,
  ): Promise<void> {
    let cursor = count > 0 ? await index.openCursor() : null;
    for (let left = count; cursor && left > 0; left--) {
      await cursor.delete();
      cursor = (await cursor.continue()) as typeof cursor;
    }
  }

  /** Like run(), but when the quota is full, empties the vector cache (it is
   *  recomputable, events are not) and tries once more. Dropping only the
   *  older part is not enough: Chromium's on-disk usage shrinks on clear(),
   *  not on single deletes, until a later compaction. */
  async #runMakingRoom<T>(action: string, work: (db: DB) => Promise<T>): Promise<T> {
    try {
      return await this.#run(action, work);
    } catch (err) {
      if (!(err instanceof EdgeRerankError) || (err.cause as Error | undefined)?.name !== 'QuotaExceededError') throw err;
      const cached = await this.#run('making room in the vector cache', async (db) => {
        const tx = db.transaction('vectors', 'readwrite');
        const count = await tx.store.count();
        await tx.store.clear();
        await tx.done;
        return count;
      });
      if (cached === 0) throw err;
      return this.#run(action, work);
    }
  }

  /** One way to the database: (re)opens lazily — e.g. after another tab's
   *  upgrade closed our connection — and maps every failure to one error. */
  async #run<T>(action: string, work: (db: DB) => Promise<T>): Promise<T> {
    if (this.#closed) throw new EdgeRerankError('storage', `history storage "${this.dbName}" is closed`);
    try {
      return await work(await this.#connection());
    } catch (err) {
      if (err instanceof EdgeRerankError) throw err;
      throw storageError(action, err);
    }
  }

  #connection(): Promise<DB> {
    if (this.#db) return Promise.resolve(this.#db);
    this.#opening ??= openDatabase(this.dbName, this.#blockedTimeoutMs, {
      onClosedForUpgrade: () => (this.#db = undefined),
      onTerminated: () => (this.#db = undefined),
    }).then(
      (db) => {
        this.#opening = undefined;
        if (this.#closed) {
          db.close();
          throw new EdgeRerankError('storage', `history storage "${this.dbName}" is closed`);
        }
        this.#db = db;
        return db;
      },
      (err: unknown) => {
        this.#opening = undefined;
        throw err;
      },
    );
    return this.#opening;
  }
}
