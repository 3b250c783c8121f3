// The one text template that turns a product into encoder input. The batch
// index builder and the widget's on-device fallback both call it, so an index
// vector and a browser vector of the same item embed the same string.

export interface ItemFields {
  id: string;
  title: string;
  category?: string | undefined;
  brand?: string | undefined;
  description?: string | undefined;
}

/** Bump when the template changes: index manifests record it. */
export const ITEM_TEXT_VERSION = 1;

/** Longer text is cut: the encoder sees at most 128 tokens anyway, and a
 *  100 kB title must not cost 100 kB of tokenising. */
export const ITEM_TEXT_MAX_CHARS = 600;

function clean(value: string | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

export function itemText(item: ItemFields): string {
  const parts = [item.title, item.category, item.brand, item.description].map(clean).filter(Boolean);
  const text = parts.join('. ');
  return text.length > ITEM_TEXT_MAX_CHARS ? text.slice(0, ITEM_TEXT_MAX_CHARS) : text;
}
