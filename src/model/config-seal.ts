// config.json records the sha256 of every model file, itself included: the
// hash it records for "config.json" is that of the file with this one value
// written as 64 zeros. The builder seals the text; the encoder checks it, so
// an edited or damaged config.json (vocab_size, hashes, model_type) is caught
// like any other model file.

export const CONFIG_FILE = 'config.json';

const SELF_ENTRY = /("config\.json"\s*:\s*")([0-9a-f]{64})(")/;
const ZEROS = '0'.repeat(64);

/** The zero placeholder the builder records before sealing. */
export const UNSEALED_CONFIG_HASH = ZEROS;

/** What config.json's own hash covers, and the hash it records (undefined when it records none). */
export function configSelfHashInput(text: string): { recorded: string | undefined; input: string } {
  const match = SELF_ENTRY.exec(text);
  if (!match) return { recorded: undefined, input: text };
  return { recorded: match[2], input: text.replace(SELF_ENTRY, `$1${ZEROS}$3`) };
}

/** Fills in the text's own hash (the text must record UNSEALED_CONFIG_HASH for "config.json"). */
export function sealConfigText(text: string, sha256Hex: (text: string) => string): string {
  const { recorded, input } = configSelfHashInput(text);
  if (recorded !== ZEROS) throw new Error('config.json must record "config.json": "<64 zeros>" before sealing');
  return input.replace(SELF_ENTRY, `$1${sha256Hex(input)}$3`);
}
