// Frees a profile's local port held by an earlier tunnel of this app (another copy of the app, an
// `openclaw-remote connect` left running): asks it to end as Ctrl-C would, and waits until the port is free. It
// stops only a process that lsof or ss name as ours at the moment of asking, never this process or another program.
import net from 'node:net';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { portOwnerOn } from '../connection/ssh-route';
import type { System } from '../system/system';

/** A tunnel that closes its connections as asked is gone well within this. */
const FREED_WITHIN_MS = 5_000;
const POLL_MS = 100;

export interface FreedPort {
  port: number;
  /** The process that held it and was asked to end. */
  pid: number;
}

export async function freeLocalPort(port: number, system: System): Promise<FreedPort> {
  const owner = await portOwnerOn(system, port);
  if (owner.kind !== 'this-app' || owner.pid === undefined || owner.pid === system.os.pid) {
    throw new AppFailure(
      appError(
        'port-not-ours',
        `127.0.0.1:${port} is not held by an earlier tunnel of OpenClaw Remote now` +
          (owner.kind === 'unknown' ? '.' : ` (it is ${owner.description}).`),
        'Nothing was stopped. Run the checks again to see who holds the port.',
      ),
    );
  }
  const { pid } = owner;
  try {
    system.processes.signal(pid, 'SIGTERM');
  } catch (error) {
    // It ended between the lookup and the signal (ESRCH): the port is about to be free anyway.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  const deadline = system.clock.now() + FREED_WITHIN_MS;
  while (!(await portFree(port))) {
    if (system.clock.now() >= deadline) {
      throw new AppFailure(
        appError(
          'port-not-freed',
          `The earlier tunnel (pid ${pid}) was asked to end but still holds 127.0.0.1:${port} after ${FREED_WITHIN_MS / 1000} s.`,
          `Quit it yourself (kill ${pid}), or choose another local port in the profile.`,
        ),
      );
    }
    await new Promise<void>((resolve) => system.clock.setTimeout(() => resolve(), POLL_MS));
  }
  return { port, pid };
}

/** Whether a listener could bind the port on loopback now, as the tunnel will. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
