// Browser check of the page's credential form, run by the server tests: headless Chromium (Debian's) opens the check
// page at each width, fills account and password, submits, and reports what the page shows, console errors, whether
// the page scrolls sideways, and whether the password or the account appeared in any request.
// Usage: node credential-check.mjs BASE_URL WIDTHS ACCOUNT PASSWORD [SCREENSHOT_PREFIX] [en]
import { launch, view, watchErrors } from './harness.mjs';

const [base, widths, account, password, screenshot, language] = process.argv.slice(2);
const browser = await launch();
const results = [];
try {
  for (const width of widths.split(',').map(Number)) {
    const page = await browser.newPage(view(width));
    const errors = watchErrors(page);
    const requests = [];
    page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() ?? '' }));
    await page.goto(base);
    if (language === 'en') await page.click('#lang');
    await page.waitForFunction(() => document.getElementById('stats').dataset.state !== undefined, null, { timeout: 20000 });
    const visible = await page.isVisible('#cform');
    if (visible) {
      await page.fill('#account', account);
      await page.fill('#password', password);
      await page.click('#ccheck');
      await page.waitForFunction(() => ['found', 'not-found', 'error', 'bad-credential'].includes(document.getElementById('result').dataset.state), null, { timeout: 20000 });
    }
    const layout = await page.evaluate(() => ({
      viewport: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      text: document.getElementById('result').innerText,
      state: document.getElementById('result').dataset.state ?? null,
      passwordLeft: document.getElementById('password').value,
    }));
    if (screenshot) await page.screenshot({ path: `${screenshot}-${width}.png`, fullPage: true });
    const sent = (needle) => needle !== '' && requests.some((r) => decodeURIComponent(r.url).includes(needle) || r.body.includes(needle));
    results.push({
      width, errors, visible, ...layout,
      requests: requests.map((r) => new URL(r.url).pathname),
      passwordSent: sent(password), accountSent: sent(account.replace(/\s/g, '')),
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
