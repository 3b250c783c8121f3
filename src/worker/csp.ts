// A Content-Security-Policy that blocks part of the widget (the worker, the
// runtime's script or wasm, a model file) becomes one 'csp' error that says
// what the policy must allow, instead of a model or worker error that hides
// the cause. What was blocked comes from this global's securitypolicyviolation
// events (page or worker) and from errors that name the policy, as
// WebAssembly's compile error does.
import { EdgeRerankError, messageOf } from '../errors.ts';

export interface CspBlock {
  /** A URL, or a keyword such as "wasm-eval", "eval", "inline". */
  blocked: string;
  /** e.g. "script-src", "worker-src", "connect-src". */
  directive: string;
}

const seen: CspBlock[] = [];
let watching = false;

/** Starts recording this global's violations (idempotent). */
export function watchCsp(): void {
  if (watching || typeof addEventListener !== 'function') return;
  watching = true;
  addEventListener('securitypolicyviolation', (event) => {
    const { blockedURI, effectiveDirective } = event as SecurityPolicyViolationEvent;
    seen.push({ blocked: blockedURI, directive: effectiveDirective });
  });
}

/** A position in the record: `blockedSince(mark)` returns what came after it. */
export function cspMark(): number {
  return seen.length;
}

/** What the policy blocked since `mark`, plus what `err` says it blocked. */
export function blockedSince(mark: number, err?: unknown): CspBlock[] {
  const blocks = seen.slice(mark);
  const message = messageOf(err ?? '');
  if (!blocks.length && /Content.Security.Policy/i.test(message)) {
    const directive = /directive:? "([a-z-]+)/i.exec(message)?.[1] ?? 'script-src';
    blocks.push({ blocked: /WebAssembly/.test(message) ? 'wasm-eval' : 'unknown', directive });
  }
  return blocks;
}

/** The source to add to the directive, e.g. "script-src 'wasm-unsafe-eval'" or "worker-src blob:". */
export function allowance({ blocked, directive }: CspBlock): string {
  const base = directive.replace(/-(elem|attr)$/, '');
  if (blocked === 'wasm-eval') return `script-src 'wasm-unsafe-eval'`;
  if (blocked === 'eval') return `${base} 'unsafe-eval'`;
  if (blocked === 'inline') return `${base} 'unsafe-inline'`;
  if (blocked.startsWith('blob')) return `${base} blob:`;
  try {
    return `${base} ${new URL(blocked).origin}`;
  } catch {
    return `${base} (the source it names)`;
  }
}

export function cspError(what: string, blocks: CspBlock[]): EdgeRerankError {
  const allow = [...new Set(blocks.map(allowance))].join(', ');
  const urls = [...new Set(blocks.map((b) => b.blocked).filter((b) => /^[a-z]+:/.test(b) && !b.startsWith('blob')))];
  return new EdgeRerankError(
    'csp',
    `the page's Content-Security-Policy blocked ${what}${urls.length ? ` (${urls.join(', ')})` : ''}; the policy must allow ${allow}`,
  );
}
