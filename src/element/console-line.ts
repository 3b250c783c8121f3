// One console line per distinct problem per page, prefixed so shops can filter:
// a model 404 must not print once per rerank.
import type { Problem } from '../worker/api.ts';

const printed = new Set<string>();

export function warnOnce(problem: Problem): void {
  const key = `${problem.code}:${problem.message}`;
  if (printed.has(key)) return;
  printed.add(key);
  console.warn(`[edge-rerank] ${problem.code}: ${problem.message}`);
}
