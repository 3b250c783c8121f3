// The Node tools (index builder, evaluation) run the model with
// onnxruntime-node and transformers.js's tokenizer. They are optional peer
// dependencies: a browser-only install of edge-rerank never downloads them.
// A missing one becomes one message that names the install command.

/** Must match package.json peerDependencies (a unit test checks). */
export const NODE_PEERS: Readonly<Record<string, string>> = {
  'onnxruntime-node': '1.30.0',
  '@huggingface/transformers': '4.3.1',
  'onnx-proto': '8.0.1',
};

export const PEER_INSTALL_COMMAND = `npm i ${Object.entries(NODE_PEERS)
  .map(([name, version]) => `${name}@${version}`)
  .join(' ')}`;

export class MissingPeerError extends Error {}

/** The peer an import failed on, if that is why it failed. */
export function missingPeer(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  const message = err instanceof Error ? err.message : '';
  return Object.keys(NODE_PEERS).find((name) => message.includes(`'${name}'`) || message.includes(`"${name}"`));
}

/** Runs `load` (a dynamic import of code that needs the peers); a missing peer becomes a MissingPeerError. */
export async function withPeers<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    const peer = missingPeer(err);
    if (!peer) throw err;
    throw new MissingPeerError(
      `${what} needs ${peer}, an optional peer dependency that is not installed. Install the Node tools' dependencies with:\n` +
        `  ${PEER_INSTALL_COMMAND}\n` +
        `(on Linux x64, onnxruntime-node's install script also downloads CUDA libraries unless ONNXRUNTIME_NODE_INSTALL=skip is set; the CPU provider needs none)`,
    );
  }
}
