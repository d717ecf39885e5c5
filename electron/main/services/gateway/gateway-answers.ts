// Whether a Gateway that went away answers again, for the Gateway client's peer watch: GET /healthz over a fresh
// stream when the client reaches it over one (an SSH tunnel's channel: a port that accepts is not enough there, the
// host's sshd opens the channel only to a port that listens, and the Gateway answers 200 only once it serves), or
// else a TCP connection to the URL's port.
import type { Duplex } from 'node:stream';
import { createTcpProbe, TCP_PROBE_TIMEOUT_MS } from '../link/tcp-probe';
import type { Clock } from '../system/clock';
import { endpoint } from './probe';

export function gatewayAnswers(
  target: { url: string; openStream?: () => Promise<Duplex> },
  clock: Clock,
): (signal: AbortSignal) => Promise<boolean> {
  const { url, openStream } = target;
  if (openStream) return (signal) => healthzAnswers(openStream, url, clock, signal);
  const probe = createTcpProbe(clock);
  const { host, port } = endpoint(url);
  return (signal) => probe(host, port, signal);
}

/** An HTTP/1.1 request whose answer's status line is all that is read; the Host is the URL's, as the WebSocket's. */
async function healthzAnswers(
  openStream: () => Promise<Duplex>,
  url: string,
  clock: Clock,
  signal: AbortSignal,
): Promise<boolean> {
  const deadline = clock.now() + TCP_PROBE_TIMEOUT_MS;
  let timer: unknown;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = clock.setTimeout(() => resolve(undefined), TCP_PROBE_TIMEOUT_MS);
  });
  const opened = openStream().catch(() => undefined);
  const stream = await Promise.race([opened, timedOut]);
  clock.clearTimeout(timer);
  if (!stream) {
    // A channel that opens after all is closed at once.
    void opened.then((late) => late?.destroy());
    return false;
  }
  if (signal.aborted) {
    stream.destroy();
    return false;
  }
  return new Promise((resolve) => {
    let head = '';
    const finish = (answers: boolean) => {
      clock.clearTimeout(deadlineTimer);
      signal.removeEventListener('abort', onAbort);
      stream.destroy();
      resolve(answers);
    };
    const onAbort = () => finish(false);
    const deadlineTimer = clock.setTimeout(() => finish(false), Math.max(0, deadline - clock.now()));
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n');
      if (end >= 0) finish(/^HTTP\/1\.[01] 2\d\d\b/u.test(head.slice(0, end)));
      else if (head.length > 512) finish(false);
    });
    stream.once('error', () => finish(false));
    stream.once('close', () => finish(false));
    stream.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(url).host}\r\nConnection: close\r\n\r\n`);
  });
}
