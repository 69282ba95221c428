// The incident report's clock, run by the page tests: headless Chromium (Debian's) opens the report with the page's
// clock under the test's control (no sleeping), at each width asked, and reports the live countdown two hours before
// the first due time, a minute later, and three hours later (overdue); then the same page with script disabled.
// Usage: node incident-clock.mjs URL WIDTHS
import { launch, view as phoneOrDesktop, watchErrors } from './harness.mjs';

const [url, widths] = process.argv.slice(2);
const browser = await launch();
const results = [];
try {
  for (const width of widths.split(',').map(Number)) {
    const view = phoneOrDesktop(width);
    const context = await browser.newContext(view);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.clock.install({ time: new Date('2020-01-01T00:00:00Z') });
    await page.goto(url);
    const due = await page.$eval('[data-due]', (e) => e.getAttribute('data-due'));
    const read = () => page.$eval('[data-due]', (e) => ({
      state: e.getAttribute('data-state'),
      overdue: e.classList.contains('overdue'),
      live: e.querySelector('.live').hidden ? null : e.querySelector('.live').innerText,
      liveEn: e.querySelector('.live .en').textContent,
    }));
    await page.clock.setSystemTime(new Date(Date.parse(due) - 2 * 3600_000));
    await page.clock.runFor(1000);
    const before = await read();
    await page.clock.runFor(60_000);
    const minuteLater = await read();
    await page.clock.fastForward('03:00:00');
    await page.clock.runFor(1000);
    const after = await read();
    const layout = await page.evaluate(() => ({ viewport: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth }));
    await context.close();

    // Without script (a stricter policy, or script turned off) the printed clock is all there is.
    const still = await browser.newContext({ ...view, javaScriptEnabled: false });
    const plain = await still.newPage();
    await plain.goto(url);
    const noScript = await plain.$eval('[data-due]', (e) => ({ text: e.innerText, liveShown: !e.querySelector('.live').hidden, overdue: e.classList.contains('overdue') }));
    await still.close();
    results.push({ width, due, before, minuteLater, after, errors, ...layout, noScript });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
