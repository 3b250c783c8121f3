// The data-level way in, for lists a framework renders (React, Vue, Svelte
// re-render over nodes someone else moved): plain item objects are read with
// the same rules as DOM items, and the new order comes back as data.
import type { ItemSource } from './candidates.ts';

/** One item of a framework's list, in the server's order. */
export interface RankItem {
  id: string | number;
  title?: string | undefined;
  category?: string | undefined;
  brand?: string | undefined;
  /** Text the model reads besides the title. */
  description?: string | undefined;
  /** base64 int8 or float32 vector from the same model (as data-vector). */
  vector?: string | undefined;
  /** Keeps its slot. */
  pinned?: boolean | undefined;
}

const FIELDS: Record<string, keyof RankItem> = {
  'data-item-id': 'id',
  'data-title': 'title',
  'data-category': 'category',
  'data-brand': 'brand',
  'data-description': 'description',
  'data-vector': 'vector',
};

/** An item seen as a DOM item would be: the attribute its field stands for. */
export interface ItemView<T> extends ItemSource {
  item: T;
  index: number;
}

export function itemViews<T extends RankItem>(items: readonly T[]): ItemView<T>[] {
  return items.map((item, index) => ({
    item,
    index,
    getAttribute(name: string): string | null {
      if (item === null || typeof item !== 'object') return null;
      if (name === 'data-pinned') return item.pinned === true ? '' : null;
      const field = FIELDS[name];
      const value = field === undefined ? undefined : item[field];
      return value === undefined || value === null ? null : String(value);
    },
  }));
}

/** The items in the ranked order: ranked items take the slots ranked items
 *  held, everything else (no id, a repeated id, past max-candidates) stays. */
export function reorderItems<T>(items: readonly T[], ranked: readonly ItemView<T>[], order: readonly string[]): T[] {
  const byId = new Map(ranked.map((view) => [String(view.getAttribute('data-item-id')).trim(), view]));
  const ordered = order.map((id) => byId.get(id)).filter((view): view is ItemView<T> => view !== undefined);
  if (ordered.length !== ranked.length) return [...items]; // not a permutation: keep the server order
  const out = [...items];
  const slots = ranked.map((view) => view.index);
  ordered.forEach((view, k) => (out[slots[k] as number] = view.item));
  return out;
}
