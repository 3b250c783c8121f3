// Turns whatever IndexedDB throws into one EdgeRerankError('storage') whose
// message says what failed and that stored history was left as it was.
import { EdgeRerankError, messageOf } from '../errors.ts';

function explain(name: string): string {
  switch (name) {
    case 'QuotaExceededError':
      return 'the browser storage quota is full';
    case 'VersionError':
      return 'another tab opened a newer edge-rerank storage version; reload this page';
    case 'InvalidStateError':
    case 'UnknownError':
      return 'IndexedDB is unavailable (private browsing, disabled storage or a closed connection)';
    case 'SecurityError':
      return 'IndexedDB is not allowed for this page (storage blocked or opaque origin)';
    case 'AbortError':
      return 'the storage transaction was aborted';
    default:
      return name;
  }
}

export function storageError(action: string, err: unknown): EdgeRerankError {
  if (err instanceof EdgeRerankError) return err;
  const name = err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException) ? (err as Error).name : 'Error';
  const detail = messageOf(err);
  const why = explain(name);
  const message = `history storage failed while ${action}: ${why}${detail && detail !== why ? ` (${detail})` : ''}; stored history was not changed`;
  return new EdgeRerankError('storage', message, { cause: err });
}
