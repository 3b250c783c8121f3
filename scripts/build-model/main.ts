// npm run build:model — writes public/models/default/ (the embedded default
// encoder) from the USE-lite TF.js package. Idempotent: a stamp of the inputs'
// hashes and the builder's own sources makes an up-to-date run take well under
// a second. Every fresh build checks itself against the TF.js reference.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUseLiteOnnx } from './onnx-graph.ts';
import { configJson, readme, sealedConfigText } from './model-card.ts';
import { configSelfHashInput } from '../../src/model/config-seal.ts';
import { loadTfjsReference, readUseVocab, USE_LITE_PACKAGE_DIR } from './tfjs-reference.ts';
import { readTfjsWeights } from './tfjs-weights.ts';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer-json.ts';
import { useLiteFromTfjs } from './use-lite-weights.ts';
import { checkAgainstReference } from './verify.ts';

export const BUILDER_VERSION = '1';
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const OUT = process.env.EDGE_RERANK_MODEL_OUT ?? join(ROOT, 'public/models/default');
const STAMP = '.build-stamp.json';
const OUTPUTS = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
  'onnx/model_int8.onnx',
  'LICENSE',
  'README.md',
];

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function inputsHash(): string {
  const h = createHash('sha256').update(BUILDER_VERSION);
  const pkg = USE_LITE_PACKAGE_DIR;
  const files = [
    ...readdirSync(pkg)
      .filter((f) => f === 'model.json' || f === 'vocab.json' || f.startsWith('group'))
      .sort()
      .map((f) => join(pkg, f)),
    join(pkg, '..', 'LICENSE'),
    ...readdirSync(HERE)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(HERE, f)),
    // The weight quantisation the build uses lives with the other vector code.
    join(ROOT, 'src/vector/int8.ts'),
  ];
  for (const f of files) h.update(f.slice(f.lastIndexOf('/'))).update(readFileSync(f));
  return h.digest('hex');
}

function upToDate(hash: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(OUT, STAMP), 'utf8')) as { inputs?: string };
    return stamp.inputs === hash && OUTPUTS.every((f) => existsSync(join(OUT, f)));
  } catch {
    return false;
  }
}

async function build(hash: string): Promise<void> {
  const t0 = performance.now();
  const weights = useLiteFromTfjs(readTfjsWeights(USE_LITE_PACKAGE_DIR));
  const vocab = readUseVocab();
  if (vocab.length > weights.vocabSize)
    throw new Error(`vocab.json has ${vocab.length} pieces, the embedding table ${weights.vocabSize} rows`);
  const fp32 = buildUseLiteOnnx(weights, { quantized: false, producerVersion: BUILDER_VERSION });
  const int8 = buildUseLiteOnnx(weights, { quantized: true, producerVersion: BUILDER_VERSION });
  // The same int8 weights in integer arithmetic: what the browser runs on WASM (int8-matmul.ts).
  const int8Arithmetic = buildUseLiteOnnx(weights, { quantized: true, arithmetic: 'int8', producerVersion: BUILDER_VERSION });

  const reference = await loadTfjsReference();
  try {
    const checks = [
      await checkAgainstReference(fp32, 'onnx/model.onnx', reference, 0.9999),
      await checkAgainstReference(int8, 'onnx/model_quantized.onnx', reference, 0.99),
      await checkAgainstReference(int8Arithmetic, 'onnx/model_int8.onnx', reference, 0.99),
    ];
    for (const c of checks) console.log(`[build:model] ${c.file}: min cosine to TF.js reference ${c.minCosine.toFixed(6)}`);
  } finally {
    reference.dispose();
  }

  const files: Record<string, Uint8Array | string> = {
    'tokenizer.json': JSON.stringify(tokenizerJson(vocab)),
    'tokenizer_config.json': JSON.stringify(tokenizerConfigJson(weights.maxLength), null, 2),
    'onnx/model.onnx': fp32,
    'onnx/model_quantized.onnx': int8,
    'onnx/model_int8.onnx': int8Arithmetic,
  };
  const hashes = Object.fromEntries(Object.entries(files).map(([f, b]) => [f, sha256(b)]));
  const facts = {
    vocabSize: weights.vocabSize,
    dim: weights.outputDim,
    maxLength: weights.maxLength,
    builderVersion: BUILDER_VERSION,
    sha256: hashes,
  };
  files['config.json'] = sealedConfigText(configJson(facts), sha256, 2);
  hashes['config.json'] = configSelfHashInput(files['config.json']).recorded!;
  files['README.md'] = readme(facts);

  // Write beside the target and swap in one rename: readers never see half a model.
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'onnx'), { recursive: true });
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(tmp, f), bytes);
  copyFileSync(join(USE_LITE_PACKAGE_DIR, '..', 'LICENSE'), join(tmp, 'LICENSE'));
  writeFileSync(join(tmp, STAMP), JSON.stringify({ inputs: hash, builder: BUILDER_VERSION }));
  const old = `${OUT}.old-${process.pid}`;
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(
    `[build:model] wrote ${OUT} (fp32 ${mb(fp32.length)} MB, int8 ${mb(int8.length)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

const hash = inputsHash();
if (upToDate(hash)) {
  console.log(`[build:model] ${OUT} is up to date`);
} else {
  await build(hash);
}
