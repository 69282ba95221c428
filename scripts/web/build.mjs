// Bundles the check page's script with its libraries into one static file (no CDN, works offline).
// Usage: npm ci && node build.mjs   (writes ../../src/Tracemark.Server/wwwroot/exposure.js; commit it)
import { build } from 'esbuild';

await build({
  entryPoints: ['src/page.mjs'],
  bundle: true,
  format: 'iife',
  minify: true,
  target: ['es2022'],
  legalComments: 'eof',
  outfile: '../../src/Tracemark.Server/wwwroot/exposure.js',
});
