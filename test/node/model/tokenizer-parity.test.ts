// The built tokenizer.json, run by transformers.js, against the original USE
// tokenizer (the SentencePiece port in @tensorflow-models/universal-sentence-encoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { readUseVocab, referenceTokenizer } from '../../../scripts/build-model/tfjs-reference.ts';
import { prepareVocab } from '../../../scripts/build-model/tokenizer-json.ts';
import { productTitles } from './product-titles.ts';
import { generatedStrings, markdownLines } from './text-corpus.ts';

const ROOT = process.cwd();
const MODEL = join(ROOT, 'public/models/default');
const AMAZON_ITEMS = join(ROOT, '../shared/data/amazon-scientific/items.jsonl');

env.allowLocalModels = true;
env.allowRemoteModels = false;
const ours = await AutoTokenizer.from_pretrained(MODEL);
const vocab = readUseVocab();
const reference = referenceTokenizer(vocab);
const scores = prepareVocab(vocab).vocab.map(([, s]) => s);

const ids = (text: string) => ours.encode(text, { add_special_tokens: false });
const score = (pieces: number[]) => pieces.reduce((sum, id) => sum + scores[id]!, 0);

const HAND_PICKED = [
  // case, punctuation, digits
  'hello',
  'Hello',
  'HELLO',
  'hELLo WoRLD',
  'Hello, world!',
  'Wait... what?!',
  "don't stop",
  'e-mail',
  'co-op',
  'semi;colon',
  '3D printer',
  '1.75mm',
  '1,000,000',
  '3.14159',
  '2024-06-01',
  '12:30',
  '50%',
  '$19.99',
  '#1 best seller',
  'A4 paper 80 g/m²',
  'M6 × 30 mm',
  '−40 °C',
  '10–22 AWG',
  'ISO 9001:2015',
  'USB-C (PD 100W)',
  '[brackets] {braces} <angles>',
  'a/b\\c',
  'x_y',
  '@user',
  'path/to/file.txt',
  // spaces
  '',
  ' ',
  '  ',
  'a',
  ' a',
  'a ',
  '  leading and  double  spaces ',
  'tab\tseparated',
  'line\nbreak',
  '\u00a0non-breaking\u00a0space',
  // accents and compatibility forms
  'café',
  'naïve façade',
  'Ünïcödé ÅÄÖ',
  'São Paulo',
  'Zürich',
  'crème brûlée',
  'résumé',
  'ﬁ ligature',
  'ｆｕｌｌｗｉｄｔｈ',
  '① ② ③',
  'x²',
  'Å vs A\u030a',
  // other scripts
  '東京',
  '中文测试',
  '日本語のテキスト',
  '한국어',
  'Привет мир',
  'Ελληνικά',
  'שלום',
  'مرحبا',
  'हिन्दी',
  'ไทย',
  // emoji and symbols
  '😀',
  '😀😀',
  'I ❤ NY',
  'thumbs 👍🏽 up',
  'flag 🇩🇪',
  '★★★★☆',
  '→ ← ↑',
  '™ ® ©',
  '€ £ ¥',
  '\uFFFD',
  // the reserved symbols and the duplicated piece spelled out
  '<s>',
  '</s>',
  'extra_token_id_1',
  '”5',
  'a”5b',
  // colon-led texts (the null-score pieces)
  ':',
  ':)',
  ':(',
  ':-)',
  '://',
  ': leading colon',
  'a:b',
  'smile :)',
  'http://example.com',
  'mid : colon',
  // long
  'x'.repeat(600),
  'word '.repeat(150),
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(12),
];

test('hand-picked strings (case, punctuation, digits, accents, CJK, emoji, empty, 500+ chars): identical ids', () => {
  assert.ok(HAND_PICKED.length >= 90); // with the 250 titles below: > 200 strings compared exactly
  const wrong = HAND_PICKED.filter((s) => JSON.stringify(ids(s)) !== JSON.stringify(reference.encode(s)));
  assert.deepEqual(wrong, []);
});

test('250 product-like titles: identical ids', () => {
  const wrong = productTitles(250).filter((s) => JSON.stringify(ids(s)) !== JSON.stringify(reference.encode(s)));
  assert.deepEqual(wrong, []);
});

/** Share of identical ids; every other string must be an equal-score tie
 *  (both are best segmentations; the two Viterbi loops break ties differently). */
function parity(texts: string[]): number {
  let same = 0;
  for (const text of texts) {
    const a = ids(text);
    const b = reference.encode(text);
    if (JSON.stringify(a) === JSON.stringify(b)) same++;
    else assert.ok(Math.abs(score(a) - score(b)) < 1e-9, `not a tie: ${JSON.stringify(text)} → ${a} vs reference ${b}`);
  }
  return same / texts.length;
}

test('2,000 generated mixed-script strings: ≥ 99% identical, the rest ties', () => {
  const rate = parity(generatedStrings(2000));
  assert.ok(rate >= 0.99, `identical on ${(rate * 100).toFixed(2)}%`);
});

test(
  'real product text (amazon-scientific catalog lines): ≥ 99% identical, the rest ties',
  { skip: !existsSync(AMAZON_ITEMS) && 'needs ../shared/data' },
  () => {
    const lines = readFileSync(AMAZON_ITEMS, 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const item = JSON.parse(l) as { title?: string; category?: string; brand?: string };
        return [item.title, item.category, item.brand].filter(Boolean).join('. ');
      });
    assert.ok(lines.length > 4000);
    const rate = parity(lines);
    assert.ok(rate >= 0.99, `identical on ${(rate * 100).toFixed(2)}%`);
  },
);

test('5,000 Markdown lines (code, tables, URLs): ≥ 98% identical, the rest ties', () => {
  const lines = markdownLines(ROOT, 5000);
  assert.ok(lines.length >= 3000, `only ${lines.length} lines found`);
  // Tables of dashes are full of equal-score splits: the tie rate is highest here.
  const rate = parity(lines);
  assert.ok(rate >= 0.98, `identical on ${(rate * 100).toFixed(2)}%`);
});
