import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TOKENS, maxTokensOf } from '../../../src/model/max-tokens.ts';

test("a tokenizer's own limit is kept when it is below the cap", () => {
  assert.equal(maxTokensOf({ model_max_length: 128 }), 128);
  assert.equal(maxTokensOf({ model_max_length: 512 }), 512);
});

test('no limit, a huge one (hub tokenizers say 1e30) or nonsense: the cap', () => {
  assert.equal(MAX_TOKENS, 512);
  for (const tokenizer of [{}, { model_max_length: 1e30 }, { model_max_length: 0 }, { model_max_length: 'many' }, null]) {
    assert.equal(maxTokensOf(tokenizer), 512, JSON.stringify(tokenizer));
  }
});
