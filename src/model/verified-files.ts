// The model folder's files, each checked against the sha256 config.json
// records for it before anything reads it: config.json itself (against the
// hash it records for itself, see config-seal.ts), tokenizer.json,
// tokenizer_config.json and the ONNX file the encoder runs. The encoder then
// hands exactly these bytes to transformers.js, so what was checked is what
// is used. A mismatch is first taken for a stale cached copy (an earlier
// version of the folder): every file is read afresh once; a mismatch then is
// a model-load error naming the file.
import { EdgeRerankError } from '../errors.ts';
import { CONFIG_FILE, configSelfHashInput } from './config-seal.ts';
import { parseJsonFile, type ModelFileReader } from './model-files.ts';
import { sha256Hex } from './sha256.ts';

export interface ModelConfig {
  vocab_size?: number;
  edge_rerank?: {
    model_id?: string;
    sha256?: Record<string, string>;
    /** A file that computes with another file's int8 weights in integer arithmetic (build:model writes one). */
    int8_arithmetic?: { file?: string; weights_of?: string };
  };
}

export interface CheckedFile {
  /** Path inside the folder, as config.json records it ("onnx/model_quantized.onnx"). */
  file: string;
  location: string;
  bytes: Uint8Array;
}

/** Which ONNX file to run, once config.json is known; `identityOf`: the file whose sha256 names the vectors, when not the one run. */
export type OnnxChoice = (config: ModelConfig) => { file: string; identityOf?: string };

export interface ModelFiles {
  config: ModelConfig;
  configLocation: string;
  onnx: CheckedFile & { sha256: string };
  /** The model's identity (indexes and cached vectors are keyed by it): the sha256 of the ONNX file run, or of the file whose weights it computes with. */
  modelSha256: string;
  /** Every file read here (config.json, the ONNX file, each recorded tokenizer file). */
  checked: CheckedFile[];
}

/** Files transformers.js reads besides config.json and the ONNX file: checked when config.json records them. */
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];

class Mismatch extends EdgeRerankError {}

export async function readModelFiles(reader: ModelFileReader, locate: (file: string) => string, choose: OnnxChoice): Promise<ModelFiles> {
  try {
    return await readAll(reader, locate, choose, false);
  } catch (err) {
    if (!(err instanceof Mismatch)) throw err;
    return readAll(reader, locate, choose, true);
  }
}

async function readAll(
  reader: ModelFileReader,
  locate: (file: string) => string,
  choose: OnnxChoice,
  afresh: boolean,
): Promise<ModelFiles> {
  const read = (location: string) => (afresh ? reader.reread(location) : reader.read(location));
  const configLocation = locate(CONFIG_FILE);
  const configBytes = await read(configLocation);
  await checkConfig(configBytes, configLocation);
  const config = parseJsonFile<ModelConfig>(configBytes, configLocation);
  const recorded = config.edge_rerank?.sha256 ?? {};
  const { file: onnxFile, identityOf } = choose(config);

  const readOne = async (file: string) => {
    const location = locate(file);
    const bytes = await read(location);
    const expected = recorded[file];
    // The ONNX file is always hashed: its sha256 is the model's identity (indexes are keyed by it).
    const actual = expected || file === onnxFile ? await sha256Hex(bytes) : '';
    if (expected && actual !== expected) {
      throw new Mismatch(
        'model-load',
        `${location}: sha256 ${actual} does not match ${expected} recorded in ${configLocation} (corrupt or partial file)`,
      );
    }
    return { file, location, bytes, sha256: actual };
  };
  const [onnx, ...tokenizerFiles] = await Promise.all([onnxFile, ...TOKENIZER_FILES.filter((f) => recorded[f])].map(readOne));
  return {
    config,
    configLocation,
    onnx: onnx!,
    // Another file's identity only as config.json (itself checked) records it.
    modelSha256: (identityOf && recorded[identityOf]) || onnx!.sha256,
    checked: [{ file: CONFIG_FILE, location: configLocation, bytes: configBytes }, onnx!, ...tokenizerFiles],
  };
}

async function checkConfig(bytes: Uint8Array, location: string): Promise<void> {
  const { recorded, input } = configSelfHashInput(new TextDecoder().decode(bytes));
  if (recorded === undefined) return; // a folder that records no hash for its config (hub models, older builds)
  const actual = await sha256Hex(new TextEncoder().encode(input));
  if (actual !== recorded) {
    throw new Mismatch(
      'model-load',
      `${location}: sha256 ${actual} does not match ${recorded}, the hash it records for itself (edited or corrupt file)`,
    );
  }
}
