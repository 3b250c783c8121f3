// Which execution provider a rerank uses. `auto` takes WebGPU only on a real
// GPU adapter: on a software (fallback) adapter such as SwiftShader WASM is
// many times faster (~500 ms vs 4–9 ms a query; docs/PLATFORM-NOTES.md, Backends).
import type { Backend, Device } from './api.ts';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

export interface BackendChoice {
  backend: Backend;
  /** Set when the page asked for WebGPU and cannot have it. */
  note?: string;
}

let adapterProbe: Promise<GpuAdapterLike | null> | null = null;

function probeAdapter(): Promise<GpuAdapterLike | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return Promise.resolve(null);
  adapterProbe ??= gpu.requestAdapter().catch(() => null);
  return adapterProbe;
}

export async function chooseBackend(device: Device): Promise<BackendChoice> {
  if (device === 'wasm') return { backend: 'wasm' };
  const adapter = await probeAdapter();
  if (!adapter) {
    return device === 'webgpu'
      ? { backend: 'wasm', note: 'device="webgpu" but this browser offers no WebGPU adapter; using WASM' }
      : { backend: 'wasm' };
  }
  const isFallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  if (device === 'auto' && isFallback) return { backend: 'wasm' };
  return { backend: 'webgpu' };
}
