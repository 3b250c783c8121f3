// Simulated on-device learning. The data holds one case per shopper, so there
// are no earlier sessions of the same shopper to replay. Instead, each of the
// shopper's last few history items stands for an earlier session: they
// searched that item's category, saw the shop's list for it (catalog items of
// that category, most purchased first, capped), and clicked the item they
// then bought. Each click runs learnFromClick, as the widget does, and the
// offsets it stores are what the case is then ranked with. Only this
// shopper's own history and the shop's public catalog are used.
import { rank } from '../../src/rank/ranker.ts';
import { learnFromClick, type ClickLearningOptions } from '../../src/rank/click-learning.ts';
import { DEFAULT_MODELS } from '../../src/rank/default-weights.ts';
import { offsetsFromWeights, type WeightOffsets } from '../../src/rank/learned-weights.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { candidatesOf, EVAL_NOW, historyOf } from './replay.ts';

/** Earlier sessions simulated per shopper. */
export const SIMULATED_SESSIONS = 3;
/** Length of a simulated server list. */
const SESSION_LIST_LENGTH = 30;

const prepared = new WeakMap<Dataset, Map<string, string[]>>();

function catalogByCategory(dataset: Dataset): Map<string, string[]> {
  let byCategory = prepared.get(dataset);
  if (byCategory) return byCategory;
  const popularity = new Map<string, number>();
  for (const list of dataset.purchases ?? []) for (const id of new Set(list)) popularity.set(id, (popularity.get(id) ?? 0) + 1);
  byCategory = new Map();
  for (const item of dataset.items.values()) {
    const key = item.category ?? '';
    byCategory.set(key, [...(byCategory.get(key) ?? []), item.id]);
  }
  for (const list of byCategory.values()) {
    list.sort((a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  }
  prepared.set(dataset, byCategory);
  return byCategory;
}

/** The simulated server list of an earlier session that ended with a click on `clicked`. */
function sessionList(dataset: Dataset, clicked: string): string[] {
  const category = dataset.items.get(clicked)?.category ?? '';
  const list = (catalogByCategory(dataset).get(category) ?? []).slice(0, SESSION_LIST_LENGTH);
  if (!list.includes(clicked)) list.splice(Math.max(0, list.length - 1), 1, clicked);
  return list;
}

/** The weight offsets the widget would have stored after the shopper's simulated earlier clicks. */
export function offsetsAfterClicks(
  c: EvalCase,
  dataset: Dataset,
  signals: CatalogSignals,
  maxDisplacement: number,
  learning: ClickLearningOptions = {},
): WeightOffsets {
  let offsets: WeightOffsets = {};
  const first = Math.max(1, c.history.length - SIMULATED_SESSIONS);
  for (let t = first; t < c.history.length; t++) {
    const clicked = c.history[t] as string;
    const session: EvalCase = { ...c, candidates: sessionList(dataset, clicked).map((id) => [id, 0]) };
    const result = rank({
      candidates: candidatesOf(session, dataset, signals),
      history: historyOf(c.history.slice(0, t), dataset, signals),
      terms: signals.terms,
      options: { strength: 1, maxDisplacement, weightOffsets: offsets, now: EVAL_NOW },
    });
    const defaults = DEFAULT_MODELS[result.situation].weights;
    offsets = offsetsFromWeights(learnFromClick(result.weights, result, clicked, { anchor: defaults, ...learning }), defaults);
  }
  return offsets;
}
