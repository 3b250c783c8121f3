// Simulated on-device learning. The data holds one case per shopper, so there
// are no earlier sessions of the same shopper to replay. Instead, each of the
// shopper's last few history items stands for an earlier session: they
// searched that item's category, saw the shop's list for it (catalog items of
// that category, most purchased first, capped), and clicked the item they
// then bought. Each click runs learnFromClick on the weights, as the widget
// does; the case itself is then ranked with the learned weights. Only this
// shopper's own history and the shop's public catalog are used.
import { rank } from '../../src/rank/ranker.ts';
import { learnFromClick, type ClickLearningOptions } from '../../src/rank/click-learning.ts';
import type { FeatureName } from '../../src/rank/features.ts';
import type { Dataset, EvalCase } from './dataset.ts';
import type { CatalogSignals } from './catalog-signals.ts';
import { candidatesOf, EVAL_NOW, historyOf } from './replay.ts';

/** Earlier sessions simulated per shopper. */
export const SIMULATED_SESSIONS = 3;
/** Length of a simulated server list. */
const SESSION_LIST_LENGTH = 30;

interface CatalogByCategory {
  byCategory: Map<string, string[]>;
}

const prepared = new WeakMap<Dataset, CatalogByCategory>();

function catalogByCategory(dataset: Dataset): CatalogByCategory {
  let ready = prepared.get(dataset);
  if (ready) return ready;
  const popularity = new Map<string, number>();
  for (const list of dataset.purchases ?? []) for (const id of new Set(list)) popularity.set(id, (popularity.get(id) ?? 0) + 1);
  const byCategory = new Map<string, string[]>();
  for (const item of dataset.items.values()) {
    const key = item.category ?? '';
    const list = byCategory.get(key) ?? [];
    list.push(item.id);
    byCategory.set(key, list);
  }
  for (const list of byCategory.values()) {
    list.sort((a, b) => (popularity.get(b) ?? 0) - (popularity.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  }
  ready = { byCategory };
  prepared.set(dataset, ready);
  return ready;
}

/** The simulated server list of an earlier session that ended with a click on `clicked`. */
function sessionList(dataset: Dataset, clicked: string): string[] {
  const category = dataset.items.get(clicked)?.category ?? '';
  const list = (catalogByCategory(dataset).byCategory.get(category) ?? []).slice(0, SESSION_LIST_LENGTH);
  if (!list.includes(clicked)) list.splice(Math.max(0, list.length - 1), 1, clicked);
  return list;
}

/** Weights after the shopper's simulated earlier clicks. */
export function weightsAfterClicks(
  c: EvalCase,
  dataset: Dataset,
  signals: CatalogSignals,
  start: Record<FeatureName, number>,
  maxDisplacement: number,
  learning: ClickLearningOptions = {},
): Record<FeatureName, number> {
  let weights = start;
  const first = Math.max(1, c.history.length - SIMULATED_SESSIONS);
  for (let t = first; t < c.history.length; t++) {
    const clicked = c.history[t] as string;
    const session: EvalCase = { ...c, candidates: sessionList(dataset, clicked).map((id) => [id, 0]) };
    const result = rank({
      queryVector: signals.queryVectors.get(dataset.items.get(clicked)?.category ?? ''),
      candidates: candidatesOf(session, dataset, signals),
      history: historyOf(c.history.slice(0, t), dataset, signals),
      options: { strength: 1, maxDisplacement, weights, now: EVAL_NOW },
    });
    weights = learnFromClick(weights, result, clicked, { anchor: start, ...learning });
  }
  return weights;
}
