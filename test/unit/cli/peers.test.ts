import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { missingPeer, NODE_PEERS, PEER_INSTALL_COMMAND } from '../../../scripts/cli/peers.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

test('the peers the CLIs name are package.json’s optional peer dependencies, at the same versions', () => {
  assert.deepEqual(NODE_PEERS, pkg.peerDependencies);
  for (const name of Object.keys(NODE_PEERS)) assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, name);
  assert.equal(
    PEER_INSTALL_COMMAND,
    `npm i ${Object.entries(NODE_PEERS)
      .map(([n, v]) => `${n}@${v}`)
      .join(' ')}`,
  );
});

test('a missing package is recognised as a missing peer only when it is one', async () => {
  const notFound = await import('edge-rerank-no-such-package' as string).catch((err: unknown) => err);
  assert.equal((notFound as { code?: string }).code, 'ERR_MODULE_NOT_FOUND');
  assert.equal(missingPeer(notFound), undefined);
  const asIfPeer = Object.assign(
    new Error(String((notFound as Error).message).replace('edge-rerank-no-such-package', 'onnxruntime-node')),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  );
  assert.equal(missingPeer(asIfPeer), 'onnxruntime-node');
  assert.equal(missingPeer(new Error("Cannot find package 'onnxruntime-node'")), undefined, 'no module-not-found code');
});
