// A shop whose Content-Security-Policy allows styles from its own origin only
// (`style-src 'self'`, sent on every response, the worker's included): the
// reason badge is still styled, because its styles are a constructable
// stylesheet (Lit's `static styles`), not an inline <style> the policy refuses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  awaitRerank,
  awaitTracked,
  listenForWidgetEvents,
  productPageHtml,
  searchPageHtml,
  startShop,
  WORKER_FILE,
  type Shop,
} from './shop-harness.ts';
import { QUERY, RESULTS, VIEWED } from './test-catalog.ts';

const POLICY = "style-src 'self'";

let shop: Shop;
let page: Page;
/** Every response the browser got, with the policy it carried. */
const responses: { url: string; policy: string | undefined }[] = [];

before(async () => {
  shop = await startShop();
  await shop.context.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': POLICY } });
  });
  page = await shop.newPage();
  page.on('response', (r) => responses.push({ url: r.url(), policy: r.headers()['content-security-policy'] }));
  await listenForWidgetEvents(page);
});

after(async () => {
  await shop?.close();
});

test("under style-src 'self' the reason badge is styled and nothing is refused", async () => {
  for (const product of VIEWED) {
    await page.goto(shop.page(`/product/${product.id}`, productPageHtml(product)));
    assert.deepEqual(await awaitTracked(page), [true]);
  }
  await page.goto(shop.page('/csp-search', searchPageHtml({ query: QUERY, products: RESULTS, element: { explain: '' } })));
  const snap = await awaitRerank(page);
  assert.equal(snap.status, 'reranked');
  assert.ok(Object.keys(snap.badges).length > 0, 'history moved items up, so there are badges');

  const badge = await page.evaluate(async () => {
    const host = document.querySelector('edge-rerank-reason') as HTMLElement & { reason: string; updateComplete: Promise<boolean> };
    await host.updateComplete;
    const part = host.shadowRoot!.querySelector('[part="badge"]')!;
    const style = getComputedStyle(part);
    return {
      text: part.textContent,
      reason: host.reason,
      inlineStyles: host.shadowRoot!.querySelectorAll('style').length,
      background: style.backgroundColor,
      color: style.color,
      radius: style.borderTopLeftRadius,
      hostDisplay: getComputedStyle(host).display,
    };
  });
  assert.equal(badge.text, badge.reason);
  assert.match(badge.reason, /^Because you viewed “Kestrel /);
  assert.equal(badge.inlineStyles, 0, 'no inline <style> in the shadow root');
  assert.equal(badge.background, 'rgb(227, 244, 230)', "--edge-rerank-reason-background's default #e3f4e6 applies");
  assert.equal(badge.color, 'rgb(31, 77, 43)', '#1f4d2b');
  assert.notEqual(badge.radius, '0px', 'rounded');
  assert.equal(badge.hostDisplay, 'inline-block');

  const widgetFiles = responses.filter((r) => r.url.includes('/dist/') || r.url.includes('/models/'));
  assert.ok(
    widgetFiles.some((r) => r.url.endsWith(`/${WORKER_FILE}`)),
    'the worker script came through the policy too',
  );
  assert.deepEqual(
    responses.filter((r) => r.policy !== POLICY).map((r) => r.url),
    [],
    'every response carried the policy',
  );
  assert.deepEqual(
    shop.consoleLines.filter((l) => /Content.Security.Policy|Refused to/i.test(l) || l.startsWith('pageerror')),
    [],
  );
});
