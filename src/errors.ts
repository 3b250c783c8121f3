// The one error type of edge-rerank. `code` is stable (shops and tests switch
// on it); `message` names the file, attribute or item at fault.
export type ErrorCode =
  | 'model-load' // model files missing, corrupt, or not matching their sha256
  | 'backend' // no usable execution provider (WebGPU/WASM) or it failed mid-session
  | 'storage' // IndexedDB missing, blocked or over quota, or stored rows malformed
  | 'index' // candidate index missing, corrupt or built for another model
  | 'input' // bad attributes, candidates or catalog lines
  | 'worker' // the worker crashed or could not start
  | 'csp'; // the page's Content-Security-Policy blocked a script, worker, file or WebAssembly; the message says what to allow

/** An error as plain data: what the element reports and the worker sends. */
export interface Problem {
  code: ErrorCode;
  message: string;
}

/** The text of anything thrown (an Error's message, otherwise its string form). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class EdgeRerankError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EdgeRerankError';
    this.code = code;
  }

  /** Plain data that survives structured cloning (worker → main thread, events). */
  toJSON(): Problem {
    return { code: this.code, message: this.message };
  }

  static from(code: ErrorCode, err: unknown): EdgeRerankError {
    if (err instanceof EdgeRerankError) return err;
    return new EdgeRerankError(code, messageOf(err), { cause: err });
  }

  /** `err` as a Problem, with `code` unless it already is an EdgeRerankError. */
  static problem(code: ErrorCode, err: unknown): Problem {
    return EdgeRerankError.from(code, err).toJSON();
  }
}
