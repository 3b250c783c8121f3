import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REASON_MIN_TITLE_SIMILARITY, strongestPush } from '../../../src/rank/reason-choice.ts';
import { zeroFeatures, type CandidateSignals, type FeatureName } from '../../../src/rank/features.ts';
import type { HistoryItem, RankCandidate } from '../../../src/rank/types.ts';

const candidate: RankCandidate = { id: 'pad', serverRank: 5, title: 'Mouse pad with wrist rest' };
const history: HistoryItem[] = [
  { itemId: 'wheel', title: 'Racing wheel with pedals', type: 'view', time: 1 },
  { itemId: 'flask', title: 'Soft flask', type: 'cart', time: 2, brand: 'Kestrel' },
];
const weights = { behaviour: 1, brand: 1, category: 1, lexical: 1, content: 1, repeat: 1, seen: 1 } as Record<FeatureName, number>;

function signals(perHistory: CandidateSignals['perHistory'], titleSimilarity: number): CandidateSignals {
  return { features: zeroFeatures(), topicality: 1, perHistory, titleSimilarity };
}

test('a title push is named only from REASON_MIN_TITLE_SIMILARITY up', () => {
  const weak = signals(new Map([[0, { lexical: 0.05 }]]), REASON_MIN_TITLE_SIMILARITY / 2);
  assert.equal(strongestPush(candidate, weak, history, weights), undefined, 'sharing "with" explains nothing');
  const strong = signals(new Map([[0, { lexical: 0.05 }]]), REASON_MIN_TITLE_SIMILARITY);
  assert.deepEqual(strongestPush(candidate, strong, history, weights), {
    itemId: 'pad',
    historyItemId: 'wheel',
    historyTitle: 'Racing wheel with pedals',
    historyType: 'view',
    kind: 'similar',
  });
});

test('beside a weak title push, another signal is still named', () => {
  const both = signals(
    new Map([
      [0, { lexical: 0.3 }],
      [1, { brand: 0.1 }],
    ]),
    REASON_MIN_TITLE_SIMILARITY / 2,
  );
  assert.equal(strongestPush(candidate, both, history, weights)?.kind, 'same-brand');
  assert.equal(strongestPush(candidate, both, history, weights)?.historyItemId, 'flask');
});
