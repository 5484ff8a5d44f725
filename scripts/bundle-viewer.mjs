// Bundles the viewer's front end (`node scripts/bundle-viewer.mjs DIST`) into DIST/viewer/web: main.js (preact, htm,
// the pages) for the first paint, and the charts (vega, vega-lite, vega-embed) in a chunk loaded when a chart is
// shown. Served from the package by `experiment view`: no CDN, no bundler at run time, works offline (ADR 0028).
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const dist = process.argv[2];
if (!dist) {
  process.stderr.write('usage: node scripts/bundle-viewer.mjs DIST\n');
  process.exit(2);
}
const out = `${dist}/viewer/web`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['viewer/web/main.ts'],
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(`viewer/web/${file}`, `${out}/${file}`);
