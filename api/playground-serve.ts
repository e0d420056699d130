import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import type { Logger } from '../common/logger';
import { buildPlayground, type PlaygroundBuild } from './playground-build';

/**
 * The page runs only its own bundled scripts and talks only to this origin (HTTP and
 * WebSocket). Monaco inserts style elements at run time, hence 'unsafe-inline' for styles
 * only; its worker is a file of this origin.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
};

/** Serves GET / (the page) and GET /playground/<file> (its assets), building them on first use. */
export function playgroundHandler(
  logger: Logger,
): (pathname: string, req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  let build: Promise<PlaygroundBuild> | undefined;
  return async (pathname, req, res) => {
    const name = pathname === '/' ? 'index.html' : /^\/playground\/([\w.-]+)$/.exec(pathname)?.[1];
    if (name === undefined) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return true;
    }
    build ??= buildPlayground(logger).catch((error: unknown) => {
      build = undefined; // a later request retries
      throw error;
    });
    const { dir, files } = await build;
    // Only names the build produced: nothing else under the data dir or the repo is reachable.
    if (!files.has(name) || (name === 'index.html' && pathname !== '/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return true;
    }
    const body = await fs.readFile(path.join(dir, name));
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      'content-security-policy': PLAYGROUND_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
