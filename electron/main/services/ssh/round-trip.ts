// One round trip over a live SSH connection, timed on the given clock: what the tunnel's keepalive probe and the
// doctor's stability step both measure, so the history and a fresh check mean the same thing.
import type { Client } from 'ssh2';
import type { Clock } from '../system/clock';

/**
 * The time from a global request to its reply, or undefined when none came within `timeoutMs` (or the connection is
 * gone). ssh2 does not expose the replies to its own keepalive@openssh.com requests, so this sends the cheapest
 * global request every server must answer at once, as it answers a keepalive: cancelling a remote forward that was
 * never requested, which the server refuses.
 */
export function measureRoundTrip(client: Client, clock: Clock, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const started = clock.now();
    const timer = clock.setTimeout(() => resolve(undefined), timeoutMs);
    try {
      client.unforwardIn('127.0.0.1', 0, () => {
        clock.clearTimeout(timer);
        resolve(clock.now() - started);
      });
    } catch {
      clock.clearTimeout(timer);
      resolve(undefined);
    }
  });
}
