// Browser check of the investigator workspace, run by the workspace tests: headless Chromium (Debian's) signs in,
// opens a case, uploads a synthetic leak, follows the scan job, reads the persons count, reveals one value and
// finds the reveal in the audit view. Reports what it saw as JSON, with every console error and page error.
// Usage: node workspace-check.mjs BASE_URL USER PASSWORD FILE WIDTH [SCREENSHOT_PREFIX] [en] [SELECTORS] [POSTS_FILE] [incident]
// POSTS_FILE: once FILE is scanned, uploaded too with the form's kind "posts" (chat export) before the page is checked.
// incident: then the lead opens the case's incident with the page's form and waits until its job has added FILE.
// SELECTORS: comma-separated parts the case page must show once the scan is done (e.g. #trace,#freshness-reasons).
import { chromium } from 'playwright-core';

const [base, user, password, file, width, screenshots, language, required, posts, incident] = process.argv.slice(2);
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
  // Every Reveal button must be inside the window's width, not covered, and pass Playwright's actionability checks
  // (visible, stable, enabled, receives the click) without being clicked; no table may scroll sideways in its box.
  const revealable = async (name) => {
    const buttons = await page.$$('button[data-finding]');
    if (buttons.length === 0) problems.push(`${name}: no Reveal button`);
    for (const button of buttons) {
      const finding = await button.getAttribute('data-finding');
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      if (!box || box.x < 0 || box.x + box.width > Number(width)) {
        problems.push(`${name}: Reveal ${finding} is outside the ${width} px window (${JSON.stringify(box)})`);
        continue;
      }
      const hit = await button.evaluate((b) => {
        const r = b.getBoundingClientRect();
        return document.elementFromPoint(r.x + (r.width / 2), r.y + (r.height / 2)) === b;
      });
      if (!hit) problems.push(`${name}: Reveal ${finding} is covered`);
      try {
        await button.click({ trial: true, timeout: 5000 });
      } catch (e) {
        problems.push(`${name}: Reveal ${finding} is not clickable: ${String(e).split('\n')[0]}`);
      }
    }
    await page.evaluate(() => window.scrollTo(0, 0));
  };
  const narrowTables = async (name) => {
    const scrolling = await page.$$eval('table', (tables) => tables.filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.id || 'table'));
    for (const table of scrolling) problems.push(`${name}: table ${table} scrolls sideways at ${width} px`);
  };
  const shot = async (name) => { if (screenshots) await page.screenshot({ path: `${screenshots}-${name}.png`, fullPage: true }); };
  // One part of the page on its own (the docs show the views this way: a whole case page at 390 px is very tall).
  const shotOf = async (name, selector) => {
    if (screenshots && await page.$(selector)) await page.locator(selector).first().screenshot({ path: `${screenshots}-${name}.png` });
  };

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
  // A short job may end (and reload the page) between two reads: a read the reload cut off is read again.
  const settled = async (read) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (e) {
        if (attempt >= 5 || !/context|navigation|detached/i.test(String(e))) throw e;
        await page.waitForLoadState('load');
      }
    }
  };
  await page.waitForSelector('[data-job]');
  states.add(await settled(() => page.$eval('[data-job]', (e) => e.dataset.state)));
  await settled(() => page.waitForSelector('#persons', { timeout: 120000 }));
  await page.waitForLoadState('load');
  states.add(await settled(() => page.$eval('[data-job]', (e) => e.dataset.state)));
  const persons = await settled(() => page.$eval('#persons', (e) => e.textContent));
  const progress = await settled(() => page.$eval('[data-job] progress', (e) => e.value));
  if (posts) {
    await page.selectOption('#upload select[name=kind]', 'posts');
    await page.setInputFiles('#upload input[type=file]', posts);
    await Promise.all([page.waitForNavigation(), page.click('#upload button[type=submit]')]);
    await settled(() => page.waitForSelector('#intel', { timeout: 120000 }));
    await page.waitForLoadState('load');
  }
  if (incident === 'incident') {
    await page.fill('#open-incident input[name=discovered]', '2026-12-06T21:40');
    await page.selectOption('#open-incident select[name=operator]', 'other');
    await page.fill('#open-incident input[name=entity]', '顺达快递');
    await page.fill('#open-incident input[name=system]', '网点派件系统');
    await page.fill('#open-incident input[name=owner_contact]', '95000');
    await Promise.all([page.waitForNavigation(), page.click('#open-incident button[type=submit]')]);
    // The incident shows at once; its job adds the case's file, and the page reloads when it is done.
    await settled(() => page.waitForFunction(() => (document.querySelector('#incident-people')?.textContent ?? '0') !== '0', null, { timeout: 120000 }));
    await page.waitForLoadState('load');
  }
  await overflow('case');
  await revealable('case');
  await narrowTables('case');
  await shot('case');
  await shotOf('findings', '#findings');
  await shotOf('trace', '#trace');
  await shotOf('known-leaks', '#known-leaks');
  await shotOf('intel', '#intel');
  await shotOf('incident', '#incident');

  const shown = {};
  for (const selector of (required || '').split(',').filter((x) => x)) {
    const part = await page.$(selector);
    if (!part || !(await part.isVisible())) problems.push(`case: ${selector} is not shown`);
    else shown[selector] = (await part.textContent()).trim();
  }

  const finding = await page.$eval('button[data-finding^="mobile:"], button[data-finding]', (e) => e.dataset.finding);
  await Promise.all([page.waitForNavigation(), page.click(`button[data-finding="${finding}"]`)]);
  const revealed = await page.$eval('#revealed-value', (e) => e.textContent);
  await overflow('reveal');

  await Promise.all([page.waitForNavigation(), page.click('#audit-link')]);
  const audit = await page.$$eval('#audit tbody tr', (rows) => rows.map((r) => Array.from(r.cells).map((c) => c.textContent)));
  await overflow('audit');
  await narrowTables('audit');
  await shot('audit');
  console.log(JSON.stringify({ casePath, persons, progress, states: [...states], finding, revealed, audit, shown, problems }));
} catch (e) {
  console.log(JSON.stringify({ error: String(e), problems, states: [...states] }));
} finally {
  await browser.close();
}
