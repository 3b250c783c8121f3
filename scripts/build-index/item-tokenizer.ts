// The tokenizer of the model folder, loaded with transformers.js exactly as
// the browser loads it, and the one way the builder turns a text into ids.
import { basename, dirname, resolve } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { EdgeRerankError, messageOf } from '../../src/errors.ts';
import { maxTokensOf } from '../../src/model/max-tokens.ts';

export async function loadTokenizer(modelDir: string): Promise<PreTrainedTokenizer> {
  const dir = resolve(modelDir);
  env.allowRemoteModels = false; // local files only: a batch box may have no network at all
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(dir)}/`;
  try {
    return await AutoTokenizer.from_pretrained(basename(dir));
  } catch (err) {
    throw new EdgeRerankError('model-load', `tokenizer in ${dir} could not be loaded: ${messageOf(err)}`, { cause: err });
  }
}

/** Token ids of one text, with special tokens, truncated as the browser
 *  encoder truncates (maxTokensOf). */
export function tokenIds(tokenizer: PreTrainedTokenizer, text: string): BigInt64Array {
  const encoded = tokenizer(text, { truncation: true, max_length: maxTokensOf(tokenizer), add_special_tokens: true }) as {
    input_ids: { data: ArrayLike<bigint | number> };
  };
  const data = encoded.input_ids.data;
  return data instanceof BigInt64Array ? data : BigInt64Array.from(Array.from(data, (v) => BigInt(v)));
}

/** Many rows packed into one transferable buffer (for worker messages). */
export interface PackedRows {
  lengths: Uint32Array;
  ids: BigInt64Array;
}

export function packRows(rows: BigInt64Array[]): PackedRows {
  const lengths = Uint32Array.from(rows, (r) => r.length);
  const ids = new BigInt64Array(rows.reduce((sum, r) => sum + r.length, 0));
  let at = 0;
  for (const r of rows) {
    ids.set(r, at);
    at += r.length;
  }
  return { lengths, ids };
}

export function unpackRows(packed: PackedRows): BigInt64Array[] {
  const rows: BigInt64Array[] = [];
  let at = 0;
  for (const length of packed.lengths) {
    rows.push(packed.ids.subarray(at, at + length));
    at += length;
  }
  return rows;
}
