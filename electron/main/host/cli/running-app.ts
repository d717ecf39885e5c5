// `openclaw-remote`'s way to the running app: its socket in the data folder (host/app-socket.ts), if it is there,
// belongs to this user and answers. Then `status`, `connect`, `disconnect`, `doctor` and `logs` act on the app's one
// live connection through the same contract; otherwise they work in this process. A socket of another user is refused.
import { lstat } from 'node:fs/promises';
import net, { type Socket } from 'node:net';
import type { ServerFrame } from '../../../shared/bridge-protocol';
import type { EventName, EventPayload } from '../../../shared/contract';
import { appError, failure, type AppError, type Result } from '../../../shared/errors';
import { appSocketPath } from '../app-socket-path';
import { jsonLine, jsonLineReader, MAX_FRAME_BYTES } from '../json-lines';
import type { CommandServices } from './run-cli';

export type RunningAppReach =
  /** The app answered: its contract, over the socket. */
  | { kind: 'app'; services: CommandServices }
  /** No app answers; `note` says why when that is not simply "it is not running". */
  | { kind: 'absent'; note?: string }
  /** A socket is there that this user must not talk to. */
  | { kind: 'refused'; error: AppError };

/** A live app accepts at once and answers app:info in milliseconds; a hung one is left for in-process work. */
const ANSWER_WITHIN_MS = 3_000;
/** The app's answers can be larger than what it accepts (a doctor report, the log); still bounded. */
const MAX_ANSWER_BYTES = 16 * MAX_FRAME_BYTES;

const APP_WENT_AWAY = appError(
  'bridge-closed',
  'The OpenClaw Remote app closed the connection to it (did it quit?).',
  'Run the command again: without the app it works on its own.',
);

export async function reachRunningApp(dataDir: string, platform = process.platform): Promise<RunningAppReach> {
  const where = appSocketPath(dataDir, platform);
  if (!where.usable) return { kind: 'absent', note: `${where.why}, so the running app has no socket` };
  const found = await lstat(where.path).catch(() => undefined);
  if (found === undefined) return { kind: 'absent' };
  if (!found.isSocket()) return { kind: 'absent', note: `${where.path} is not a socket` };
  const me = process.getuid?.();
  if (me !== undefined && found.uid !== me) {
    return {
      kind: 'refused',
      error: appError(
        'app-socket-not-yours',
        `The app socket ${where.path} belongs to another user (uid ${found.uid}, not your ${me}); openclaw-remote ` +
          'will not talk to it.',
        `If no OpenClaw Remote of yours is running, remove it (rm "${where.path}") and run the command again.`,
      ),
    };
  }
  const socket = await connected(where.path);
  if (socket === undefined) return { kind: 'absent' };
  const services = overSocket(socket);
  const info = await Promise.race([
    services.invoke('app:info'),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS).unref()),
  ]);
  if (info?.ok) return { kind: 'app', services };
  socket.destroy();
  return { kind: 'absent', note: `the app at ${where.path} did not answer` };
}

/** The open socket, or undefined when nobody listens (a file a killed app left) or it cannot be opened. */
function connected(socketPath: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.setTimeout(ANSWER_WITHIN_MS, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', () => resolve(undefined));
  });
}

/** The contract over the socket: numbered requests answered by id, and the app's events as they come. */
function overSocket(socket: Socket): CommandServices {
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const settleAll = (result: Result<never>) => {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  };
  const read = jsonLineReader(
    MAX_ANSWER_BYTES,
    (text) => {
      const frame = parsed(text);
      if (frame?.type === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame?.type === 'event') {
        for (const listener of [...listeners]) listener(frame.name, frame.payload);
      } else if (frame?.type === 'protocol-error') settleAll(frame.result);
    },
    () => socket.destroy(),
  );
  socket.on('data', read);
  socket.on('error', () => {});
  socket.on('close', () => settleAll(failure(APP_WENT_AWAY)));
  return {
    invoke: (channel, ...args) =>
      new Promise((resolve) => {
        if (socket.destroyed) return resolve(failure(APP_WENT_AWAY));
        const id = nextId++;
        pending.set(id, resolve as (result: Result<unknown>) => void);
        socket.write(jsonLine({ type: 'invoke', id, channel, args }));
      }),
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
      const forward = (name: string, payload: unknown) => {
        if (name === event) listener(payload as EventPayload<E>);
      };
      listeners.add(forward);
      return () => listeners.delete(forward);
    },
    // Ends this command's connection to the app, never the app's connection to the Gateway.
    shutdown: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
      }),
  };
}

function parsed(text: string): ServerFrame | undefined {
  try {
    const frame = JSON.parse(text) as ServerFrame | null;
    return typeof frame === 'object' && frame !== null ? frame : undefined;
  } catch {
    return undefined;
  }
}
