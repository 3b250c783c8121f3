// Every schema change, keyed by the version it produces, in one place. A fresh
// database runs them all in order; an old one runs only the missing ones.
// Migrations rewrite records in place: they never drop the shopper's data.
//
// v1 (the first release's shape): events {id, itemId, type, title,
//   time}; vectors {modelId, itemId, data, scale}; meta {key, value}; no indexes.
// v2: events gain `session` (+ optional category/brand) and a by-time index for
//   retention; vectors gain `usedAt` and a by-used index for the LRU.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { SCHEMA_VERSION_KEY } from './schema.ts';
import { sessionFor } from './session.ts';

// Migrations see the database as it was, not as schema.ts says it is now.
type UntypedDB = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Migration = (db: UntypedDB, tx: UpgradeTx) => Promise<void>;

async function createV1(db: UntypedDB): Promise<void> {
  db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
  db.createObjectStore('vectors', { keyPath: ['modelId', 'itemId'] });
  db.createObjectStore('meta', { keyPath: 'key' });
}

async function addSessionsAndIndexes(_db: UntypedDB, tx: UpgradeTx): Promise<void> {
  const events = tx.objectStore('events');
  events.createIndex('by-time', 'time');
  // Back-fill sessions in time order, as if the events had been added live.
  let last: { time: number; session: string } | undefined;
  for (let cursor = await events.index('by-time').openCursor(); cursor; cursor = await cursor.continue()) {
    const event = cursor.value as { time: number; session?: string };
    const session = event.session ?? sessionFor(event.time, last);
    if (event.session !== session) await cursor.update({ ...event, session });
    last = { time: event.time, session };
  }

  const vectors = tx.objectStore('vectors');
  vectors.createIndex('by-used', 'usedAt');
  // Unknown last use = oldest: migrated vectors are the first the LRU drops.
  for (let cursor = await vectors.openCursor(); cursor; cursor = await cursor.continue()) {
    const vector = cursor.value as { usedAt?: number };
    if (typeof vector.usedAt !== 'number') await cursor.update({ ...vector, usedAt: 0 });
  }
}

export const MIGRATIONS: Record<number, Migration> = {
  1: createV1,
  2: addSessionsAndIndexes,
};

export const SCHEMA_VERSION = Math.max(...Object.keys(MIGRATIONS).map(Number));

/** Runs migrations oldVersion+1 … newVersion inside the upgrade transaction. */
export async function migrate(db: UntypedDB, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration to schema version ${version}`);
    await step(db, tx);
  }
  await tx.objectStore('meta').put({ key: SCHEMA_VERSION_KEY, value: newVersion });
}
