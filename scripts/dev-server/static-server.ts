// A static file server on 127.0.0.1 for the demo, benchmarks and browser tests.
// It records every request it answers (method, path, headers, body) so tests
// can prove what the page sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Response status and body size (Content-Length), set once the response has finished. */
  status?: number;
  bytes?: number;
}

export interface StaticServer {
  /** Origin with a trailing slash, e.g. http://127.0.0.1:41234/ */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** URL path prefix → folder on disk; the longest matching prefix wins. */
  mounts: Record<string, string>;
  /** Cross-origin isolation (COOP/COEP) lets ORT use more than one thread. */
  crossOriginIsolated?: boolean;
  /** Headers sent with every response, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
  /** Extra routes answered before the mounts (e.g. a search endpoint). */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse, body: string) => void>;
  port?: number;
  /** Called for every request once its response has finished (status and bytes set). */
  onResponse?: (request: RecordedRequest) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** dist/'s worker and chunks (esbuild's [name]-[hash]) and ORT's files (name.<sha256:12>.ext). */
const CONTENT_NAMED = /-[A-Z0-9]{8}\.js$|\.[0-9a-f]{12}\.(mjs|wasm)$/;

function resolveFile(mounts: [string, string][], pathname: string): string | undefined {
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const rest = decodeURIComponent(pathname.slice(prefix.length));
    const root = resolve(dir);
    let file = normalize(join(root, rest));
    if (!file.startsWith(root)) return undefined; // no escaping the mount
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      if (statSync(file).isFile()) return file;
    } catch {
      /* try the next mount */
    }
  }
  return undefined;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const mounts = Object.entries(options.mounts).sort((a, b) => b[0].length - a[0].length);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
      requests.push(record);
      res.on('finish', () => {
        record.status = res.statusCode;
        const length = res.getHeader('content-length');
        if (length !== undefined) record.bytes = Number(length);
        options.onResponse?.(record);
      });
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (options.crossOriginIsolated) {
        res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
        res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      }
      // As the README's deploy table says: files named by their content are
      // cached for good, everything else is revalidated.
      res.setHeader('Cache-Control', CONTENT_NAMED.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
      for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
      const route = options.routes?.[pathname];
      if (route) return route(req, res, body);
      const file = resolveFile(mounts, pathname);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
      createReadStream(file).pipe(res);
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
