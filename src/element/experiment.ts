// experiment="10": a stable 10 % of this browser's shoppers see the server
// order (the control group), so a shop's own analytics can compare
// conversion between the arms. The draw is a random number stored in this
// browser only (localStorage); nothing about it is ever sent, and forget()
// removes it. Without an experiment nothing is drawn or stored.
import type { Variant } from './events.ts';

export const EXPERIMENT_KEY = 'edge-rerank-experiment';

/** A page that cannot store (storage disabled, sandboxed frame) keeps its draw for this page only. */
let pageDraw: number | undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // reading localStorage itself can throw (blocked storage)
  }
}

function freshDraw(): number {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return ((value as number) / 2 ** 32) * 100;
}

/** This browser's place in [0, 100), drawn once and kept. */
export function experimentDraw(): number {
  const store = storage();
  try {
    const stored = Number(store?.getItem(EXPERIMENT_KEY) ?? Number.NaN);
    if (Number.isFinite(stored) && stored >= 0 && stored < 100) return stored;
  } catch {
    /* unreadable: draw again below */
  }
  pageDraw ??= freshDraw();
  try {
    store?.setItem(EXPERIMENT_KEY, String(pageDraw));
  } catch {
    /* full or blocked: this page keeps its draw */
  }
  return pageDraw;
}

/** `control` for the first `percent` % of draws; no experiment → personalized, and nothing drawn. */
export function experimentVariant(percent: number): Variant {
  if (!(percent > 0)) return 'personalized';
  return experimentDraw() < percent ? 'control' : 'personalized';
}

/** The stored draw, if any (for exportHistory). */
export function storedExperimentDraw(): number | undefined {
  try {
    const stored = storage()?.getItem(EXPERIMENT_KEY);
    return stored === null || stored === undefined ? undefined : Number(stored);
  } catch {
    return undefined;
  }
}

/** forget(): the next experiment draws anew. */
export function forgetExperiment(): void {
  pageDraw = undefined;
  try {
    storage()?.removeItem(EXPERIMENT_KEY);
  } catch {
    /* nothing stored that could be removed */
  }
}
