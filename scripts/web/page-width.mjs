// Layout check run by the CLI tests: headless Chromium (Debian's) opens a page (an HTML report file or a URL) at each
// viewport width and reports whether anything makes the page itself scroll sideways (a table or a chart may scroll
// inside its own box; the page may not). Usage: node page-width.mjs FILE|URL WIDTH... [--shot PREFIX]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const shotAt = args.indexOf('--shot');
const shot = shotAt >= 0 ? args.splice(shotAt, 2)[1] : null;
const [target, ...widths] = args;
const url = /^[a-z]+:\/\//.test(target) ? target : pathToFileURL(target).href;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const results = [];
  for (const width of widths.map(Number)) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(url);
    const measured = await page.evaluate(() => {
      const root = document.documentElement;
      // The elements that reach past the viewport's right edge, outside any box that scrolls them.
      const wide = [...document.body.querySelectorAll('*')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .filter((e) => !e.closest('.wide'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className : ''}`);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
    });
    if (shot) await page.screenshot({ path: `${shot}-${width}.png`, fullPage: true });
    results.push({ width, ...measured });
    await page.close();
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
}
