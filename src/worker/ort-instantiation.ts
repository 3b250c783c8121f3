// Hands ORT a wasm module that is already compiled. ORT's Emscripten loader
// accepts only bytes (`env.wasm.wasmBinary`) and instantiates them with
// `WebAssembly.instantiate(new Uint8Array(wasmBinary), imports)`: a view on
// the buffer it was given. So ORT is given a small token buffer, and
// `WebAssembly.instantiate` (wrapped once per worker) answers a view on that
// token with the compiled module. Every other call passes through untouched.

interface Answer {
  module: Promise<WebAssembly.Module | undefined>;
  /** The real bytes, for when compiling ahead failed. */
  bytes: () => Promise<ArrayBuffer>;
}

type Instantiate = (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<unknown>;

const answers = new WeakMap<ArrayBufferLike, Answer>();
let installed = false;

function tokenOf(source: unknown): ArrayBufferLike | undefined {
  if (ArrayBuffer.isView(source)) return source.buffer;
  return source instanceof ArrayBuffer ? source : undefined;
}

function install(): void {
  if (installed) return;
  installed = true;
  const original = WebAssembly.instantiate.bind(WebAssembly) as Instantiate;
  const wrapped: Instantiate = (source, imports) => {
    const token = tokenOf(source);
    const answer = token && answers.get(token);
    if (!answer) return original(source, imports);
    return (async () => {
      const module = await answer.module;
      if (!module) return original(await answer.bytes(), imports);
      // The shape instantiating bytes resolves with: ORT's threads get `module` too.
      return { module, instance: await original(module, imports) };
    })();
  };
  WebAssembly.instantiate = wrapped as typeof WebAssembly.instantiate;
}

/** A buffer for `env.wasm.wasmBinary` whose instantiation yields `module` (or, if that is undefined, `bytes()`). */
export function answerTokenWith(module: Promise<WebAssembly.Module | undefined>, bytes: () => Promise<ArrayBuffer>): ArrayBuffer {
  install();
  const token = new ArrayBuffer(8);
  answers.set(token, { module, bytes });
  return token;
}
