// Whether something accepts a TCP connection at host:port within a timeout: the peer watch's probe of an SSH server
// or a Gateway's port. Nothing is sent; the connection is closed the moment it opens. The name is looked up as the
// SSH connection and the WebSocket look it up (Node's resolver), so the probe reaches what an attempt would.
import net from 'node:net';
import type { Clock } from '../system/clock';

/** A peer on a working network answers a connect within a round trip; a slower one is found on the next probe. */
export const TCP_PROBE_TIMEOUT_MS = 1_000;

export type TcpProbe = (host: string, port: number, signal?: AbortSignal) => Promise<boolean>;

/**
 * A probe that never has more than one name lookup under way: a lookup that hangs (a network whose DNS does not
 * answer) outlives the probe's timeout in Node's small thread pool, which file access shares, so while one is
 * pending, a probe answers "no" without starting another.
 */
export function createTcpProbe(clock: Clock, timeoutMs = TCP_PROBE_TIMEOUT_MS): TcpProbe {
  let lookupPending = false;
  return (host, port, signal) => {
    if (lookupPending || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      // Destroyed before its lookup ends, a socket never reports that end; so it is destroyed only after.
      let looking = net.isIP(host) === 0;
      lookupPending = looking;
      let settled = false;
      const finish = (answers: boolean) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (!looking) socket.destroy();
        resolve(answers);
      };
      const onAbort = () => finish(false);
      const timer = clock.setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('lookup', () => {
        looking = false;
        lookupPending = false;
        if (settled) socket.destroy();
      });
      socket.once('connect', () => finish(true));
      socket.once('error', () => finish(false));
    });
  };
}
