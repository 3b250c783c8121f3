// applyNodeOrder in real Chromium, against its definition: node k of the new
// order ends up exactly where the k-th item was (the same DOM as putting a
// marker in every slot and swapping each marker for its node), across
// parents, text and other nodes between items, for generated lists; and a
// lifted item is the only node moved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';

let browser: Browser;
let page: Page;

before(async () => {
  const bundled = await build({
    stdin: {
      contents: "import { applyNodeOrder } from './src/element/node-order.ts'; globalThis.applyNodeOrder = applyNodeOrder;",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><body></body>');
  // tsx names the functions that page.evaluate sends with __name.
  await page.addScriptTag({ content: `globalThis.__name = (fn) => fn;\n${bundled.outputFiles[0]!.text}` });
});

after(async () => {
  await browser?.close();
});

/** A list as parents of children: 'i' an item that moves, 'x' an item that keeps its place, 't' text, 'h' another element. */
type Layout = string[];

const layouts = fc.array(fc.array(fc.constantFrom('i', 'i', 'i', 'x', 't', 'h'), { maxLength: 8 }), { minLength: 1, maxLength: 4 });

async function compare(layout: Layout[], order: number[]): Promise<{ same: boolean; sameNodes: boolean; html: string }> {
  return page.evaluate(
    ([layout, order]) => {
      const build = () => {
        const root = document.createElement('div');
        let n = 0;
        for (const row of layout) {
          const parent = root.appendChild(document.createElement('ul'));
          for (const kind of row) {
            if (kind === 't') parent.append(document.createTextNode(' '));
            else if (kind === 'h') parent.append(document.createElement('hr'));
            else {
              const li = parent.appendChild(document.createElement('li'));
              li.dataset.n = String(n++);
              if (kind === 'i') li.className = 'slot';
            }
          }
        }
        document.body.append(root);
        return root;
      };
      const reference = build();
      const slotsOf = (root: Element) => [...root.querySelectorAll('.slot')];
      const refSlots = slotsOf(reference);
      const markers = refSlots.map((node) => {
        const marker = document.createComment('');
        node.before(marker);
        return marker;
      });
      markers.forEach((marker, i) => marker.replaceWith(refSlots[order[i]!]!));
      const tested = build();
      const slots = slotsOf(tested);
      (globalThis as unknown as { applyNodeOrder: (s: Element[], o: Element[]) => boolean }).applyNodeOrder(
        slots,
        order.map((k) => slots[k]!),
      );
      const after = slotsOf(tested);
      const result = {
        same: tested.innerHTML === reference.innerHTML,
        sameNodes: after.length === slots.length && after.every((node) => slots.includes(node)),
        html: tested.innerHTML,
      };
      reference.remove();
      tested.remove();
      return result;
    },
    [layout, order] as const,
  );
}

test('generated lists: the same DOM as swapping a marker in every slot, with the same nodes', async () => {
  const cases = fc.sample(
    layouts.chain((layout) => {
      const slots = layout.flat().filter((k) => k === 'i').length;
      return fc.tuple(fc.constant(layout), fc.shuffledSubarray([...Array(slots).keys()], { minLength: slots, maxLength: slots }));
    }),
    { numRuns: 300, seed: 20261130 },
  );
  for (const [layout, order] of cases) {
    const result = await compare(layout, order);
    assert.ok(result.same && result.sameNodes, `${JSON.stringify(layout)} ${JSON.stringify(order)}: ${result.html}`);
  }
});

test('an item lifted from the ninth place to the third is the only node that moves', async () => {
  const moved = await page.evaluate(async () => {
    const ol = document.body.appendChild(document.createElement('ol'));
    const items = Array.from({ length: 10 }, (_, i) => ol.appendChild(Object.assign(document.createElement('li'), { id: `n${i}` })));
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe(ol, { childList: true });
    const order = [0, 1, 8, 2, 3, 4, 5, 6, 7, 9].map((i) => items[i]!);
    (globalThis as unknown as { applyNodeOrder: (s: Element[], o: Element[]) => boolean }).applyNodeOrder(items, order);
    records.push(...observer.takeRecords());
    observer.disconnect();
    const dom = [...ol.children].map((n) => n.id);
    ol.remove();
    return { dom, added: records.flatMap((r) => [...r.addedNodes].map((n) => (n as Element).id)) };
  });
  assert.deepEqual(moved.dom, ['n0', 'n1', 'n8', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n9']);
  assert.deepEqual(moved.added, ['n8']);
});
