// The screenshots in docs/: the top of a page at a desktop width (1280 px) and a phone width (390 px), in headless
// Chromium (Debian's; fonts-noto-cjk for the Chinese). With KIND VALUE the check page's form is submitted first.
// Usage: node screenshots.mjs URL OUT_PREFIX HEIGHT_1280 HEIGHT_390 [KIND VALUE]  → OUT_PREFIX.png, OUT_PREFIX-390.png
// How docs/*.png were made: see the end of docs/cli.md.
import { launch } from './harness.mjs';

const [url, out, desktopHeight, phoneHeight, kind, value] = process.argv.slice(2);
const browser = await launch();
try {
  for (const [width, height, file] of [[1280, Number(desktopHeight), `${out}.png`], [390, Number(phoneHeight), `${out}-390.png`]]) {
    const page = await browser.newPage({ viewport: { width, height }, isMobile: width < 600, hasTouch: width < 600 });
    await page.goto(url);
    if (kind) {
      await page.selectOption('#kind', kind);
      await page.fill('#value', value);
      await page.click('#check');
      await page.waitForFunction(() => ['found', 'not-found', 'error', 'invalid'].includes(document.getElementById('result').dataset.state), null, { timeout: 20000 });
    }
    await page.screenshot({ path: file });
    await page.close();
  }
} finally {
  await browser.close();
}
