// Opens (and if needed upgrades) the history database without ever hanging:
// a connection in another tab that will not let an upgrade through makes the
// open fail with a clear storage error instead of waiting forever.
import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { EdgeRerankError } from '../errors.ts';
import { migrate, SCHEMA_VERSION } from './migrations.ts';
import type { EdgeRerankDB } from './schema.ts';
import { storageError } from './storage-error.ts';

export interface OpenCallbacks {
  /** Another tab wants a newer version: this connection has been closed. */
  onClosedForUpgrade(): void;
  /** The browser closed the connection (storage cleared, disk error). */
  onTerminated(): void;
}

export async function openDatabase(
  dbName: string,
  blockedTimeoutMs: number,
  callbacks: OpenCallbacks,
): Promise<IDBPDatabase<EdgeRerankDB>> {
  if (typeof indexedDB === 'undefined' || !indexedDB) {
    throw new EdgeRerankError('storage', 'IndexedDB is not available in this browser context; history is off');
  }
  let migrationError: unknown;
  let giveUp: ((err: EdgeRerankError) => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<never>((_, reject) => (giveUp = reject));

  const opening = openDB<EdgeRerankDB>(dbName, SCHEMA_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      const untypedDb = db as unknown as IDBPDatabase<unknown>;
      const untypedTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
      migrate(untypedDb, untypedTx, oldVersion, newVersion ?? SCHEMA_VERSION).catch((err: unknown) => {
        // Aborting the upgrade rolls everything back: the old data stays.
        migrationError = err;
        try {
          tx.abort();
        } catch {
          /* already finished or aborted */
        }
      });
    },
    blocked() {
      timer ??= setTimeout(() => {
        giveUp?.(
          new EdgeRerankError(
            'storage',
            `history storage upgrade is blocked by another tab that keeps "${dbName}" open; close other tabs of this shop and reload`,
          ),
        );
      }, blockedTimeoutMs);
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
      callbacks.onClosedForUpgrade();
    },
    terminated() {
      callbacks.onTerminated();
    },
  });

  try {
    return await Promise.race([opening, blocked]);
  } catch (err) {
    // If the blocked open goes through later, do not leave it holding the database.
    opening.then(
      (db) => db.close(),
      () => undefined,
    );
    if (migrationError !== undefined) {
      throw storageError(`migrating "${dbName}" to schema version ${SCHEMA_VERSION}`, migrationError);
    }
    throw storageError(`opening "${dbName}"`, err);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
