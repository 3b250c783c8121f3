// Accessibility of the demo shop: axe-core finds no serious or critical
// violation on the home, search (personalized, with marks and reasons),
// product and privacy views, at desktop and phone sizes; the reorder is
// announced politely; its animation respects prefers-reduced-motion.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchChromium } from '../../support/chromium.ts';
import type { DemoShop } from '../../../demo/shop-server.ts';
import { openContext, searchView, shopAs, startTestShop } from './demo-fixture.ts';

let shop: DemoShop;
let browser: Browser;

before(async () => {
  shop = await startTestShop();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await shop?.close();
});

async function seriousViolations(page: Page, view: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  assert.ok(
    results.passes.some((rule) => rule.id === 'color-contrast'),
    `${view}: axe checked colour contrast`,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${view}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const [size, viewport] of [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`axe: no serious or critical violation on home, search, product and privacy (${size})`, async () => {
    const { page, context } = await openContext(browser, { viewport });
    const found: string[] = [];
    await page.goto(shop.url);
    found.push(...(await seriousViolations(page, 'home')));
    await shopAs(page, shop, 'home-barista');
    const { detail } = await searchView(page);
    assert.ok(Object.keys(detail.reasons).length > 0, 'the search view is checked with marks and reasons on it');
    found.push(...(await seriousViolations(page, 'search')));
    if (size === 'phone') {
      await page.click('.view-switch [data-view="server"]');
      found.push(...(await seriousViolations(page, 'search, server order')));
    }
    await page.goto(new URL(`/product?id=${detail.order[0]}`, shop.url).href);
    found.push(...(await seriousViolations(page, 'product')));
    await page.goto(new URL('/privacy', shop.url).href);
    await page.waitForSelector('[data-panel="privacy"][data-events]');
    found.push(...(await seriousViolations(page, 'privacy')));
    assert.deepEqual(found, []);
    await context.close();
  });
}

test('on a phone the two orders are a toggle, and the personalized one shows first', async () => {
  const { page, context } = await openContext(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(new URL('/search?q=kettle', shop.url).href);
  assert.equal(await page.isVisible('edge-rerank'), true);
  assert.equal(await page.isVisible('.server-order'), false);
  await page.click('.view-switch [data-view="server"]');
  assert.equal(await page.isVisible('.server-order'), true);
  assert.equal(await page.isVisible('edge-rerank'), false);
  assert.equal(await page.getAttribute('.view-switch [data-view="server"]', 'aria-pressed'), 'true');
  await context.close();
});

/** Counts Element.animate calls on the result lists (the reorder's FLIP animation). */
async function reorderAnimations(
  reducedMotion: 'reduce' | 'no-preference',
): Promise<{ animations: number; status: string; role: string | null }> {
  const { page, context } = await openContext(browser, { reducedMotion });
  await context.addInitScript(() => {
    const animate = Element.prototype.animate;
    (globalThis as { reorderAnimations?: number }).reorderAnimations = 0;
    Element.prototype.animate = function (...args: Parameters<Element['animate']>) {
      if (this.matches('[data-item-id]')) (globalThis as { reorderAnimations?: number }).reorderAnimations! += 1;
      return animate.apply(this, args);
    };
  });
  await shopAs(page, shop, 'new-parent');
  const view = await searchView(page);
  assert.ok(Object.keys(view.detail.reasons).length > 0);
  const result = await page.evaluate(() => ({
    animations: (globalThis as { reorderAnimations?: number }).reorderAnimations ?? -1,
    status: document.getElementById('rerank-status')!.textContent ?? '',
    role: document.getElementById('rerank-status')!.getAttribute('role'),
  }));
  await context.close();
  return result;
}

test('the reorder is animated, except for shoppers who prefer reduced motion, and announced politely', async () => {
  const moving = await reorderAnimations('no-preference');
  assert.ok(moving.animations > 0, 'items glide to their new place');
  const still = await reorderAnimations('reduce');
  assert.equal(still.animations, 0, 'no animation with prefers-reduced-motion: reduce');
  // role=status is a polite live region: the count is read out once the list has moved.
  assert.equal(still.role, 'status');
  assert.match(still.status, /moved up because of your history/);
});
