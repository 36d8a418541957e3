/** Serves the built renderer to a browser in headless mode, with the same CSP the app uses. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import type { HttpHandler } from './engine/serve/loopbackServer.js';
import { CONTENT_SECURITY_POLICY } from './lib/contentSecurityPolicy.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function staticFiles(root: string): HttpHandler {
  return (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    let relative: string;
    try {
      relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request');
      return true;
    }
    const path = normalize(join(root, relative));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) return false;
    response.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': relative === 'index.html' ? 'no-cache' : 'max-age=3600',
    });
    if (request.method === 'HEAD') response.end();
    // pipeline ends the response on a read error and closes the file when the client goes away.
    else pipeline(createReadStream(path), response, () => {});
    return true;
  };
}
