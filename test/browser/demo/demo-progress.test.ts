// On a first visit (nothing in the browser's caches) the live panel shows a
// real progress bar, driven by the element's edge-rerank-progress events
// ({file, loaded, total}) while the model and runtime download; a reload
// finds them cached and shows none.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium.ts';
import type { DemoShop } from '../../../demo/shop-server.ts';
import { openContext, searchView, shopAs, startTestShop } from './demo-fixture.ts';

let shop: DemoShop;
let browser: Browser;

before(async () => {
  // Without the demo index the list is in the no-log situation, whose fitted
  // model reads content vectors, so the model and runtime download (with the
  // index's co-purchase neighbours nothing but the widget would).
  shop = await startTestShop({ index: false });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await shop?.close();
});

test('a cold load shows a progress bar driven by edge-rerank-progress; a warm one does not', async () => {
  const { page, context } = await openContext(browser);
  await context.addInitScript(() => {
    const seen: Array<{ file: string; loaded: number; total: number }> = [];
    (globalThis as { progressEvents?: typeof seen }).progressEvents = seen;
    document.addEventListener('edge-rerank-progress', (event) => seen.push({ ...(event as CustomEvent).detail }));
  });
  await shopAs(page, shop, 'trail-runner');
  await page.waitForSelector('[data-live="load"]:not([hidden]) progress', { state: 'visible' });
  await searchView(page);
  const cold = await page.evaluate(() => {
    const bar = document.getElementById('model-progress') as HTMLProgressElement;
    return {
      events: (globalThis as { progressEvents?: Array<{ file: string; loaded: number; total: number }> }).progressEvents ?? [],
      value: bar.value,
      max: bar.max,
      label: document.querySelector('[data-live="load-label"]')?.textContent ?? '',
      text: document.querySelector('[data-live="load-text"]')?.textContent ?? '',
    };
  });
  assert.ok(cold.events.length > 0, 'the element reported progress');
  assert.ok(
    cold.events.some((e) => e.file.includes('/models/default/')),
    'the model download was reported',
  );
  // The bar shows the bytes the events reported, per file, summed.
  const last = new Map(cold.events.map((e) => [e.file, e]));
  const loaded = [...last.values()].reduce((sum, e) => sum + e.loaded, 0);
  assert.equal(cold.value, loaded);
  assert.ok(cold.max >= loaded && cold.max > 1, `${cold.value} of ${cold.max}`);
  assert.match(cold.text, / of .* · \d+ files? · now: /);

  await page.reload();
  await searchView(page);
  const warm = await page.evaluate(() => ({
    events: (globalThis as { progressEvents?: unknown[] }).progressEvents?.length ?? -1,
    hidden: (document.querySelector('[data-live="load"]') as HTMLElement).hidden,
  }));
  assert.deepEqual(warm, { events: 0, hidden: true }, 'the model came from the cache: nothing to download');
  await context.close();
});
