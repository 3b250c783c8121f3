// What the benchmark page says to either worker, and what it hears back.
// Times are taken inside the worker (no postMessage in them), except load and
// load + first query, which the page times from `new Worker()`.
export type BenchRequest = { op: 'load'; backend: 'wasm' | 'webgpu' | 'cpu'; threads: number } | { op: 'embed'; texts: string[] };

export interface BenchReply {
  ms: number;
  error?: string;
  /** embed: floats returned (texts × dim). */
  values?: number;
  /** load: what was loaded (backend, threads, load breakdown). */
  info?: Record<string, unknown>;
}
