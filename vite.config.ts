// Vite is only a development server here (`npx vite`, then open /demo/ or a
// scratch page that loads /dist/edge-rerank.js after `npm run build`). The
// library build is esbuild (scripts/build-dist.ts): Vite 8 moves the worker
// into assets/ (shifting the relative URLs dist/ relies on) and copies ORT's
// unused asyncify wasm into the output (docs/PLATFORM-NOTES.md, Bundling).
import { defineConfig } from 'vite';

export default defineConfig({
  root: '.',
  // public/models/ is served at /models/, like the demo and the tests do.
  publicDir: 'public',
  server: {
    host: '127.0.0.1', // navigator.gpu needs a secure context: 127.0.0.1 is one
    headers: {
      // Cross-origin isolation lets onnxruntime-web use more than one thread.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  // transformers.js is loaded by the built worker, never pre-bundled by Vite.
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
});
