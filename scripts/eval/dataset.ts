// Reads an evaluation folder shaped like ../shared/data/amazon-scientific:
// items.jsonl, cases.jsonl and, when the shop has one, purchases.jsonl.
// A bad line is an `input` error naming the file and line.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';

export interface EvalItem {
  id: string;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
}

export interface EvalCase {
  id: string;
  user: string;
  query: string;
  target: string;
  /** Oldest first. */
  history: string[];
  /** [item id, label] in the server's order. */
  candidates: Array<[string, number]>;
}

export interface Dataset {
  dir: string;
  items: Map<string, EvalItem>;
  cases: EvalCase[];
  /** Per-shopper purchase lists from the shop's log; absent without purchases.jsonl. */
  purchases?: string[][] | undefined;
  /** sha256 of each input file, for caches and the results file. */
  sha256: { items: string; cases: string; purchases?: string | undefined };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function* jsonLines(path: string, text: string): Generator<{ value: Record<string, unknown>; where: string }> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new EdgeRerankError('input', `${where}: not valid JSON (${messageOf(err)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new EdgeRerankError('input', `${where}: expected a JSON object`);
    }
    yield { value: value as Record<string, unknown>, where };
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new EdgeRerankError('input', `${path} could not be read: ${messageOf(err)}`, { cause: err });
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function parseItems(path: string, text: string): Map<string, EvalItem> {
  const items = new Map<string, EvalItem>();
  for (const { value, where } of jsonLines(path, text)) {
    if (!isString(value.id) || value.id === '') throw new EdgeRerankError('input', `${where}: item needs a string "id"`);
    const optional = (key: string): string | undefined => (isString(value[key]) ? (value[key] as string) : undefined);
    items.set(value.id, { id: value.id, title: optional('title') ?? value.id, category: optional('category'), brand: optional('brand') });
  }
  return items;
}

function parseCases(path: string, text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const seen = new Set<string>();
  for (const { value, where } of jsonLines(path, text)) {
    const { id, user, query, target, history, candidates } = value;
    if (!isString(id) || !isString(user) || !isString(query) || !isString(target)) {
      throw new EdgeRerankError('input', `${where}: case needs string "id", "user", "query" and "target"`);
    }
    if (seen.has(id)) throw new EdgeRerankError('input', `${where}: duplicate case id "${id}"`);
    seen.add(id);
    if (!isStringArray(history)) throw new EdgeRerankError('input', `${where}: "history" must be an array of item ids`);
    if (!Array.isArray(candidates) || candidates.length === 0) {
      throw new EdgeRerankError('input', `${where}: "candidates" must be a non-empty array of [id, label]`);
    }
    const pairs: Array<[string, number]> = [];
    const ids = new Set<string>();
    for (const pair of candidates as unknown[]) {
      if (!Array.isArray(pair) || !isString(pair[0]) || typeof pair[1] !== 'number' || !Number.isFinite(pair[1])) {
        throw new EdgeRerankError('input', `${where}: each candidate must be [string id, numeric label]`);
      }
      if (ids.has(pair[0])) throw new EdgeRerankError('input', `${where}: candidate "${pair[0]}" listed twice`);
      ids.add(pair[0]);
      pairs.push([pair[0], pair[1]]);
    }
    cases.push({ id, user, query, target, history, candidates: pairs });
  }
  return cases;
}

function parsePurchases(path: string, text: string): string[][] {
  const lists: string[][] = [];
  for (const { value, where } of jsonLines(path, text)) {
    if (!isStringArray(value.items)) throw new EdgeRerankError('input', `${where}: purchase line needs "items": [ids]`);
    lists.push(value.items);
  }
  return lists;
}

export function readDataset(dir: string): Dataset {
  const itemsPath = join(dir, 'items.jsonl');
  const casesPath = join(dir, 'cases.jsonl');
  const purchasesPath = join(dir, 'purchases.jsonl');
  const itemsText = readText(itemsPath);
  const casesText = readText(casesPath);
  const purchasesText = existsSync(purchasesPath) ? readText(purchasesPath) : undefined;
  return {
    dir,
    items: parseItems(itemsPath, itemsText),
    cases: parseCases(casesPath, casesText),
    purchases: purchasesText === undefined ? undefined : parsePurchases(purchasesPath, purchasesText),
    sha256: {
      items: sha256(itemsText),
      cases: sha256(casesText),
      purchases: purchasesText === undefined ? undefined : sha256(purchasesText),
    },
  };
}
