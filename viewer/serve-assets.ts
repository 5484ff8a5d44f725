// The front end's files, served from the package (dist/viewer/web, bundled at build time): no CDN, so the viewer works offline.
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { resolvePackagePath } from '../kernel/index.js';
import { sendRefusal } from './viewer-auth.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Scripts and styles from this server only, no inline script, no frame, nothing sent elsewhere. Vega compiles its
 * expressions with the interpreter (vega-interpreter) instead of `new Function`, so no 'unsafe-eval' either; vega-embed
 * and vega-tooltip set style attributes, hence 'unsafe-inline' for styles alone.
 */
export const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function locateWebDir(): string {
  return resolvePackagePath('dist/viewer/web');
}

/** Files are read once and kept (a few hundred kB): the package does not change under a running viewer. */
export function createAssetServer(webDir = locateWebDir()): (path: string, response: ServerResponse) => void {
  const cache = new Map<string, Buffer>();
  return (path, response) => {
    const name = path === '/' ? 'index.html' : path.replace(/^\/assets\//, '');
    // Names the bundler writes: letters, digits, dots, dashes and underscores, one optional folder level.
    if (!/^(?:[\w-]+\/)?[\w.-]+$/.test(name) || name.includes('..')) return sendRefusal(response, 404, `no such file ${path}`);
    let body = cache.get(name);
    if (!body) {
      const file = join(webDir, name);
      if (!existsSync(file)) {
        const hint = name === 'index.html' ? ' (the front end is not built: run npm run build)' : '';
        return sendRefusal(response, 404, `no such file ${path}${hint}`);
      }
      body = readFileSync(file);
      cache.set(name, body);
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(name)] ?? 'application/octet-stream',
      'content-length': body.length,
      // Chunk names carry a content hash; the entry files do not, and must be asked for again after an upgrade.
      'cache-control': /-[A-Z0-9]{8}\.js$/.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    response.end(body);
  };
}
