// Browsers refuse a worker script from another origin (dist/ on a CDN). So the
// page starts a same-origin blob: module worker that imports the CDN script;
// everything inside still resolves from the CDN URL (the CDN sends CORS
// headers, as CDNs do). One blob and nothing else: a Content-Security-Policy
// then needs `worker-src blob:` and the CDN in script-src and connect-src,
// never blob: for scripts (see README, "Content-Security-Policy").
//
// A blob worker's base URL is a blob: URL, against which "/models/…" cannot be
// fetched, so before the import the worker is made to resolve like the page
// it serves (its location, and origin-relative fetches against the page).
// The import is dynamic (the shim must run first), so messages that arrive
// before the real worker listens are held and handed to it once it does.

export function crossOriginWorkerSource(workerUrl: string, pageUrl: string): string {
  const page = JSON.stringify(pageUrl);
  return `const held = [];
const hold = (event) => held.push(event);
self.addEventListener('message', hold);
Object.defineProperty(globalThis, 'location', { value: new URL(${page}), configurable: true });
const fetchFromBlob = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input, init) => fetchFromBlob(typeof input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(input) ? new URL(input, ${page}).href : input, init);
await import(${JSON.stringify(workerUrl)});
self.removeEventListener('message', hold);
for (const event of held) self.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
`;
}

/** A blob: URL of that module, for `new Worker(url, { type: 'module' })`. */
export function crossOriginWorkerUrl(workerUrl: string, pageUrl: string): string {
  return URL.createObjectURL(new Blob([crossOriginWorkerSource(workerUrl, pageUrl)], { type: 'text/javascript' }));
}
