// Browser check run by the server tests: headless Chromium (Debian's) opens the check page, types one number,
// and reports what the page shows. Usage: node browser-check.mjs BASE_URL KIND VALUE [SCREENSHOT.png] [en]
import { launch } from './harness.mjs';

const [base, kind, value, screenshot, language] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 760 } });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), body: r.postData() ?? '' }));
  await page.goto(base);
  if (language === 'en') await page.click('#lang');
  await page.selectOption('#kind', kind);
  await page.fill('#value', value);
  await page.click('#check');
  await page.waitForFunction(() => ['found', 'not-found', 'error', 'invalid'].includes(document.getElementById('result').dataset.state), null, { timeout: 20000 });
  const state = await page.$eval('#result', (e) => e.dataset.state);
  const shown = await page.$eval('#result', (e) => e.innerText);
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  const digits = value.replace(/\D/g, '');
  const leaked = requests.some((r) => decodeURIComponent(r.url).includes(digits) || r.body.includes(digits));
  console.log(JSON.stringify({ state, text: shown, requests: requests.map((r) => new URL(r.url).pathname), numberSent: leaked }));
} finally {
  await browser.close();
}
