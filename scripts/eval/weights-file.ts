// Writes src/rank/default-weights.ts: committed source, a few numbers per
// situation, with where they came from.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FEATURE_NAMES } from '../../src/rank/features.ts';
import type { RankingModel } from '../../src/rank/default-weights.ts';
import { SITUATIONS, type Situation } from '../../src/rank/situation.ts';

export interface WeightsProvenance {
  data: string;
  casesSha256: string;
  /** How each refit situation was chosen; situations not refit keep their earlier model and note. */
  notes: Partial<Record<Situation, string>>;
}

const round = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(4)));

function modelSource(situation: Situation, model: RankingModel, note: string | undefined): string {
  const weights = FEATURE_NAMES.map((name) => `${name}: ${round(model.weights[name])}`).join(', ');
  const key = /^[A-Za-z_$][\w$]*$/.test(situation) ? situation : `'${situation}'`;
  return `  // ${note ? `chosen by 4-fold cross-validation over train + validation: ${note}` : 'not refit in the last run (no data for it): kept'}
  ${key}: {
    weights: { ${weights} },
    maxDisplacement: ${model.maxDisplacement},
    topicality: '${model.topicality}',
    lexicalFloor: ${model.lexicalFloor},
  },`;
}

export function weightsSource(models: Record<Situation, RankingModel>, provenance: WeightsProvenance): string {
  return `// Blend weights shipped as the widget's defaults, one fitted model per
// situation. Written by \`npm run train:ranker\` (scripts/eval/train.ts); refit
// them on a shop's own data.
// Fit on: ${provenance.data} (cases.jsonl sha256 ${provenance.casesSha256.slice(0, 16)}…)
import type { FeatureName } from './features.ts';
import type { Situation } from './situation.ts';
import type { TopicalitySource } from './topicality.ts';

export interface RankingModel {
  weights: Record<FeatureName, number>;
  /** The displacement limit the weights were chosen with. */
  maxDisplacement: number;
  /** Where topicality comes from ('category' falls back to 'lexical' on a page without categories). */
  topicality: TopicalitySource;
  /** Title similarities below this count as 0 (src/rank/features.ts). */
  lexicalFloor: number;
}

export const DEFAULT_MODELS: Record<Situation, RankingModel> = {
${SITUATIONS.map((s) => modelSource(s, models[s], provenance.notes[s])).join('\n')}
};

/** The widget's default max-displacement: the largest any fitted model uses
 *  (each model keeps its own limit when that is smaller). */
export const DEFAULT_MAX_DISPLACEMENT = Math.max(...Object.values(DEFAULT_MODELS).map((m) => m.maxDisplacement));
`;
}

/** The note the file at `path` has for each situation (kept for situations not refit). */
export function earlierNotes(path: string): Partial<Record<Situation, string>> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  const out: Partial<Record<Situation, string>> = {};
  for (const situation of SITUATIONS) {
    const key = situation.replace('-', '\\-');
    const note = new RegExp(`// chosen by 4-fold cross-validation over train \\+ validation: (.*)\\n\\s*'?${key}'?: \\{`).exec(text)?.[1];
    if (note) out[situation] = note;
  }
  return out;
}

export function writeWeightsFile(path: string, models: Record<Situation, RankingModel>, provenance: WeightsProvenance): void {
  const notes = { ...earlierNotes(path), ...provenance.notes };
  writeFileSync(path, weightsSource(models, { ...provenance, notes }));
}
