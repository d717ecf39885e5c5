// The running app's socket for the `openclaw-remote` command line: the IPC contract as newline-delimited JSON over a
// Unix socket in the data folder, a third transport over the same router and events as IPC and the browser bridge,
// so `status`, `connect`, `disconnect`, `doctor` and `logs` reach the one live connection instead of a second tunnel.
// Only this user may connect: the socket is 0600 in the 0700 data folder. A socket file a killed app left behind is
// removed; one that answers belongs to another running instance and is left alone.
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import net, { type Socket } from 'node:net';
import type { ServerFrame } from '../../shared/bridge-protocol';
import { appError, failure } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Router } from '../router';
import type { Logger } from '../services/log/app-log';
import { appSocketPath } from './app-socket-path';
import { answerFrame } from './invoke-frames';
import { jsonLine, jsonLineReader, MAX_FRAME_BYTES } from './json-lines';

export interface AppSocketOptions {
  router: Router;
  events: EventBus;
  log: Logger;
  dataDir: string;
  platform: NodeJS.Platform;
}

export interface AppSocket {
  path: string;
  /** Ends every client's connection and removes the socket file. */
  close(): Promise<void>;
}

/** A client that stops reading while events keep coming is cut off here rather than grow the app's memory. */
const MAX_UNREAD_BYTES = 8 * MAX_FRAME_BYTES;
/** How long a socket file found at start may take to answer before it counts as another instance's. */
const LIVE_PROBE_MS = 1_000;

const UNREADABLE = appError(
  'invalid-frame',
  'openclaw-remote sent the app a message it cannot read.',
  'Use the openclaw-remote of the same version as the app.',
);
const TOO_LARGE = appError(
  'invalid-frame',
  `openclaw-remote sent the app a message larger than ${MAX_FRAME_BYTES} bytes; the app closed the connection.`,
  'Use the openclaw-remote of the same version as the app.',
);

/** Listens, or says in one log line why not and returns undefined: the app works on without a socket. */
export async function startAppSocket(options: AppSocketOptions): Promise<AppSocket | undefined> {
  const { router, events, log } = options;
  const where = appSocketPath(options.dataDir, options.platform);
  if (!where.usable) {
    log.warn(`No socket for the command line: ${where.why}; openclaw-remote will work in its own process.`);
    return undefined;
  }
  const socketPath = where.path;
  try {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    if (!(await claim(socketPath, log))) return undefined;
  } catch (error) {
    log.warn(`No socket for the command line at ${socketPath}: ${(error as Error).message}`);
    return undefined;
  }

  const clients = new Set<Socket>();
  const server = net.createServer((client) => serve(client));

  function serve(client: Socket): void {
    clients.add(client);
    const send = (frame: ServerFrame) => {
      if (client.destroyed || !client.writable) return;
      if (client.writableLength > MAX_UNREAD_BYTES) {
        log.warn('A command-line client stopped reading the app socket; closed its connection.');
        client.destroy();
        return;
      }
      client.write(jsonLine(frame));
    };
    const unsubscribe = events.subscribe((name, payload) => send({ type: 'event', name, payload }));
    const read = jsonLineReader(
      MAX_FRAME_BYTES,
      (text) => void answerFrame(router, text, UNREADABLE).then(send),
      () => {
        log.warn(`Refused a message of more than ${MAX_FRAME_BYTES} bytes on the app socket; closed that connection.`);
        send({ type: 'protocol-error', result: failure(TOO_LARGE) });
        client.destroySoon();
      },
    );
    client.on('data', read);
    client.on('error', (error) => log.warn(`App socket connection error: ${error.message}`));
    client.on('close', () => {
      unsubscribe();
      clients.delete(client);
    });
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Created with the process umask; the 0700 data folder keeps others out until this narrows it.
    await chmod(socketPath, 0o600);
  } catch (error) {
    server.close();
    // EADDRINUSE: another instance claimed it between our look and our listen; it serves the command line.
    log.warn(`No socket for the command line at ${socketPath}: ${(error as Error).message}`);
    return undefined;
  }
  server.on('error', (error) => log.warn(`App socket error: ${error.message}`));
  log.info(`Listening for openclaw-remote on ${socketPath}`);

  return {
    path: socketPath,
    close: async () => {
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Node removes the file as it closes; this is for a runtime that does not.
      await unlink(socketPath).catch(() => {});
    },
  };
}

/** Whether the path is free to listen on, removing a dead socket file left there; never another instance's. */
async function claim(socketPath: string, log: Logger): Promise<boolean> {
  const found = await lstat(socketPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (found === undefined) return true;
  if (!found.isSocket()) {
    log.warn(`No socket for the command line: ${socketPath} exists and is not a socket; remove it and restart.`);
    return false;
  }
  if (await answers(socketPath)) {
    log.warn(`Another OpenClaw Remote answers on ${socketPath}; the command line talks to that one.`);
    return false;
  }
  await unlink(socketPath);
  log.info(`Removed ${socketPath}, left behind by an app that ended without closing it.`);
  return true;
}

/** A listener accepts: it is alive. Refused: nobody listens. No answer in time: taken as alive, never stolen. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath);
    probe.setTimeout(LIVE_PROBE_MS, () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
