// The tokenizer.json the build writes, run by transformers.js's own tokenizer
// on a hand-made vocabulary small enough to check ids by eye.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreTrainedTokenizer } from '@huggingface/transformers';
import { prepareVocab, RESERVED_SCORE, tokenizerConfigJson, tokenizerJson } from '../../../scripts/build-model/tokenizer-json.ts';
import type { VocabEntry } from '../../../scripts/build-model/tfjs-reference.ts';

// ids 0–5 reserved exactly as in USE-lite's vocab.json
const VOCAB: VocabEntry[] = [
  ['\uFFFD', 0],
  ['<s>', 0],
  ['</s>', 0],
  ['extra_token_id_1', 0],
  ['extra_token_id_2', 0],
  ['extra_token_id_3', 0],
  ['▁', -2], // 6
  ['a', -3], // 7
  ['b', -3], // 8
  ['▁ab', -1], // 9
  [':', null], // 10: a null score, as 7 pieces of the real vocab have
  ['ab', -9], // 11: first copy of a duplicated piece
  ['ab', -2.5], // 12: last copy, the one the reference tokenizer keeps
  ['<', -5], // 13
  ['s', -5], // 14
  ['>', -5], // 15
];

function tokenizer(): PreTrainedTokenizer {
  return new PreTrainedTokenizer(tokenizerJson(VOCAB), tokenizerConfigJson(128));
}

function ids(text: string): number[] {
  return tokenizer().encode(text, { add_special_tokens: false });
}

test('prepareVocab: null scores become 0, earlier duplicates are renamed away, reserved pieces sink', () => {
  const p = prepareVocab(VOCAB);
  assert.deepEqual(p.nullScores, [10]);
  assert.deepEqual(p.renamedDuplicates, [11]);
  assert.deepEqual(p.vocab[10], [':', 0]);
  assert.deepEqual(p.vocab[12], ['ab', -2.5]);
  assert.notEqual(p.vocab[11]![0], 'ab');
  assert.equal(p.vocab[1]![1], RESERVED_SCORE);
  assert.equal(p.vocab.length, VOCAB.length, 'ids keep their positions');
});

test('a word gets "▁" prepended and takes the best-scoring split', () => {
  // "▁ab" (−1) beats "▁"+"ab" (−4.5) and "▁"+"a"+"b" (−8)
  assert.deepEqual(ids('ab'), [9]);
  // spaces become "▁": "▁ab" + "▁ab"
  assert.deepEqual(ids('ab ab'), [9, 9]);
  // inside a word "ab" resolves to the kept duplicate, id 12, not 11
  assert.deepEqual(ids('aab'), [6, 7, 12]);
});

test('an empty text has no tokens (no lone "▁")', () => {
  assert.deepEqual(ids(''), []);
});

test('NFKC folds compatibility characters before matching', () => {
  // U+FF41 FULLWIDTH "ａ" and U+FF42 "ｂ" fold to "ab"
  assert.deepEqual(ids('\uFF41\uFF42'), [9]);
});

test('unknown characters become id 0, a run of them one id 0', () => {
  assert.deepEqual(ids('a😀😀b'), [6, 7, 0, 8]);
});

test('text spelling a reserved symbol is cut into ordinary pieces', () => {
  assert.deepEqual(ids('<s>'), [6, 13, 14, 15]);
});

test('a null-score piece scores 0, as the reference adds null as 0', () => {
  // ":" at 0 beats any alternative; "▁" then ":" is the only split.
  assert.deepEqual(ids(':'), [6, 10]);
});

test('tokenizer_config pads with a real id and caps length at the model maximum', () => {
  const t = tokenizer();
  const enc = t(['ab', 'ab ab ab'], { padding: true, truncation: true }) as unknown as {
    input_ids: { tolist(): bigint[][] };
    attention_mask: { tolist(): bigint[][] };
  };
  assert.deepEqual(enc.input_ids.tolist(), [
    [9n, 2n, 2n],
    [9n, 9n, 9n],
  ]);
  assert.deepEqual(enc.attention_mask.tolist(), [
    [1n, 0n, 0n],
    [1n, 1n, 1n],
  ]);
  // 300 words, the trailing space a lone "▁": 301 pieces before the cut
  const long = t.encode('ab '.repeat(300), { add_special_tokens: false });
  assert.equal(long.length, 301);
  const cut = t(['ab '.repeat(300)], { truncation: true }) as unknown as { input_ids: { dims: number[] } };
  assert.deepEqual(cut.input_ids.dims, [1, 128]);
});

test('only the start of the text gets "▁", not the start of each line', () => {
  // "▁" + "a", "\n" unknown, then "ab" inside the same word (no "▁ab")
  assert.deepEqual(ids('a\nab'), [6, 7, 0, 12]);
  // a text starting with ":" keeps "▁" apart even after a newline elsewhere
  assert.deepEqual(ids('b\n:'), [6, 8, 0, 10]);
});
