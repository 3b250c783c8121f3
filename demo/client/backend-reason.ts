// Why the widget runs on the backend it reports, in words: the same facts its
// choice rests on (src/worker/backend-choice.ts), probed from this page.
interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string };
}

let probe: Promise<GpuAdapterLike | null | 'none'> | null = null;

/** Asked once per page, as the worker does. */
function probeAdapter(): Promise<GpuAdapterLike | null | 'none'> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  probe ??= gpu ? gpu.requestAdapter().catch(() => null) : Promise.resolve('none');
  return probe;
}

export async function backendReason(backend: string, device: string): Promise<string> {
  const threads = crossOriginIsolated
    ? 'Cross-origin isolated page: the runtime may use several threads.'
    : 'One thread (the page is not cross-origin isolated).';
  if (device === 'wasm') return `The page asked for WASM (device="wasm"). ${threads}`;
  const adapter = await probeAdapter();
  if (backend === 'webgpu') {
    const name = adapter && adapter !== 'none' ? [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') : '';
    return `A hardware GPU adapter${name ? ` (${name})` : ''} is available, so the model runs on WebGPU.`;
  }
  if (adapter === 'none') return `This browser has no WebGPU, so the model runs on WebAssembly. ${threads}`;
  if (adapter === null) return `WebGPU is present but offers no adapter here, so the model runs on WebAssembly. ${threads}`;
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter)
    return `WebGPU here is a software adapter (no real GPU), which is slower than WebAssembly, so WASM was chosen. ${threads}`;
  return `WebGPU failed earlier on this page or was not asked for, so WebAssembly runs the model. ${threads}`;
}
