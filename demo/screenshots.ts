// npm run screenshots: desktop and phone screenshots of the demo shop, on the
// real widget and model, into docs/screenshots/ (for the README).
//   npm run screenshots [-- --out DIR]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.ts';
import { startDemoShop } from './shop-server.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' } } });
const out = values.out!;
mkdirSync(out, { recursive: true });

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const element = document.querySelector('edge-rerank');
    if (element) await element.rerankComplete;
    await document.fonts.ready;
    await Promise.all(document.getAnimations().map((a) => a.finished));
  });
}

const shop = await startDemoShop({ port: 0, log: (line) => console.log(line) });
const browser = await launchChromium();
try {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const shot = async (file: string, fullPage = false) => {
      await settled(page);
      await page.screenshot({ path: join(out, `${name}-${file}.png`), fullPage });
      console.log(`${out}/${name}-${file}.png`);
    };
    await page.goto(shop.url);
    if (name === 'desktop') await shot('home');
    await page.click('[data-persona="trail-runner"]');
    await page.waitForURL(/\/search\?/);
    await shot('search-persona');
    if (name === 'desktop') {
      await page.click('#tab-requests');
      await page.waitForSelector('[data-requests="summary"][data-carrying]');
      await shot('requests');
    }
    await page.goto(new URL('/privacy', shop.url).href);
    await page.waitForSelector('[data-panel="privacy"][data-events]');
    await shot('privacy');
    await context.close();
  }
} finally {
  await browser.close();
  await shop.close();
}
