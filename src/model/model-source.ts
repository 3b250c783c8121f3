// Where a model comes from: a folder on the shop's own origin (or, in Node, on
// disk) or — only when the user names one — a Hugging Face hub id. The
// default never leaves the origin: remote loading is enabled for hub ids alone.
import { EdgeRerankError } from '../errors.ts';

export type ModelSource =
  /** `path` is what transformers.js is given: an origin-relative URL path
   *  ("/models/default") in browsers, a filesystem path in Node. */
  { kind: 'folder'; path: string; label: string } | { kind: 'hub'; id: string; label: string };

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;

/**
 * `base` is the page or worker location in browsers (folder URLs are resolved
 * against it and must stay on its origin); leave it out in Node, where any
 * value that is not a hub id is a filesystem path.
 */
export function resolveModelSource(model: string, base?: string): ModelSource {
  const value = model.trim();
  if (!value) throw new EdgeRerankError('input', 'model: empty; give a folder URL such as "/models/default/" or a hub id');
  const looksLikePath = /^(\.{0,2}\/|[a-z]+:)/i.test(value) || value.endsWith('/');
  if (!looksLikePath && HUB_ID.test(value) && !value.includes('..')) return { kind: 'hub', id: value, label: value };
  if (base === undefined) {
    if (/^[a-z]+:\/\//i.test(value)) throw new EdgeRerankError('input', `model "${value}": in Node give a folder path, not a URL`);
    return { kind: 'folder', path: value.replace(/\/+$/, '') || '/', label: value };
  }
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new EdgeRerankError('input', `model "${value}": neither a folder URL nor a hub id`);
  }
  const origin = new URL(base).origin;
  if (url.origin !== origin) {
    throw new EdgeRerankError(
      'input',
      `model "${value}": folder URLs must be on this page's origin (${origin}); self-host the model files`,
    );
  }
  return { kind: 'folder', path: url.pathname.replace(/\/+$/, '') || '/', label: value };
}

/** The URL or path of one file of the model, as the encoder fetches it itself.
 *  `hubHost` is transformers.js's `env.remoteHost`, so a mirror configured
 *  there is honoured. */
export function modelFileLocation(source: ModelSource, file: string, hubHost: string): string {
  if (source.kind === 'hub') return `${hubHost}${source.id}/resolve/main/${file}`;
  return `${source.path === '/' ? '' : source.path}/${file}`;
}
