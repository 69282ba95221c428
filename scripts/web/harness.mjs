// What every browser check shares: Debian's Chromium through playwright-core (no downloaded browser), the viewport
// of a phone below 600 CSS pixels and of a desktop above, and the console and page errors a page produces.
import { chromium } from 'playwright-core';

export const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

// A phone is 390 CSS pixels wide, drawn at twice the pixels and touched; a desktop is 1280 at one.
export const view = (width, height) => {
  const phone = width < 600;
  return { viewport: { width, height: height ?? (phone ? 844 : 800) }, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone };
};

// Errors the page logs or throws (a broken style or script shows up as nothing else); the array fills as they come.
export const watchErrors = (page) => {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
};
