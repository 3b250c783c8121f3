// Does a request carry anything from the shopper's history? Pure, so it is
// unit-tested: a request "carries" a stored event when that event's title or
// product id appears in its URL, body or headers, in plain or URL-encoded
// form. Referer is left out (it names the page the shopper is on), and so are
// the shopper's own navigations (the shop sees those with or without edge-rerank).

export interface CheckedRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface Needle {
  itemId: string;
  title: string;
}

function forms(value: string): string[] {
  const encoded = encodeURIComponent(value);
  return [value, encoded, encoded.replace(/%20/g, '+')].map((v) => v.toLowerCase());
}

/** The stored values found in the request (empty: it carries no history). */
export function historyIn(request: CheckedRequest, stored: readonly Needle[]): string[] {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() !== 'referer')
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const haystack = `${request.url}\n${request.body}\n${headers}`.toLowerCase();
  const found = new Set<string>();
  for (const { itemId, title } of stored) {
    for (const value of [itemId, title]) {
      if (value.trim().length >= 3 && forms(value.trim()).some((form) => haystack.includes(form))) found.add(value);
    }
  }
  return [...found];
}
