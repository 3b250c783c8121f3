// The demo's request log: every request this server answered, in order, so a
// page can show what it and the widget's worker really asked for. The server
// is the one place that sees both (a worker's fetches never reach the page's
// own performance entries), and it records what actually arrived: method,
// URL, headers and body, plus status and size once answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from '../../scripts/dev-server/static-server.ts';

export interface LoggedRequest {
  seq: number;
  method: string;
  url: string;
  status: number;
  /** Response body bytes; null for a stream. */
  bytes: number | null;
  /** Request body bytes. */
  sent: number;
  /** The Sec-Fetch-Dest header: document, script, worker, empty (fetch)… */
  dest: string;
  referer: string;
  /** Every request header as received, and the body, for the page's own check. */
  headers: Record<string, string>;
  body: string;
}

export const REQUEST_LOG_PATH = '/__demo/requests';

function flatHeaders(headers: RecordedRequest['headers']): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

export class RequestLog {
  readonly #done: LoggedRequest[] = [];
  readonly #listeners = new Set<(entry: LoggedRequest) => void>();

  /** Called once the response has finished; `seq` is the request's place in arrival order. */
  answered(record: RecordedRequest, seq: number): void {
    const headers = flatHeaders(record.headers);
    const entry: LoggedRequest = {
      seq,
      method: record.method,
      url: record.url,
      status: record.status ?? 0,
      bytes: record.bytes ?? null,
      sent: Buffer.byteLength(record.body),
      dest: headers['sec-fetch-dest'] ?? '',
      referer: headers['referer'] ?? '',
      headers,
      body: record.body,
    };
    this.#done.push(entry);
    for (const listener of this.#listeners) listener(entry);
  }

  /** Server-sent events: every answered request with seq ≥ ?from=, then each new one as it is answered. */
  stream(req: IncomingMessage, res: ServerResponse): void {
    const from = Number(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('from') ?? 0) || 0;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' });
    const send = (entry: LoggedRequest) => {
      if (entry.seq >= from) res.write(`data: ${JSON.stringify(entry)}\n\n`);
    };
    for (const entry of this.#done) send(entry);
    this.#listeners.add(send);
    res.on('close', () => this.#listeners.delete(send));
  }
}
