// Is an OpenClaw Gateway answering at a URL? A Gateway sends a `connect.challenge` event as soon as a
// WebSocket opens, so waiting for that frame answers the question quickly and without authenticating.
import WebSocket from 'ws';

export type ProbeResult =
  | { gateway: true }
  | { gateway: false; reason: 'refused' | 'timeout' | 'not-websocket' | 'not-gateway' | 'error'; detail: string };

export function probeGateway(url: string, timeoutMs = 2_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, maxPayload: 256 * 1024 });
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ gateway: false, reason: 'timeout', detail: `no challenge within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.on('unexpected-response', (_request, response) =>
      finish({
        gateway: false,
        reason: 'not-websocket',
        detail: `HTTP ${response.statusCode ?? '?'} instead of a WebSocket`,
      }),
    );
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        error.code === 'ECONNREFUSED'
          ? { gateway: false, reason: 'refused', detail: 'nothing is listening' }
          : { gateway: false, reason: 'error', detail: error.message },
      ),
    );
    socket.on('message', (data: Buffer, isBinary) => {
      const frame = isBinary ? undefined : parseJson(data.toString('utf8'));
      finish(
        isChallenge(frame)
          ? { gateway: true }
          : { gateway: false, reason: 'not-gateway', detail: 'the first message was not connect.challenge' },
      );
    });
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isChallenge(frame: unknown): boolean {
  if (typeof frame !== 'object' || frame === null) return false;
  const { type, event } = frame as { type?: unknown; event?: unknown };
  return type === 'event' && event === 'connect.challenge';
}
