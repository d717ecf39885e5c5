// The browser host over real sockets: it serves the renderer only on loopback, and its bridge admits
// only a page of its own origin holding this run's secret; bad frames get the error shape and the host
// keeps serving.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/main/host/web-host';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/content-security-policy';
import { testSystem } from '../fixtures/system';

const SECRET = 'test-secret-0123456789';
let host: WebHost;
let services: MainServices;
let staticDir: string;
let pagesGone = 0;

beforeAll(async () => {
  staticDir = await mkdtemp(path.join(os.tmpdir(), 'ocr-web-'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>OpenClaw Remote</title>');
  services = createMainServices({
    appInfo: {
      name: 'OpenClaw Remote',
      version: '9.9.9',
      host: 'browser',
      versions: { node: process.versions.node },
      platform: process.platform,
      arch: process.arch,
      dataDir: staticDir,
    },
    ...(await plainNodeRuntime(testSystem(), staticDir, process.env, staticDir)),
  });
  host = await startWebHost({
    ...services,
    log: services.log.logger('web-host'),
    staticDir,
    port: 0,
    secret: SECRET,
    onLastPageGone: () => (pagesGone += 1),
  });
});

afterAll(async () => {
  await host.close();
  await rm(staticDir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ownOrigin = () => `http://127.0.0.1:${host.port}`;

function openBridge(options: { secret?: string | null; origin?: string | null } = {}) {
  const secret = options.secret === undefined ? SECRET : options.secret;
  const query = secret === null ? '' : `?secret=${encodeURIComponent(secret)}`;
  const origin = options.origin === undefined ? ownOrigin() : options.origin;
  return new WebSocket(`ws://127.0.0.1:${host.port}/bridge${query}`, origin === null ? {} : { origin });
}

function closed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });
}

/** The host hears a page close a moment after the page does; wait for what it does then. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function outcome(socket: WebSocket): Promise<'open' | number> {
  return new Promise((resolve) => {
    socket.once('open', () => resolve('open'));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

type Frame = { type: string; id?: number; result?: { ok: boolean; value?: unknown; error?: { kind: string } } };

async function connected(): Promise<{ socket: WebSocket; next: (type: string) => Promise<Frame> }> {
  const socket = openBridge();
  const frames: Frame[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame);
    waiters.splice(0).forEach((wake) => wake());
  });
  expect(await outcome(socket)).toBe('open');
  async function next(type: string): Promise<Frame> {
    for (;;) {
      const index = frames.findIndex((frame) => frame.type === type);
      if (index >= 0) return frames.splice(index, 1)[0]!;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  }
  return { socket, next };
}

describe('browser host: static files', () => {
  it('listens on loopback only and prints a URL whose secret is in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#secret=${SECRET}`);
  });

  it('serves the renderer with the strict CSP', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('OpenClaw Remote');
    expect(page.headers['content-security-policy']).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it.each(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/nothing-here.js', '/%00'])('refuses %s', async (p) => {
    expect((await get(p)).status).toBeGreaterThanOrEqual(400);
  });

  it('says when the last open page went away, not before', async () => {
    const first = await connected();
    const second = await connected();
    const before = pagesGone;
    await closed(first.socket);
    await closed(second.socket);
    await until(() => pagesGone === before + 1);
    // One more page opening and closing is one more "last page", and the two earlier closes counted once.
    await closed((await connected()).socket);
    await until(() => pagesGone === before + 2);
  });

  it('refuses a request for another Host name (DNS rebinding)', async () => {
    expect((await get('/', { host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a request made by a page of another origin, and serves its own page', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const refused = await get('/', { origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.body).not.toContain('<title>');
    }
    expect((await get('/', { origin: ownOrigin() })).status).toBe(200);
  });

  it('gives nothing to a plain HTTP request for the bridge, with or without a secret', async () => {
    for (const query of ['', '?secret=wrong', `?secret=${SECRET}`]) {
      expect((await get(`/bridge${query}`)).status, query).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('browser host: bridge admission', () => {
  it('refuses a connection without the secret', async () => {
    expect(await outcome(openBridge({ secret: null }))).toBe(403);
  });

  it('refuses a wrong secret', async () => {
    expect(await outcome(openBridge({ secret: 'guess' }))).toBe(403);
    expect(await outcome(openBridge({ secret: `${SECRET}x` }))).toBe(403);
  });

  it.each([
    ['a foreign origin', 'http://evil.example'],
    ['another port', 'http://127.0.0.1:1'],
    ['no origin', null],
  ])('refuses %s even with the right secret', async (_label, origin) => {
    expect(await outcome(openBridge({ origin }))).toBe(403);
  });

  it('admits its own page with the secret', async () => {
    const socket = openBridge();
    expect(await outcome(socket)).toBe('open');
    socket.close();
  });
});

describe('browser host: bridge requests', () => {
  it('answers a request with the router’s result', async () => {
    const { socket, next } = await connected();
    socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:info', args: [] }));
    const frame = await next('result');
    expect(frame).toMatchObject({ id: 7, result: { ok: true, value: { version: '9.9.9', host: 'browser' } } });
    socket.close();
  });

  it('gives bad frames the error shape and keeps serving the same connection', async () => {
    const { socket, next } = await connected();
    socket.send('this is not json');
    expect((await next('protocol-error')).result?.error?.kind).toBe('invalid-frame');
    socket.send(JSON.stringify({ type: 'invoke', id: 'x' }));
    expect((await next('protocol-error')).result?.error?.kind).toBe('invalid-frame');
    socket.send(Buffer.from([0xff, 0x00]), { binary: true });
    expect((await next('protocol-error')).result?.error?.kind).toBe('invalid-frame');
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'log:recent', args: [{ limit: 'all' }] }));
    expect(await next('result')).toMatchObject({ id: 1, result: { ok: false, error: { kind: 'invalid-payload' } } });
    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'fs:read', args: [] }));
    expect(await next('result')).toMatchObject({ id: 2, result: { ok: false, error: { kind: 'unknown-channel' } } });
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'app:info', args: [] }));
    expect(await next('result')).toMatchObject({ id: 3, result: { ok: true } });
    socket.close();
  });

  it('pushes events to connected pages', async () => {
    const { socket, next } = await connected();
    services.log.logger('test').info('an event for the page');
    expect(await next('event')).toMatchObject({ name: 'log:entry', payload: { message: 'an event for the page' } });
    socket.close();
  });
});
