// Rows are checked when they are read: IndexedDB holds whatever was written
// to it (another build, an extension, a disk fault), and one malformed row
// must not stop the ranking. A bad row is skipped and counted, and the reader
// gets one storage error saying what was wrong; the row itself is left as it
// is (forget() erases it with the rest).
import { EdgeRerankError } from '../errors.ts';
import { EVENT_TYPES } from './schema.ts';

export type StoreName = 'events' | 'vectors' | 'meta';

/** What one row of each store is called in messages. */
const ROW: Record<StoreName, string> = { events: 'event', vectors: 'cached vector', meta: 'setting' };

/** Stored rows of one store were malformed and skipped. */
export class MalformedRowsError extends EdgeRerankError {
  constructor(
    readonly store: StoreName,
    readonly skipped: number,
    message: string,
  ) {
    super('storage', message);
  }
}

/** Receives the one error for the malformed rows of a read. */
export type SkippedRowsListener = (error: MalformedRowsError) => void;

/** A value as a fault message shows it: short, and never throwing. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return 'a list';
  return Object.prototype.toString
    .call(value)
    .slice(8, -1)
    .toLowerCase()
    .replace(/^object$/, 'an object');
}

function field(row: Record<string, unknown>, name: string, ok: (value: unknown) => boolean, expected: string): string | null {
  return ok(row[name]) ? null : `${name} is ${describe(row[name])}, expected ${expected}`;
}

const isText = (v: unknown) => typeof v === 'string';
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';
const isFiniteNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function isRecord(row: unknown): row is Record<string, unknown> {
  return typeof row === 'object' && row !== null && !Array.isArray(row);
}

/** What is wrong with a stored event, or null when it can be used. */
export function eventFault(row: unknown): string | null {
  if (!isRecord(row)) return `it is ${describe(row)}, not an event`;
  return (
    field(row, 'itemId', (v) => typeof v === 'string' && v.trim() !== '', 'a non-empty text') ??
    field(row, 'type', (v) => (EVENT_TYPES as readonly unknown[]).includes(v), EVENT_TYPES.join('|')) ??
    field(row, 'title', isText, 'text') ??
    field(row, 'time', isFiniteNumber, 'a time in ms') ??
    field(row, 'category', isOptionalText, 'text') ??
    field(row, 'brand', isOptionalText, 'text') ??
    field(row, 'session', isText, 'text')
  );
}

/** What is wrong with a cached vector, or null when it can be used. */
export function vectorFault(row: unknown): string | null {
  if (!isRecord(row)) return `it is ${describe(row)}, not a vector`;
  return (
    field(row, 'data', (v) => v instanceof Int8Array && v.length > 0, 'int8 values') ??
    field(row, 'scale', (v) => isFiniteNumber(v) && (v as number) >= 0, 'a finite scale ≥ 0')
  );
}

/** Counts the rows of one read that failed their check and makes the one error about them. */
export class SkippedRows {
  readonly #store: StoreName;
  #count = 0;
  readonly #examples: string[] = [];

  constructor(store: StoreName) {
    this.#store = store;
  }

  /** Keeps the rows that pass `fault` (null = fine); counts and describes the others. */
  keep<T>(rows: unknown[], fault: (row: unknown) => string | null, name: (row: unknown) => string): T[] {
    const kept: T[] = [];
    for (const row of rows) {
      const problem = fault(row);
      if (problem === null) kept.push(row as T);
      else this.add(`${name(row)}: ${problem}`);
    }
    return kept;
  }

  add(example: string): void {
    this.#count++;
    if (this.#examples.length < 2) this.#examples.push(example);
  }

  /** Tells `listener` about the skipped rows, if any. */
  report(listener: SkippedRowsListener | undefined): void {
    if (this.#count === 0 || !listener) return;
    const row = ROW[this.#store];
    const rows = this.#count === 1 ? `1 stored ${row} is` : `${this.#count} stored ${row}s are`;
    const more = this.#count > this.#examples.length ? '; …' : '';
    listener(
      new MalformedRowsError(
        this.#store,
        this.#count,
        `history storage: ${rows} malformed and skipped (${this.#examples.join('; ')}${more}); the rest of the history is used and nothing stored was changed`,
      ),
    );
  }
}

/** How a fault names an event row (its key), a vector row (its item). */
export function eventName(row: unknown): string {
  return `event ${isRecord(row) ? describe(row.id) : '?'}`;
}

export function vectorName(row: unknown): string {
  return `vector of ${isRecord(row) ? describe(row.itemId) : '?'}`;
}
