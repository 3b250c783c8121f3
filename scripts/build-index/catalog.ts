// Reads a shop catalog (JSONL, or CSV with a header) into items for the
// index. Bad lines are skipped and reported as file:line with the reason;
// a duplicate id replaces the earlier line (last wins) and is reported.
import { extname } from 'node:path';
import type { ItemFields } from '../../src/model/item-text.ts';
import { byteLines, decodeUtf8 } from './byte-lines.ts';
import { csvRecordOpen, parseCsvRecord } from './csv-record.ts';

export interface InputProblem {
  /** "catalog.jsonl:12" */
  where: string;
  /** Short, stable reason: counted by it in the summary. */
  reason: string;
  detail?: string | undefined;
}

export interface Catalog {
  /** Valid items, one per id (the last line with that id). */
  items: ItemFields[];
  /** Lines skipped, with why. */
  skipped: InputProblem[];
  /** Earlier lines replaced by a later line with the same id. */
  duplicates: InputProblem[];
  lines: number;
}

/** Longer ids are refused: ids are stored in every shard and sent by pages. */
export const MAX_ID_LENGTH = 512;
const FIELDS = ['category', 'brand', 'description'] as const;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // A category path given as a list: ["Tools", "Measuring"] → "Tools > Measuring"
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' > ');
  return undefined;
}

/** One catalog object → an item, or the reason it cannot be one. */
export function catalogItem(value: unknown): ItemFields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const record = value as Record<string, unknown>;
  const id = (typeof record.id === 'string' || typeof record.id === 'number' ? text(record.id) : undefined)?.trim();
  if (!id) return 'missing id';
  if (id.length > MAX_ID_LENGTH) return `id longer than ${MAX_ID_LENGTH} characters`;
  const title = text(record.title);
  if (!title || !title.trim()) return 'empty or missing title';
  const item: ItemFields = { id, title };
  for (const field of FIELDS) {
    const v = text(record[field]);
    if (v !== undefined && v.trim()) item[field] = v;
  }
  return item;
}

function isCsv(path: string): boolean {
  return extname(path).toLowerCase() === '.csv';
}

/** Raw records with their line numbers: JSON objects (JSONL) or header-keyed rows (CSV). */
async function* records(path: string, label: string): AsyncGenerator<{ line: number; value?: unknown; problem?: string }> {
  const csv = isCsv(path);
  let header: string[] | undefined;
  let pending = '';
  let pendingLine = 0;
  for await (const { number, bytes } of byteLines(path, label)) {
    const line = decodeUtf8(bytes);
    if (line === undefined) {
      pending = '';
      yield { line: number, problem: 'invalid UTF-8' };
      continue;
    }
    if (!csv) {
      if (!line.trim()) continue;
      try {
        yield { line: number, value: JSON.parse(line) };
      } catch {
        yield { line: number, problem: 'malformed JSON' };
      }
      continue;
    }
    if (!pending) pendingLine = number;
    pending = pending ? `${pending}\n${line}` : line;
    if (csvRecordOpen(pending)) continue; // a quoted field goes on
    const record = pending;
    pending = '';
    if (!record.trim()) continue;
    const fields = parseCsvRecord(record);
    if (!fields) {
      yield { line: pendingLine, problem: 'malformed CSV' };
      continue;
    }
    if (!header) {
      header = fields.map((f) =>
        f
          .trim()
          .replace(/^\uFEFF/, '')
          .toLowerCase(),
      );
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: pendingLine, problem: `malformed CSV (${fields.length} fields, header has ${header.length})` };
      continue;
    }
    const row = header;
    yield { line: pendingLine, value: Object.fromEntries(fields.map((f, i) => [row[i], f])) };
  }
  if (pending) yield { line: pendingLine, problem: 'malformed CSV (unclosed quote at end of file)' };
}

export async function readCatalog(path: string, label = path): Promise<Catalog> {
  const byId = new Map<string, { item: ItemFields; line: number }>();
  const skipped: InputProblem[] = [];
  const duplicates: InputProblem[] = [];
  let lines = 0;
  for await (const record of records(path, label)) {
    lines = Math.max(lines, record.line);
    const where = `${label}:${record.line}`;
    if (record.problem) {
      skipped.push({ where, reason: record.problem });
      continue;
    }
    const item = catalogItem(record.value);
    if (typeof item === 'string') {
      skipped.push({ where, reason: item });
      continue;
    }
    const earlier = byId.get(item.id);
    if (earlier) {
      duplicates.push({
        where: `${label}:${earlier.line}`,
        reason: 'duplicate id (a later line wins)',
        detail: `id ${item.id} again at line ${record.line}`,
      });
      byId.delete(item.id); // re-insert: the item keeps the position of its last line
    }
    byId.set(item.id, { item, line: record.line });
  }
  return { items: [...byId.values()].map((v) => v.item), skipped, duplicates, lines };
}
