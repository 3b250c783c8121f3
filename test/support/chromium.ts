// Launches Debian's Chromium through playwright-core (no browser download).
// Flags (docs/PLATFORM-NOTES.md): no background networking on a closed network,
// and WebGPU on the CPU through SwiftShader when asked for.
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

export interface LaunchOptions {
  /** Expose navigator.gpu backed by SwiftShader (slow but real WebGPU). */
  webgpu?: boolean;
  /** Host names resolved to 127.0.0.1: a page on http://<alias>:port is not a
   *  secure context (no crypto.subtle, Cache API or WebGPU), as a shop's
   *  plain-http staging site is not. */
  hostAliases?: string[];
}

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error("Chromium not found: install Debian's chromium or set CHROMIUM_PATH");
  return found;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (options.hostAliases?.length) {
    args.push(`--host-resolver-rules=${options.hostAliases.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`);
  }
  if (options.webgpu) {
    args.push('--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader');
  }
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}
