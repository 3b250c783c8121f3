// The package as a shop gets it: `npm pack` (which builds dist/ and cli/
// first), installed from the tarball into an empty project outside this
// repository, and used from there: both bins, an index built with the
// packaged default model, and a TypeScript file type-checked against the
// shipped types. Offline-safe: the install takes the package's two small
// dependencies from the npm cache, and the optional Node peers are linked
// from this repository's node_modules instead of being installed again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_PEERS, PEER_INSTALL_COMMAND } from '../../../scripts/cli/peers.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'edge-rerank-pack-'));
const shop = join(work, 'shop');
const installed = join(shop, 'node_modules', 'edge-rerank');
let files: string[] = [];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const bin = (name: string, args: string[]) => run(join(shop, 'node_modules', '.bin', name), args, shop);
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

before(() => {
  const packed = run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  assert.equal(packed.code, 0, packed.stderr);
  // The JSON comes after the build scripts' own output.
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.search(/^\[$/m))) as { filename: string; files: { path: string }[] }[];
  assert.ok(info);
  files = info.files.map((f) => f.path);
  mkdirSync(shop);
  writeFileSync(join(shop, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true, type: 'module' }));
  // --ignore-scripts: as from the registry, where a package's prepare never runs.
  const install = run(
    'npm',
    ['install', join(work, info.filename), '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    shop,
  );
  assert.equal(install.code, 0, install.stderr);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds the built widget, compiled bins, the int8 default model and the docs; no sources, maps or fp32 model', () => {
  for (const file of [
    'dist/edge-rerank.js',
    'dist/types/element/index.d.ts',
    'cli/edge-rerank-index.mjs',
    'cli/edge-rerank-eval.mjs',
    'cli/tokenize-worker.mjs',
    'bin/edge-rerank-index.js',
    'bin/edge-rerank-eval.js',
    'public/models/default/onnx/model_quantized.onnx',
    'public/models/default/onnx/model_int8.onnx',
    'public/models/default/tokenizer.json',
    'public/models/default/tokenizer_config.json',
    'public/models/default/config.json',
    'public/models/default/README.md',
    'public/models/default/LICENSE',
    'README.md',
    'LICENSE',
    'docs/ARCHITECTURE.md',
    'custom-elements.json',
  ]) {
    assert.ok(files.includes(file), `${file} is missing from the tarball`);
  }
  assert.ok(
    files.some((f) => /^dist\/ort\/.+\.wasm$/.test(f)),
    'the runtime wasm is in the tarball',
  );
  const unwanted = files.filter((f) => /\.map$|\.ts$(?<!\.d\.ts$)|^src\/|^scripts\/|^test\/|onnx\/model\.onnx$/.test(f));
  assert.deepEqual(unwanted, []);

  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
  assert.ok(pkg.repository?.url, 'package.json names its repository');
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}).sort(), ['idb', 'lit'], 'runtime dependencies: types only, nothing native');
  assert.deepEqual(pkg.peerDependencies, NODE_PEERS);
});

