// Which onnxruntime-node execution provider runs the builder. `auto` takes the
// fastest one that works; an explicit device that does not work is an error,
// never a silent fallback to the CPU.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';
import type { ResolvedDevice } from './build-settings.ts';

/** onnxruntime-node ships CUDA as a separate download (its install script). */
export function cudaBinariesInstalled(): boolean {
  const pkg = dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
  return existsSync(join(pkg, 'bin', 'napi-v6', process.platform, process.arch, 'libonnxruntime_providers_cuda.so'));
}

export function sessionOptions(device: ResolvedDevice, threads?: number): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    ...(threads ? { intraOpNumThreads: threads } : {}),
    // disable_quant_qdq folds the int8 model's constant DequantizeLinear
    // nodes at load: int8 file, float32 speed (docs/PLATFORM-NOTES.md, int8 weights).
    // No spinning: idle onnxruntime threads otherwise busy-wait for work and,
    // on a machine shared with other jobs, cost more than they save (measured
    // here: 97–245 → 242–345 items/s, less CPU per item).
    extra: { session: { disable_quant_qdq: '1', intra_op: { allow_spinning: '0' } } },
  };
}

/** `model` is a file path, or the bytes of a graph rewritten in memory. */
export async function createSession(model: string | Uint8Array, device: ResolvedDevice, threads?: number): Promise<ort.InferenceSession> {
  if (device === 'cuda' && !cudaBinariesInstalled()) {
    throw new EdgeRerankError(
      'backend',
      'device cuda: onnxruntime-node has no CUDA binaries here (reinstall it with ONNXRUNTIME_NODE_INSTALL=cuda12 on a machine with CUDA 12)',
    );
  }
  try {
    const options = sessionOptions(device, threads);
    // Two overloads of create(): a path or bytes.
    return await (typeof model === 'string' ? ort.InferenceSession.create(model, options) : ort.InferenceSession.create(model, options));
  } catch (err) {
    throw new EdgeRerankError('backend', `device ${device} is not usable here: ${messageOf(err)}`, {
      cause: err,
    });
  }
}
