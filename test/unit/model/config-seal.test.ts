import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { configSelfHashInput, sealConfigText, UNSEALED_CONFIG_HASH } from '../../../src/model/config-seal.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const unsealed = JSON.stringify(
  { vocab_size: 12, edge_rerank: { sha256: { 'config.json': UNSEALED_CONFIG_HASH, 'tokenizer.json': 'ab'.repeat(32) } } },
  null,
  2,
);

test('a sealed config records the sha256 of its own text with that value zeroed', () => {
  const sealed = sealConfigText(unsealed, sha);
  const { recorded, input } = configSelfHashInput(sealed);
  assert.equal(input, unsealed);
  assert.equal(recorded, sha(unsealed));
  assert.equal(
    (JSON.parse(sealed) as { edge_rerank: { sha256: Record<string, string> } }).edge_rerank.sha256['config.json'],
    sha(unsealed),
  );
});

test('any edit changes what the recorded hash covers; formatting of the entry does not matter', () => {
  const sealed = sealConfigText(unsealed, sha);
  const edited = configSelfHashInput(sealed.replace('"vocab_size": 12', '"vocab_size": 13'));
  assert.notEqual(sha(edited.input), edited.recorded);
  const compact = sealConfigText(JSON.stringify(JSON.parse(unsealed)), sha);
  const check = configSelfHashInput(compact);
  assert.equal(sha(check.input), check.recorded);
});

test('a config that records no hash for itself has nothing to check; sealing needs the placeholder', () => {
  assert.equal(configSelfHashInput('{"model_type":"bert"}').recorded, undefined);
  assert.throws(() => sealConfigText('{"model_type":"bert"}', sha), /64 zeros/);
});
