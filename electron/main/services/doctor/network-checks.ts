// The doctor's checks below SSH and the Gateway: whether the host's name resolves (through the System's resolver,
// as ssh and the app's sockets resolve it) and whether a TCP connection to the port opens, and how long that took.
import net from 'node:net';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import { UNREACHABLE } from '../ssh/connect';
import type { System } from '../system/system';
import type { CheckOutcome } from './step-runner';

/** The addresses a host resolves to; an address resolves to itself. */
export async function resolveHost(
  host: string,
  system: System,
): Promise<{ outcome: CheckOutcome; addresses: string[] }> {
  if (net.isIP(host) !== 0) {
    return { outcome: { status: 'pass', detail: `${host} is an address; nothing to resolve.` }, addresses: [host] };
  }
  try {
    const found = await system.dns.lookup(host);
    const addresses = [...new Set(found.map((entry) => entry.address))];
    return { outcome: { status: 'pass', detail: `${host} resolves to ${addresses.join(', ')}.` }, addresses };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new AppFailure(
      appError(
        'dns-failed',
        `The host name "${host}" could not be resolved to an address (${code}).`,
        'Check the spelling of the host name or use its IP address; for a Tailscale device check that ' +
          'Tailscale is connected and MagicDNS is on.',
      ),
    );
  }
}

export interface TcpCheck {
  host: string;
  address: string;
  port: number;
  timeoutMs: number;
  /** What to check when it fails, for this port's service. */
  hint: string;
  system: System;
}

/** Opens and closes one TCP connection, timed on the System's clock. */
export function checkTcp(check: TcpCheck): Promise<CheckOutcome> {
  const { host, address, port, system, timeoutMs } = check;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const via = address === host ? '' : ` (${address})`;
  const started = system.clock.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = system.clock.setTimeout(() => {
      socket.destroy();
      reject(unreachable(`${where}${via} did not answer within ${timeoutMs / 1000} s`, check.hint));
    }, timeoutMs);
    socket.once('connect', () => {
      system.clock.clearTimeout(timer);
      const tookMs = system.clock.now() - started;
      socket.destroy();
      resolve({ status: 'pass', detail: `A TCP connection to ${where}${via} opened in ${tookMs} ms.` });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      system.clock.clearTimeout(timer);
      const reason = (error.code && UNREACHABLE[error.code]) ?? error.message;
      reject(unreachable(`Could not reach ${where}${via}: ${reason}`, check.hint));
    });
  });
}

function unreachable(message: string, hint: string): AppFailure {
  return new AppFailure(appError('host-unreachable', `${message}.`, hint));
}
