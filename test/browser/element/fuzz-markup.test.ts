// The browser part of the fuzzing (the pure parts run in Node, in
// test/unit/element/element-input-properties.test.ts and
// test/unit/rank/rank-properties.test.ts): generated lists with hostile ids,
// titles and attribute values, swapped into one real page with history. The
// page never throws, and the items after each rerank are the same nodes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { awaitRerank, awaitTracked, listenForWidgetEvents, productPageHtml, searchPageHtml, startShop, type Shop } from './shop-harness.ts';
import { QUERY, RESULTS, VIEWED } from './test-catalog.ts';

let shop: Shop;

before(async () => {
  shop = await startShop();
});

after(async () => {
  await shop?.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Kestrel tent', '<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=1</script>', '__proto__', ' ', ''),
);
const item = fc.record(
  {
    'data-item-id': fc.oneof(text, fc.constantFrom('kes-tent', 'kes-lamp', 'a', 'a')),
    'data-title': text,
    'data-brand': fc.oneof(text, fc.constant('Kestrel')),
    'data-category': text,
    'data-pinned': fc.constantFrom('', 'false', 'yes'),
    'data-vector': fc.oneof(text, fc.constant('AAAA'), fc.base64String({ maxLength: 24 })),
    'data-score': fc.oneof(text, fc.double().map(String)),
  },
  { requiredKeys: [] },
);
const lists = fc.sample(fc.array(item, { maxLength: 14 }), { numRuns: 12, seed: 20261129 });

test('generated hostile lists: no exception, the same item nodes after every rerank, nothing runs', async () => {
  const page = await shop.newPage();
  await listenForWidgetEvents(page);
  for (const product of VIEWED) {
    await page.goto(shop.page(`/fuzz/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(
    shop.page('/fuzz/search', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '', 'max-displacement': '3' } })),
  );
  await awaitRerank(page);
  for (const [n, list] of lists.entries()) {
    const result = await page.evaluate(async (rows) => {
      const el = document.querySelector('edge-rerank') as HTMLElement & { rerankComplete: Promise<{ status: string }> };
      const ol = el.querySelector('ol')!;
      ol.replaceChildren(
        ...rows.map((attrs, i) => {
          const li = document.createElement('li');
          for (const [name, value] of Object.entries(attrs)) li.setAttribute(name, value);
          li.dataset.n = String(i);
          return li;
        }),
      );
      const nodesBefore = [...ol.children];
      const outcome = await el.rerankComplete;
      const afterNodes = [...ol.children];
      return {
        status: outcome.status,
        sameNodes: nodesBefore.length === afterNodes.length && nodesBefore.every((node) => afterNodes.includes(node)),
        badgeMarkup: [...el.querySelectorAll('edge-rerank-reason')].some((b) => b.shadowRoot?.querySelector('img, script')),
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
      };
    }, list);
    assert.ok(['reranked', 'skipped'].includes(result.status), `list ${n}: ${result.status}`);
    assert.ok(result.sameNodes, `list ${n}: the same nodes, only moved`);
    assert.equal(result.badgeMarkup, false);
    assert.equal(result.pwned, 0);
  }
  assert.deepEqual(
    shop.consoleLines.filter((l) => l.startsWith('pageerror')),
    [],
  );
});
