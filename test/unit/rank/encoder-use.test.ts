import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelUsesEncoder, rankingUsesEncoder } from '../../../src/rank/encoder-use.ts';
import { zeroFeatures } from '../../../src/rank/features.ts';
import type { RankingModel } from '../../../src/rank/default-weights.ts';
import type { Situation } from '../../../src/rank/situation.ts';

const model = (content: number, topicality: RankingModel['topicality']): RankingModel => ({
  weights: { ...zeroFeatures(), lexical: 3, content },
  maxDisplacement: 20,
  topicality,
  lexicalFloor: 0,
});

test('a model uses the encoder when it weighs content or takes topicality from content', () => {
  assert.equal(modelUsesEncoder(model(0, 'lexical')), false);
  assert.equal(modelUsesEncoder(model(0, 'category')), false);
  assert.equal(modelUsesEncoder(model(0.5, 'lexical')), true);
  assert.equal(modelUsesEncoder(model(0, 'content')), true);
});

test("the situation's model decides: neighbours → full, fields → no-log, else titles-only", () => {
  const models: Record<Situation, RankingModel> = {
    full: model(0, 'category'),
    'no-log': model(1, 'category'),
    'titles-only': model(0, 'content'),
  };
  assert.equal(rankingUsesEncoder({ behaviour: true, fields: true }, models), false);
  assert.equal(rankingUsesEncoder({ behaviour: false, fields: true }, models), true);
  assert.equal(rankingUsesEncoder({ behaviour: false, fields: false }, models), true);
  assert.equal(rankingUsesEncoder({ behaviour: true, fields: false }, models), false);
});
