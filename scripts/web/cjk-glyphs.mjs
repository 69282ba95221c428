// CJK glyph check run by the tests (issue 17 point 13): headless Chromium opens a page and reports, for the Chinese
// characters it shows, which fonts the browser drew them with (DevTools' CSS.getPlatformFontsForNode) and whether
// each drew as a glyph of its own or as the empty box ("tofu") a missing font leaves: every character is drawn on a
// canvas in the font of the element that holds it and compared with a code point no font has (U+10FFFD).
// Usage: node cjk-glyphs.mjs URL [COUNT]   (prints JSON; COUNT distinct characters, default 24)
import { launch } from './harness.mjs';

const [url, count = '24'] = process.argv.slice(2);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  const sample = await page.evaluate((limit) => {
    const seen = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && seen.size < limit; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.getClientRects().length === 0) continue; // not shown
      for (const ch of node.textContent.match(/[\u4e00-\u9fff]/g) ?? []) {
        if (!seen.has(ch) && seen.size < limit) seen.set(ch, getComputedStyle(element).font);
      }
    }
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const draw = (text, font) => {
      context.clearRect(0, 0, 64, 64);
      context.font = font.replace(/^(.*?)\b\d+(\.\d+)?px\b/, '$1 40px');
      context.fillStyle = '#000';
      context.textBaseline = 'top';
      context.fillText(text, 4, 4);
      return Array.from(context.getImageData(0, 0, 64, 64).data.filter((_, i) => i % 4 === 3)).join(',');
    };
    const images = new Map();
    const chars = [];
    for (const [ch, font] of seen) {
      const image = draw(ch, font);
      const missing = draw('\u{10FFFD}', font);
      chars.push({ ch, font, tofu: image === missing, ink: image.split(',').some((a) => a !== '0') });
      images.set(image, (images.get(image) ?? 0) + 1);
    }
    return { chars, distinct: images.size };
  }, Number(count));

  // The fonts Chromium drew the page's text with, from the elements holding the sampled characters.
  const session = await page.context().newCDPSession(page);
  await session.send('DOM.enable');
  await session.send('CSS.enable');
  const { root } = await session.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await session.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' });
  const fonts = new Map();
  for (const nodeId of nodeIds.slice(0, 400)) {
    try {
      const { fonts: used } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of used) fonts.set(f.familyName, (fonts.get(f.familyName) ?? 0) + f.glyphCount);
    } catch {
      // A node without text of its own.
    }
  }
  console.log(JSON.stringify({ ...sample, fonts: Object.fromEntries(fonts) }));
} finally {
  await browser.close();
}
