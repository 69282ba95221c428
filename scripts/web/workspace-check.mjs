// Browser check of the investigator workspace, run by the workspace tests: headless Chromium (Debian's) signs in,
// opens a case, uploads a synthetic leak, follows the scan job, reads the persons count, reveals one value and
// finds the reveal in the audit view. Reports what it saw as JSON, with every console error and page error.
// Usage: node workspace-check.mjs BASE_URL USER PASSWORD FILE WIDTH [SCREENSHOT_PREFIX] [en]
import { chromium } from 'playwright-core';

const [base, user, password, file, width, screenshots, language] = process.argv.slice(2);
const query = language === 'en' ? '?lang=en' : '';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const problems = [];
const states = new Set();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const overflow = async (name) => {
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > Number(width)) problems.push(`${name}: page is ${wide} px wide at ${width} px`);
  };
  const shot = async (name) => { if (screenshots) await page.screenshot({ path: `${screenshots}-${name}.png`, fullPage: true }); };

  await page.goto(`${base}login${query}`);
  await overflow('login');
  await shot('login');
  await page.fill('input[name=name]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);

  await page.fill('#new-case input[name=name]', `browser case ${Date.now()}`);
  await Promise.all([page.waitForNavigation(), page.click('#new-case button[type=submit]')]);
  const casePath = new URL(page.url()).pathname;

  await page.setInputFiles('#upload input[type=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('#upload button[type=submit]')]);
  // The job shows with its progress bar; server-sent events move it on, and the page reloads when it is done.
  await page.waitForSelector('[data-job]');
  states.add(await page.$eval('[data-job]', (e) => e.dataset.state));
  await page.waitForSelector('#persons', { timeout: 120000 });
  states.add(await page.$eval('[data-job]', (e) => e.dataset.state));
  const persons = await page.$eval('#persons', (e) => e.textContent);
  const progress = await page.$eval('[data-job] progress', (e) => e.value);
  await overflow('case');
  await shot('case');

  const finding = await page.$eval('button[data-finding^="mobile:"]', (e) => e.dataset.finding);
  await Promise.all([page.waitForNavigation(), page.click(`button[data-finding="${finding}"]`)]);
  const revealed = await page.$eval('#revealed-value', (e) => e.textContent);
  await overflow('reveal');

  await Promise.all([page.waitForNavigation(), page.click('#audit-link')]);
  const audit = await page.$$eval('#audit tbody tr', (rows) => rows.map((r) => Array.from(r.cells).map((c) => c.textContent)));
  await overflow('audit');
  await shot('audit');
  console.log(JSON.stringify({ casePath, persons, progress, states: [...states], finding, revealed, audit, problems }));
} catch (e) {
  console.log(JSON.stringify({ error: String(e), problems, states: [...states] }));
} finally {
  await browser.close();
}
