// What the demo's browser tests share: one shop per test file (its index
// built once per machine into test/.tmp/demo, reused while its inputs are
// unchanged), a fresh browser context per test (own IndexedDB and caches),
// and readers for what the page shows.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startDemoShop, type DemoShop } from '../../../demo/shop-server.ts';
import type { RerankOutcome, RerankedDetail } from '../../../src/element/index.ts';

export const GENERATED_DIR = 'test/.tmp/demo';

export async function startTestShop(options: { index?: boolean } = {}): Promise<DemoShop> {
  assert.ok(existsSync('dist/edge-rerank.js'), 'dist/ is not built: run `npm run build` first');
  return startDemoShop({ port: 0, generatedDir: GENERATED_DIR, index: options.index });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Lines the widget logged ([edge-rerank] …): a clean run has none. */
  widgetLines: string[];
}

export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext(options);
  // tsx compiles this file with keepNames: named functions inside page.evaluate call __name.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  const page = await context.newPage();
  const widgetLines: string[] = [];
  page.on('console', (msg) => {
    if (msg.text().startsWith('[edge-rerank]')) widgetLines.push(msg.text());
  });
  return { context, page, widgetLines };
}

/** Clicks a persona button and waits for the search page it opens. */
export async function shopAs(page: Page, shop: DemoShop, persona: string): Promise<void> {
  if (!page.url().startsWith(shop.url)) await page.goto(shop.url);
  await Promise.all([page.waitForURL(/\/search\?q=/), page.click(`[data-persona="${persona}"]`)]);
}

export interface SearchView {
  detail: RerankedDetail;
  server: string[];
  dom: string[];
  status: string;
  lifted: string;
  /** Per item in the personalized list: its mark ("↑3", "↓1") and reason badge. */
  marks: Array<{ id: string; mark: string | null; reason: string | null }>;
}

/** Waits for the search page's rerank (the element's rerankComplete) and reads what the shopper sees. */
export async function searchView(page: Page): Promise<SearchView> {
  const result = await page.evaluate(async () => {
    await customElements.whenDefined('edge-rerank');
    const element = document.querySelector('edge-rerank')!;
    const outcome: RerankOutcome = await element.rerankComplete;
    const status = document.getElementById('rerank-status')!;
    return {
      outcome,
      server: [...document.querySelectorAll<HTMLElement>('[data-server-id]')].map((li) => li.dataset.serverId!),
      dom: [...element.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => li.dataset.itemId!),
      status: status.textContent ?? '',
      lifted: status.dataset.lifted ?? '',
      marks: [...element.querySelectorAll<HTMLElement>('[data-item-id]')].map((li) => {
        const mark = li.querySelector<HTMLElement>('[data-move]')!;
        return {
          id: li.dataset.itemId!,
          mark: mark.hidden ? null : (mark.dataset.text ?? ''),
          reason: li.querySelector('edge-rerank-reason')?.reason ?? null,
        };
      }),
    };
  });
  assert.equal(result.outcome.status, 'reranked', JSON.stringify(result.outcome));
  const { outcome, ...view } = result;
  return { ...view, detail: (outcome as Extract<RerankOutcome, { status: 'reranked' }>).detail };
}

/** What the widget has stored, through its own static exportHistory(). */
export async function storedEvents(page: Page): Promise<Array<{ itemId: string; title: string; type: string }>> {
  return page.evaluate(async () => {
    const EdgeRerank = (await customElements.whenDefined('edge-rerank')) as unknown as {
      exportHistory(): Promise<{ events: Array<{ itemId: string; title: string; type: string }> }>;
    };
    return (await EdgeRerank.exportHistory()).events;
  });
}

/** Events in IndexedDB read directly (not through the widget): -1 when the database does not exist. */
export async function eventsInIndexedDb(page: Page): Promise<number> {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((db) => db.name === 'edge-rerank')) return -1;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('edge-rerank');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction('events').objectStore('events').count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}
