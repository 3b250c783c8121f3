// Reads the shop's anonymised interaction log into per-shopper item sequences
// (oldest first). Only sequences leave this file: user ids are used to group
// lines and are never written anywhere.
import { byteLines, decodeUtf8 } from './byte-lines.ts';
import type { InputProblem } from './catalog.ts';

export interface Interactions {
  /** One item sequence per shopper, time order. */
  histories: string[][];
  skipped: InputProblem[];
  events: number;
}

interface TimedItem {
  item: string;
  time: number;
  order: number;
}

const asId = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

function asTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') {
    const t = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

/** `{user, items: [...]}` lines (already in time order) or `{user, item, type, time}` events. */
export async function readInteractions(path: string, label = path): Promise<Interactions> {
  const sequences = new Map<string, string[]>();
  const events = new Map<string, TimedItem[]>();
  const skipped: InputProblem[] = [];
  let count = 0;
  for await (const { number, bytes } of byteLines(path, label)) {
    const where = `${label}:${number}`;
    const line = decodeUtf8(bytes);
    if (line === undefined) {
      skipped.push({ where, reason: 'invalid UTF-8' });
      continue;
    }
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.push({ where, reason: 'malformed JSON' });
      continue;
    }
    const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const user = asId(record.user);
    if (!user) {
      skipped.push({ where, reason: 'missing user' });
      continue;
    }
    if (Array.isArray(record.items)) {
      const items = record.items.map(asId).filter((id): id is string => id !== undefined);
      sequences.set(user, [...(sequences.get(user) ?? []), ...items]);
      count += items.length;
      continue;
    }
    const item = asId(record.item);
    if (!item) {
      skipped.push({ where, reason: 'neither items nor item' });
      continue;
    }
    const list = events.get(user) ?? [];
    // Events without a time keep file order (after timed ones of equal time).
    list.push({ item, time: asTime(record.time) ?? Number.POSITIVE_INFINITY, order: list.length });
    events.set(user, list);
    count++;
  }
  for (const [user, list] of events) {
    list.sort((a, b) => a.time - b.time || a.order - b.order);
    sequences.set(user, [...(sequences.get(user) ?? []), ...list.map((e) => e.item)]);
  }
  return { histories: [...sequences.values()], skipped, events: count };
}
