// How many tokens a text is cut to. The browser encoder and the index builder
// both ask this one function, so an item is truncated alike on both sides.

/** Upper bound on tokens per text whatever the tokenizer allows: hub
 *  tokenizers often declare no limit (or 1e30), and attention cost grows
 *  with the square of the length. */
export const MAX_TOKENS = 512;

/** The tokenizer's own model_max_length, at most MAX_TOKENS. */
export function maxTokensOf(tokenizer: unknown): number {
  const declared = Number((tokenizer as { model_max_length?: unknown } | null)?.model_max_length);
  return Number.isFinite(declared) && declared > 0 ? Math.min(declared, MAX_TOKENS) : MAX_TOKENS;
}
