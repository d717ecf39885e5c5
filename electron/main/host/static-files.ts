// Serves the built renderer (out/renderer) to the browser host's page: files under one root only, with
// the same strict Content-Security-Policy the Electron window gets, and nothing outside that folder.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function createStaticHandler(root: string) {
  const resolvedRoot = path.resolve(root);
  return async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      respond(response, 405, 'Method not allowed');
      return;
    }
    const pathname = decodeSafely(new URL(request.url ?? '/', 'http://placeholder').pathname);
    if (pathname === undefined) {
      respond(response, 400, 'Bad request');
      return;
    }
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(resolvedRoot, relative);
    if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) {
      respond(response, 404, 'Not found');
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      respond(response, 404, 'Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      // frame-ancestors works only as a header (a meta tag's is ignored), so it is added here; X-Frame-Options for
      // browsers that predate it. No other site may frame the window and click its buttons for the person.
      'content-security-policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

function respond(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
}

function decodeSafely(pathname: string): string | undefined {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}
