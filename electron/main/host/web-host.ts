// The browser host's server: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
// WebSocket bridge. Only a page from this very server, holding this run's secret, may open the bridge:
// a missing or wrong secret, a foreign Origin or a foreign Host header is refused before any frame, and plain HTTP
// requests from a foreign Origin or for a foreign Host are refused too.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BRIDGE_PATH, BRIDGE_SECRET_PARAM, type ServerFrame } from '../../shared/bridge-protocol';
import { appError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Router } from '../router';
import type { Logger } from '../services/log/app-log';
import { answerFrame } from './invoke-frames';
import { MAX_FRAME_BYTES } from './json-lines';
import { createStaticHandler } from './static-files';

export interface WebHostOptions {
  router: Router;
  events: EventBus;
  log: Logger;
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Defaults to a fresh random secret for this run. */
  secret?: string;
  /** The last open page went away. */
  onLastPageGone?: () => void;
}

export interface WebHost {
  /** The address to open in a browser; its fragment holds the secret, so it never reaches a request line. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

const UNREADABLE_FRAME = appError(
  'invalid-frame',
  'The window sent a message the app cannot read.',
  'Reload the window; if it keeps happening, the page and the app are from different versions.',
);

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { router, events, log } = options;
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const serveStatic = createStaticHandler(options.staticDir);
  let port = 0;

  const server = createServer((request, response) => {
    if (!isOwnHost(request.headers.host, port)) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('This server answers only on its own loopback address.');
      return;
    }
    // A browser names the page that made a cross-origin request (a fetch, a form post, a module script) in Origin;
    // only this server's own page may make one. A plain navigation sends none.
    const origin = request.headers.origin;
    if (origin !== undefined && !ownOrigins(port).includes(origin)) {
      log.warn(`Refused a request for ${request.url ?? '?'} from the page at ${origin}`);
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('This server answers only its own page.');
      return;
    }
    serveStatic(request, response).catch((error: unknown) => {
      log.error(`Serving ${request.url ?? '?'} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const bridge = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let pages = 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const refusal = whyRefused(request, port, secret);
    if (refusal) {
      log.warn(`Refused a bridge connection: ${refusal}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refusal}\r\n`);
      return;
    }
    bridge.handleUpgrade(request, socket, head, (client) => serveBridgeClient(client));
  });

  function serveBridgeClient(client: WebSocket): void {
    const send = (frame: ServerFrame) => {
      if (client.readyState === client.OPEN) client.send(JSON.stringify(frame));
    };
    const unsubscribe = events.subscribe((name, payload) => send({ type: 'event', name, payload }));
    pages += 1;
    client.on('close', () => {
      unsubscribe();
      pages -= 1;
      if (pages === 0) options.onLastPageGone?.();
    });
    client.on('error', (error) => log.warn(`Bridge connection error: ${error.message}`));
    client.on('message', (data, isBinary) => {
      void answerFrame(router, isBinary ? undefined : rawDataToText(data), UNREADABLE_FRAME).then(send);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/#${BRIDGE_SECRET_PARAM}=${secret}`,
    port,
    close: async () => {
      for (const client of bridge.clients) client.terminate();
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function ownOrigins(port: number): string[] {
  return [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

function whyRefused(request: IncomingMessage, port: number, secret: string): string | undefined {
  const url = new URL(request.url ?? '/', 'http://placeholder');
  if (url.pathname !== BRIDGE_PATH) return `no bridge at ${url.pathname}`;
  if (!isOwnHost(request.headers.host, port)) return 'the Host header is not this server';
  const origin = request.headers.origin;
  if (origin === undefined || !ownOrigins(port).includes(origin)) {
    return `the page's origin (${origin ?? 'none'}) is not this server`;
  }
  const offered = url.searchParams.get(BRIDGE_SECRET_PARAM);
  if (offered === null) return 'the secret is missing';
  if (!secretsMatch(offered, secret)) return 'the secret is wrong';
  return undefined;
}

function secretsMatch(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
