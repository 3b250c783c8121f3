// Writes src/rank/default-weights.ts: committed source, a few numbers, with
// where they came from.
import { writeFileSync } from 'node:fs';
import { FEATURE_NAMES, type FeatureName } from '../../src/rank/features.ts';

export interface WeightsProvenance {
  data: string;
  casesSha256: string;
  note: string;
}

const round = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(4)));

export function weightsSource(weights: Record<FeatureName, number>, maxDisplacement: number, provenance: WeightsProvenance): string {
  const lines = FEATURE_NAMES.map((name) => `  ${name}: ${round(weights[name])},`);
  return `// Blend weights shipped as the widget's defaults. Written by
// \`npm run train:ranker\` (scripts/eval/train.ts); refit them on a shop's own data.
// Fit on: ${provenance.data} (cases.jsonl sha256 ${provenance.casesSha256.slice(0, 16)}…)
// ${provenance.note}
import type { FeatureName } from './features.ts';

export const DEFAULT_WEIGHTS: Record<FeatureName, number> = {
${lines.join('\n')}
};

/** The displacement limit the weights were chosen with. */
export const DEFAULT_MAX_DISPLACEMENT = ${maxDisplacement};
`;
}

export function writeWeightsFile(
  path: string,
  weights: Record<FeatureName, number>,
  maxDisplacement: number,
  provenance: WeightsProvenance,
): void {
  writeFileSync(path, weightsSource(weights, maxDisplacement, provenance));
}
