// Where each item's content vector comes from, cheapest first: the page's own
// data-vector → the candidate index → this device's IndexedDB cache → the
// encoder (in batches; the new vectors then go to the cache).
// Items from the shopper's history that are not on screen never go to the
// index: which shard a page fetches would tell the server what they viewed.
// Behavioural neighbours are not read here: rank-inputs.ts has them before
// the encoder is even considered.
import { messageOf } from '../errors.ts';
import { itemText } from '../model/item-text.ts';
import type { Problem } from './api.ts';
import { decodeInlineVector } from '../vector/inline.ts';

export interface VectorItem {
  id: string;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
  description?: string | undefined;
  inline?: string | undefined;
  /** From this shopper's history, not in the server's list: device-only sources. */
  historyOnly?: boolean | undefined;
}

export interface VectorSources {
  dim: number;
  /** Index lookup of content vectors; absent without an index. */
  lookupIndex?: ((ids: string[]) => Promise<Map<string, { vector: Float32Array }>>) | undefined;
  readCache(ids: string[]): Promise<Map<string, Float32Array>>;
  writeCache(vectors: Map<string, Float32Array>): Promise<void>;
  embed(texts: string[]): Promise<Float32Array>;
}

export interface ResolvedVectors {
  vectors: Map<string, Float32Array>;
  embedded: number;
}

/** Texts per encoder call. The encoder sorts a call's texts by length and
 *  runs them 32 at a time, so larger calls pad less; this only bounds the
 *  time before new vectors reach the cache. */
export const EMBED_BATCH = 128;

export async function resolveVectors(items: VectorItem[], sources: VectorSources, problems: Problem[]): Promise<ResolvedVectors> {
  const vectors = new Map<string, Float32Array>();
  const badInline: string[] = [];
  for (const item of items) {
    if (!item.inline) continue;
    const decoded = decodeInlineVector(item.inline, sources.dim);
    if (decoded.ok) vectors.set(item.id, decoded.vector);
    else badInline.push(`${JSON.stringify(item.id)} ${decoded.reason}`);
  }
  if (badInline.length) {
    problems.push({
      code: 'input',
      message: `data-vector of ${badInline.slice(0, 3).join('; ')}${badInline.length > 3 ? ` and ${badInline.length - 3} more` : ''}: ignored`,
    });
  }

  const unknownOnScreen = items.filter((i) => !i.historyOnly && !vectors.has(i.id));
  if (sources.lookupIndex && unknownOnScreen.length) {
    // A page that gives every vector inline fetches no shard.
    try {
      const found = await sources.lookupIndex(unknownOnScreen.map((i) => i.id));
      for (const [id, entry] of found) vectors.set(id, entry.vector);
    } catch (err) {
      problems.push({
        code: 'index',
        message: `index lookup failed, embedding on the device instead: ${messageOf(err)}`,
      });
    }
  }

  let missing = items.filter((i) => !vectors.has(i.id));
  if (missing.length) {
    try {
      const cached = await sources.readCache(missing.map((i) => i.id));
      for (const [id, vector] of cached) if (vector.length === sources.dim) vectors.set(id, vector);
    } catch (err) {
      problems.push({
        code: 'storage',
        message: `the vector cache could not be read: ${messageOf(err)}`,
      });
    }
    missing = missing.filter((i) => !vectors.has(i.id));
  }

  const texts = missing.map((item) => ({ id: item.id, text: itemText(item) })).filter((t) => t.text !== '');
  const fresh = new Map<string, Float32Array>();
  for (let start = 0; start < texts.length; start += EMBED_BATCH) {
    const batch = texts.slice(start, start + EMBED_BATCH);
    const flat = await sources.embed(batch.map((t) => t.text));
    batch.forEach((t, row) => fresh.set(t.id, flat.slice(row * sources.dim, (row + 1) * sources.dim)));
  }
  for (const [id, vector] of fresh) vectors.set(id, vector);
  if (fresh.size) {
    try {
      await sources.writeCache(fresh);
    } catch (err) {
      problems.push({ code: 'storage', message: `new vectors could not be cached: ${messageOf(err)}` });
    }
  }
  return { vectors, embedded: fresh.size };
}
