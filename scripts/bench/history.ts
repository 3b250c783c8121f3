// Benchmark (not a test): HistoryStore latency in real Chromium on real
// IndexedDB, the store operations one rerank pays for. Writes
// bench/results/history.json.  Run: npm run bench:history
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { freshDbName, startHistoryHarness, type Edge } from '../../test/browser/history/history-page.ts';

const RUNS = 30;
const harness = await startHistoryHarness();
try {
  const page = await harness.newPage();
  const results = await page.evaluate(
    async ({ dbName, RUNS }) => {
      const { HistoryStore } = (globalThis as unknown as { edge: Edge }).edge;
      const percentile = (xs: number[], p: number) =>
        [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
      const measure = async (label: string, op: (i: number) => Promise<unknown>) => {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          await op(i);
          times.push(performance.now() - start);
        }
        return [label, { p50: +percentile(times, 0.5).toFixed(2), p95: +percentile(times, 0.95).toFixed(2) }] as const;
      };
      let clock = Date.now();
      const openStart = performance.now();
      const store = await HistoryStore.open({ dbName, now: () => clock });
      const openMs = performance.now() - openStart;
      // A full history (500 events, the default cap) and 200 cached 384-d vectors.
      for (let i = 0; i < 500; i++)
        await store.addEvent({ itemId: `p${i}`, type: 'view', title: `Product ${i}`, time: clock - (500 - i) * 1000 });
      const vectors = (offset: number) =>
        new Map(Array.from({ length: 200 }, (_, j) => [`v${offset + j}`, new Float32Array(384).map((_, k) => Math.sin(j + k))]));
      await store.putVectors('m', vectors(0));
      const ids = [...vectors(0).keys()];
      const rows = [
        await measure('addEvent (at the 500 cap)', (i) => store.addEvent({ itemId: `q${i}`, type: 'click', title: `Clicked ${i}` })),
        await measure('recentEvents(200) of 500', () => store.recentEvents(200)),
        await measure('getVectors 200 × 384-d, used < 1 min ago', () => store.getVectors('m', ids)),
        // Two minutes later each time: every read also rewrites the LRU time.
        await measure('getVectors 200 × 384-d, LRU rewrite', () => ((clock += 120_000), store.getVectors('m', ids))),
        await measure('putVectors 200 × 384-d', (i) => store.putVectors('m', vectors(1000 + i * 200))),
        await measure('getMeta', () => store.getMeta('weights')),
      ];
      store.close();
      return { openMs: +openMs.toFixed(2), ops: Object.fromEntries(rows) };
    },
    { dbName: freshDbName('bench'), RUNS },
  );
  const out = {
    command: 'npm run bench:history',
    browser: `Chromium ${harness.browser.version()}`,
    runs: RUNS,
    // Timings on a shared 2-core machine swing with the load: read them with it.
    machine: { cpus: cpus().length, loadAverage1m: +(loadavg()[0] ?? 0).toFixed(2) },
    date: new Date().toISOString(),
    ms: results,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/history.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out, null, 2));
} finally {
  await harness.close();
}
