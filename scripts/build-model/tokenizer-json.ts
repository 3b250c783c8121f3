// Turns USE-lite's SentencePiece vocabulary (vocab.json: [piece, score] pairs)
// into a Hugging Face tokenizer.json (Unigram) that transformers.js runs.
// The reference tokenizer (a JS port of SentencePiece's EncodeAsIds) does:
//   NFKC → " " becomes "▁" → "▁" prepended (only to non-empty text) → Viterbi
// over pieces 6.. (ids 0–5 are unk and reserved symbols, never matched).
// Quirks of the shipped vocab, handled on purpose (see docs/MODEL.md):
// - 7 pieces have a null score; the reference adds null as 0, so they get 0.
// - "”5" appears 3 times; the reference's trie keeps the last (id 4464), so the
//   earlier copies are renamed to placeholders that text cannot produce.
// - a text starting with ":" keeps "▁" apart (see pre_tokenizer below).
// - reserved pieces ("<s>", "extra_token_id_1", …) get a very low score so that
//   text spelling them is cut into ordinary pieces, as the reference does.
import type { VocabEntry } from './tfjs-reference.ts';

export const RESERVED_COUNT = 6;
export const UNK_ID = 0;
/** Far below any real piece (min ≈ −14.5) yet finite so Viterbi sums stay exact. */
export const RESERVED_SCORE = -1e6;

export interface PreparedVocab {
  vocab: [string, number][];
  nullScores: number[];
  renamedDuplicates: number[];
}

export function prepareVocab(entries: VocabEntry[]): PreparedVocab {
  const lastIndex = new Map<string, number>();
  entries.forEach(([piece], i) => lastIndex.set(piece, i));
  const nullScores: number[] = [];
  const renamedDuplicates: number[] = [];
  const vocab = entries.map(([piece, score], i): [string, number] => {
    if (i === UNK_ID) return [piece, 0];
    if (i < RESERVED_COUNT) return [piece, RESERVED_SCORE];
    if (lastIndex.get(piece) !== i) {
      renamedDuplicates.push(i);
      return [`<duplicate_of_${lastIndex.get(piece)}_at_${i}>`, RESERVED_SCORE];
    }
    if (score === null) {
      nullScores.push(i);
      return [piece, 0];
    }
    return [piece, score];
  });
  return { vocab, nullScores, renamedDuplicates };
}

export function tokenizerJson(entries: VocabEntry[]): object {
  const { vocab } = prepareVocab(entries);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Replace', pattern: { String: ' ' }, content: '▁' },
        // A lookahead instead of "Prepend": Prepend would turn "" into "▁",
        // while the reference keeps an empty text empty (zero tokens). \A, not
        // ^: patterns are Oniguruma, where ^ also matches after each newline.
        { type: 'Replace', pattern: { Regex: '\\A(?=[\\s\\S])' }, content: '▁' },
      ],
    },
    // The reference never uses the zero-score pieces "▁:", "▁:)", "▁:(", "▁:-)"
    // at the start of a text (a path score of exactly 0 counts as "unset" in
    // its Viterbi), so a leading "▁" before ":" is cut off as its own word.
    pre_tokenizer: { type: 'Split', pattern: { Regex: '\\A▁(?=:)' }, behavior: 'Isolated', invert: false },
    post_processor: null,
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: '▁' }, content: ' ' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
    model: { type: 'Unigram', unk_id: UNK_ID, vocab, byte_fallback: false },
  };
}

export function tokenizerConfigJson(maxLength: number): object {
  return {
    tokenizer_class: 'PreTrainedTokenizer',
    model_max_length: maxLength,
    unk_token: '\uFFFD',
    // Padding is masked out; any id the embedding table holds will do.
    pad_token: '</s>',
    clean_up_tokenization_spaces: false,
  };
}