test('both bins run from the installed package: --help shows defaults and input formats', () => {
  const index = bin('edge-rerank-index', ['--help']);
  assert.equal(index.code, 0, index.stderr);
  const flat = (text: string) => text.replace(/\s+/g, ' '); // help text is wrapped at 100 columns
  assert.match(flat(index.stdout), / --dtype q8\|fp32 [^-]*\(default: q8\) --device /);
  assert.match(flat(index.stdout), / --model DIR [^-]*\(default: \S*node_modules\/edge-rerank\/public\/models\/default\) --dtype /);
  assert.match(flat(index.stdout), /catalog: one product per line, \{"id": "sku-1", "title"/);
  const evaluation = bin('edge-rerank-eval', ['--help']);
  assert.equal(evaluation.code, 0, evaluation.stderr);
  assert.match(flat(evaluation.stdout), / --content auto\|none .*\(default: auto\) --cache /);
  assert.match(evaluation.stdout, /cases\.jsonl +\{"id": "c1"/);
  const wrong = bin('edge-rerank-index', ['build', '--catalog']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /^edge-rerank-index: .*\nusage:/);
});

test('without the optional peers: build says once what to install; merge-free tools and eval --content none still run', () => {
  const catalog = join(work, 'catalog.jsonl');
  writeFileSync(catalog, jsonl([{ id: 'a', title: 'Trail running shoe' }]));
  const build = bin('edge-rerank-index', ['build', '--catalog', catalog, '--out', join(work, 'no-peers')]);
  assert.equal(build.code, 1);
  assert.equal(build.stderr.split(PEER_INSTALL_COMMAND).length, 2, build.stderr);
  assert.match(build.stderr, /^edge-rerank-index: build needs onnxruntime-node, an optional peer dependency that is not installed/);
  assert.ok(!existsSync(join(work, 'no-peers')), 'nothing written');

  const data = join(work, 'eval-data');
  mkdirSync(data);
  writeFileSync(join(data, 'items.jsonl'), jsonl(['a', 'b', 'h'].map((id) => ({ id, title: `Item ${id}`, brand: `B${id}` }))));
  const cases = [
    {
      id: 'c',
      user: 'u',
      query: 'q',
      target: 'b',
      history: ['h'],
      candidates: [
        ['a', 0],
        ['b', 1],
      ],
    },
  ];
  writeFileSync(join(data, 'cases.jsonl'), jsonl(cases));
  const evaluation = bin('edge-rerank-eval', ['--data', data, '--out', join(work, 'eval-out'), '--content', 'none', '--quiet']);
  assert.equal(evaluation.code, 0, evaluation.stderr);
  assert.ok(existsSync(join(work, 'eval-out', 'summary.json')));
});

test('with the peers: an index built with the packaged default model, read back by inspect, and the eval on that model', () => {
  for (const name of Object.keys(NODE_PEERS)) {
    mkdirSync(dirname(join(shop, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(shop, 'node_modules', name), 'dir');
  }
  const catalog = join(work, 'catalog.jsonl');
  writeFileSync(
    catalog,
    jsonl([
      { id: 'sku-1', title: 'Trail running shoe', brand: 'Salomon', category: 'Shoes/Running' },
      { id: 'sku-2', title: 'Merino hiking socks', brand: 'Smartwool' },
      { id: 'sku-3', title: 'Waterproof trail jacket' },
    ]),
  );
  const out = join(work, 'index');
  const build = bin('edge-rerank-index', ['build', '--catalog', catalog, '--out', out, '--device', 'cpu', '--tokenizer-workers', '2']);
  assert.equal(build.code, 0, build.stderr);
  assert.match(build.stdout, /^items: 3 indexed from 3 lines/m);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { count: number; model: { sha256: string } };
  const packagedModel = readFileSync(join(installed, 'public/models/default/onnx/model_quantized.onnx'));
  assert.equal(manifest.model.sha256, createHash('sha256').update(packagedModel).digest('hex'), 'built with the packaged int8 model');
  assert.equal(manifest.count, 3);

  const inspect = bin('edge-rerank-index', ['inspect', '--index', out, '--id', 'sku-2']);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /^item: sku-2$/m);
  assert.match(inspect.stdout, /^vector: 512 dimensions .*norm 1\.0000/m);

  const evaluation = bin('edge-rerank-eval', [
    '--data',
    join(work, 'eval-data'),
    '--out',
    join(work, 'eval-model-out'),
    '--cache',
    join(work, 'eval-cache'),
  ]);
  assert.equal(evaluation.code, 0, evaluation.stderr);
  // One report per condition the data allows (docs/RANKING.md); each names the model that embedded its items.
  const summary = JSON.parse(readFileSync(join(work, 'eval-model-out', 'summary.json'), 'utf8')) as {
    conditions: Record<string, { signals: { content: string } }>;
  };
  const conditions = Object.values(summary.conditions);
  assert.ok(conditions.length > 0, 'no condition was evaluated');
  for (const condition of conditions) assert.match(condition.signals.content, /sha256/, 'the packaged model supplied content vectors');
});

test('a TypeScript file using the element and its typed events type-checks against the shipped types (strict, no skipLibCheck)', () => {
  writeFileSync(
    join(shop, 'shop.ts'),
    `import 'edge-rerank';
import type { EdgeRerankElement, ErrorDetail, RerankedDetail } from 'edge-rerank';

const list = document.querySelector('edge-rerank');
if (list) {
  list.query = 'trail shoes';
  list.addEventListener('edge-rerank-reranked', (event) => {
    const detail: RerankedDetail = event.detail;
    const first: string | undefined = detail.order[0];
    console.log(first, detail.backend, detail.applied);
  });
  list.addEventListener('edge-rerank-error', (event) => {
    const code: ErrorDetail['code'] = event.detail.code;
    console.log(code);
  });
  const element: EdgeRerankElement = list;
  void element.rerankComplete.then((outcome) => outcome.status);
}
`,
  );
  const wrong = `import 'edge-rerank';
document.querySelector('edge-rerank')?.addEventListener('edge-rerank-reranked', (event) => {
  const order: number[] = event.detail.order;
  console.log(order);
});
`;
  writeFileSync(join(shop, 'wrong.ts'), wrong);
  const tsconfig = (file: string) => ({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      types: [],
    },
    files: [file],
  });
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  writeFileSync(join(shop, 'tsconfig.json'), JSON.stringify(tsconfig('shop.ts')));
  const good = run(process.execPath, [tsc, '-p', shop], shop);
  assert.equal(good.code, 0, good.stdout + good.stderr);
  // The events are really typed: a wrong use of the detail is an error, not `any`.
  writeFileSync(join(shop, 'tsconfig.json'), JSON.stringify(tsconfig('wrong.ts')));
  const bad = run(process.execPath, [tsc, '-p', shop], shop);
  assert.equal(bad.code, 2, bad.stdout);
  assert.match(bad.stdout, /wrong\.ts\(3,9\): error TS2322: Type 'string\[\]' is not assignable to type 'number\[\]'/);
});

test("the README's copy step, run in the shop, puts every file its snippet loads where the snippet loads it", () => {
  const readme = readFileSync(join(installed, 'README.md'), 'utf8');
  const embed = readme.slice(readme.indexOf('## Embed it'));
  const copy = /```sh\n([\s\S]*?)```/.exec(embed)?.[1];
  assert.ok(copy, 'the README has a copy step');
  const copied = run('bash', ['-e', '-c', copy], shop);
  assert.equal(copied.code, 0, copied.stderr);
  assert.match(embed, /<script type="module" src="\/edge-rerank\/edge-rerank\.js"><\/script>/);
  assert.match(embed, /<edge-rerank [^>]*model="\/models\/default\/"/);

  const web = join(shop, 'public');
  const main = readFileSync(join(web, 'edge-rerank/edge-rerank.js'), 'utf8');
  const worker = /edge-rerank\.worker-\w+\.js/.exec(main)?.[0];
  assert.ok(worker && existsSync(join(web, 'edge-rerank', worker)), `the worker edge-rerank.js names (${worker}) was copied`);
  // The worker and its chunks name the runtime files and the other chunks.
  const chunkDir = join(web, 'edge-rerank/chunks');
  const code = [worker, ...readdirSync(chunkDir).map((f) => `chunks/${f}`)]
    .map((f) => readFileSync(join(web, 'edge-rerank', f), 'utf8'))
    .join('\n');
  const runtime = [...new Set(code.match(/ort-wasm-simd-threaded(\.asyncify)?\.[0-9a-f]{12}\.(mjs|wasm)/g))];
  assert.equal(runtime.length, 4, runtime.join(', '));
  for (const file of runtime) assert.ok(existsSync(join(web, 'edge-rerank/ort', file)), `ort/${file} was copied`);
  const chunks = [...new Set(code.match(/chunks\/[\w.-]+\.js/g))];
  assert.ok(chunks.length > 0);
  for (const chunk of chunks) assert.ok(existsSync(join(web, 'edge-rerank', chunk)), `${chunk} was copied`);
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model_int8.onnx']) {
    assert.ok(existsSync(join(web, 'models/default', file)), `models/default/${file} was copied`);
  }
});
