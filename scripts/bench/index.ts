// npm run bench:index — items/s of the batch index builder on a generated
// 20,000-item catalog, by batch size, on every device that works here (and on
// the CPU with --arithmetic int8 too); writes bench/results/index.json. Speed is measured here, never asserted in tests.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { listSupportedBackends } from 'onnxruntime-node';
import { buildIndex, type BuildSummary } from '../build-index/build.ts';
import type { Arithmetic, ResolvedDevice } from '../build-index/build-settings.ts';
import { cudaBinariesInstalled } from '../build-index/device.ts';
import { jsonl, syntheticCatalog } from '../build-index/synthetic-catalog.ts';
import { messageOf } from '../../src/errors.ts';

const ITEMS = Number(process.env.BENCH_INDEX_ITEMS ?? 20_000);
const BATCHES = (process.env.BENCH_INDEX_BATCHES ?? '16,64,256').split(',').map(Number);
const MODEL = process.env.BENCH_INDEX_MODEL ?? 'public/models/default';

interface Run {
  device: ResolvedDevice;
  arithmetic: Arithmetic;
  batch: number;
  itemsPerSecond: number;
  /** Process CPU time per item (all threads): less sensitive to other load than items/s. */
  cpuMsPerItem: number;
  secondsTotal: number;
  bytesWritten: number;
  /** 1-minute load average before and after this run (other jobs on the machine). */
  load: [number, number];
}

const dir = mkdtempSync(join(tmpdir(), 'bench-index-'));
const catalog = join(dir, 'catalog.jsonl');
writeFileSync(catalog, jsonl(syntheticCatalog(ITEMS, 2026)));
const runs: Run[] = [];
const unavailable: Record<string, string> = {};
const loadBefore = loadavg()[0];

async function once(device: ResolvedDevice, arithmetic: Arithmetic, batch: number): Promise<BuildSummary> {
  const out = join(dir, `${device}-${arithmetic}-${batch}`);
  try {
    return await buildIndex({ catalog, out, model: MODEL, device, arithmetic, batch });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

try {
  // int8 arithmetic runs on the CPU's integer kernels only.
  const setups: [ResolvedDevice, Arithmetic][] = [
    ['cpu', 'float32'],
    ['cpu', 'int8'],
    ['webgpu', 'float32'],
    ...(cudaBinariesInstalled() ? [['cuda', 'float32'] as [ResolvedDevice, Arithmetic]] : []),
  ];
  for (const [device, arithmetic] of setups) {
    for (const batch of BATCHES) {
      try {
        const loadBeforeRun = Number(loadavg()[0]?.toFixed(2));
        const cpuBefore = process.cpuUsage();
        const s = await once(device, arithmetic, batch);
        const cpu = process.cpuUsage(cpuBefore);
        const cpuMsPerItem = Number(((cpu.user + cpu.system) / 1000 / s.embedded).toFixed(3));
        const load: [number, number] = [loadBeforeRun, Number(loadavg()[0]?.toFixed(2))];
        runs.push({
          device,
          arithmetic,
          batch,
          itemsPerSecond: Math.round(s.itemsPerSecond),
          cpuMsPerItem,
          secondsTotal: Number(s.seconds.toFixed(2)),
          bytesWritten: s.bytesWritten,
          load,
        });
        console.log(
          `${device} ${arithmetic} batch ${batch}: ${s.itemsPerSecond.toFixed(0)} items/s (${s.seconds.toFixed(1)} s with model load)`,
        );
      } catch (err) {
        unavailable[device] = messageOf(err).split('\n')[0] ?? '';
        console.log(`${device}: not available here (${unavailable[device]})`);
        break;
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const best = (device: ResolvedDevice, arithmetic?: Arithmetic) =>
  Math.max(0, ...runs.filter((r) => r.device === device && (!arithmetic || r.arithmetic === arithmetic)).map((r) => r.itemsPerSecond));
const gpu = Math.max(best('cuda'), best('webgpu'));
const result = {
  benchmark: 'index builder items/s',
  command: 'npm run bench:index',
  date: new Date().toISOString(),
  catalog: { items: ITEMS, generator: 'scripts/build-index/synthetic-catalog.ts (seed 2026)' },
  model: MODEL,
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    onnxruntimeNodeBackends: listSupportedBackends(),
    // The machine is shared: a high load average means the numbers understate the builder.
    loadAverage1mBefore: Number(loadBefore?.toFixed(2)),
    loadAverage1mAfter: Number(loadavg()[0]?.toFixed(2)),
  },
  runs,
  unavailable,
  bestCpuItemsPerSecond: best('cpu'),
  bestCpuFloat32ItemsPerSecond: best('cpu', 'float32'),
  bestCpuInt8ItemsPerSecond: best('cpu', 'int8'),
  // What the CPU time implies for this machine's cores with nothing else running (a projection, not a measurement).
  projectedIdleCpuItemsPerSecond: Math.round(
    (cpus().length * 1000) / Math.min(...runs.filter((r) => r.device === 'cpu').map((r) => r.cpuMsPerItem)),
  ),
  bestGpuItemsPerSecond: gpu || null,
  gpuCpuRatio: gpu ? Number((gpu / best('cpu')).toFixed(2)) : null,
  gpuNote: gpu ? undefined : 'No GPU was reachable in this session: no GPU numbers are reported (none were invented).',
  aims: { cpuItemsPerSecond: 1000, h100ItemsPerSecond: 20000 },
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/index.json', `${JSON.stringify(result, null, 2)}\n`);
console.log('wrote bench/results/index.json');
