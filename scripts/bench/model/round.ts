// One benchmark round for one system: a fresh page and a fresh worker; the
// page times load (new Worker() → model ready) and load + first query
// (new Worker() → first vector back); the worker times each later query and
// 64-title batch itself.
import type { Page } from 'playwright-core';
import type { BenchReply, BenchRequest } from './protocol.ts';

export interface RoundSpec {
  worker: string;
  backend: 'wasm' | 'webgpu' | 'cpu';
  threads: number;
  query: string;
  titles: string[];
  queries: number;
  batches: number;
}

export interface RoundResult {
  loadMs: number;
  loadFirstQueryMs: number;
  queryMs: number[];
  batch64Ms: number[];
  info: Record<string, unknown>;
}

export async function runRound(page: Page, url: string, spec: RoundSpec): Promise<RoundResult> {
  await page.goto(url);
  return page.evaluate(async (s: RoundSpec) => {
    const t0 = performance.now();
    const worker = new Worker(s.worker, { type: 'module' });
    const call = (msg: BenchRequest) =>
      new Promise<BenchReply>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<BenchReply>) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
        worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
        worker.postMessage(msg);
      });
    try {
      const loaded = await call({ op: 'load', backend: s.backend, threads: s.threads });
      const loadMs = performance.now() - t0;
      await call({ op: 'embed', texts: [s.query] });
      const loadFirstQueryMs = performance.now() - t0;
      const queryMs: number[] = [];
      for (let i = 0; i < s.queries; i++) queryMs.push((await call({ op: 'embed', texts: [s.query] })).ms);
      const batch64Ms: number[] = [];
      for (let i = 0; i < s.batches; i++) batch64Ms.push((await call({ op: 'embed', texts: s.titles })).ms);
      return { loadMs, loadFirstQueryMs, queryMs, batch64Ms, info: loaded.info ?? {} };
    } finally {
      worker.terminate();
    }
  }, spec);
}
