// Layout check run by the tests: headless Chromium (Debian's) opens a page (a report file or the served check page)
// at each width asked and reports whether the page scrolls sideways, and which elements stick out of the viewport.
// Usage: node page-layout.mjs URL WIDTHS [SCREENSHOT_PREFIX] [KIND VALUE] [en]
//   WIDTHS is a comma-separated list (390,1280); with SCREENSHOT_PREFIX each width is saved as PREFIX-WIDTH.png;
//   with KIND VALUE the check page's form is filled and submitted first.
import { launch, view, watchErrors } from './harness.mjs';

const [url, widths, screenshot, kind, value, language] = process.argv.slice(2);
const browser = await launch();
const results = [];
try {
  for (const width of widths.split(',').map(Number)) {
    const page = await browser.newPage(view(width));
    const errors = watchErrors(page);
    await page.goto(url);
    if (language === 'en') await page.click('#lang');
    if (kind) {
      await page.selectOption('#kind', kind);
      await page.fill('#value', value);
      await page.click('#check');
      await page.waitForFunction(() => ['found', 'not-found', 'error', 'invalid'].includes(document.getElementById('result').dataset.state), null, { timeout: 20000 });
    }
    if (await page.$('#stats')) {
      await page.waitForFunction(() => document.getElementById('stats').dataset.state !== undefined, null, { timeout: 20000 });
    }
    const layout = await page.evaluate(() => {
      const viewport = document.documentElement.clientWidth;
      const outside = [];
      for (const e of document.body.querySelectorAll('*')) {
        const box = e.getBoundingClientRect();
        // Elements inside a box that scrolls on its own (a wide table) do not move the page.
        let scroller = e.parentElement;
        while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
        if (box.right > viewport + 1 && (!scroller || scroller === document.body)) outside.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''} (right ${Math.round(box.right)})`);
      }
      // Text that overflows its box (a long word in a narrow paragraph) does not widen the box itself.
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        let scroller = node.parentElement;
        while (scroller && scroller !== document.body && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
        if (box.right > viewport + 1 && (!scroller || scroller === document.body)) outside.push(`text "${node.textContent.trim().slice(0, 40)}" in ${node.parentElement.tagName.toLowerCase()} (right ${Math.round(box.right)})`);
      }
      const result = document.getElementById('result');
      return {
        viewport,
        scrollWidth: document.documentElement.scrollWidth,
        outside: outside.slice(0, 10),
        text: document.body.innerText,
        state: result ? result.dataset.state ?? null : null,
      };
    });
    if (screenshot) await page.screenshot({ path: `${screenshot}-${width}.png`, fullPage: true });
    results.push({ width, errors, ...layout });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
