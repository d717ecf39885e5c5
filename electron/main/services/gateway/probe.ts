// Is an OpenClaw Gateway answering at a URL, and if not, what is? A Gateway sends a `connect.challenge` event as soon
// as a WebSocket opens, so waiting for that frame answers quickly and without authenticating. When the handshake
// fails, the bytes the port sent instead of HTTP, or sends on its own (an SSH banner), tell what else is there.
import { connect } from 'node:net';
import WebSocket from 'ws';
import { appError, type AppError } from '../../../shared/errors';

export const DEFAULT_GATEWAY_PORT = 18789;
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;
/** An SSH server sends its banner within a round trip of accepting; waiting longer only delays the answer. */
const BANNER_WAIT_MS = 500;
const PREVIEW_BYTES = 48;

/**
 * Why a URL is not a Gateway: nothing listens (`refused`), nothing answers in time (`timeout`), the host cannot be
 * reached (`unreachable`), or something else answers: a web server that answers the upgrade with an HTTP status
 * (`not-websocket`), an SSH server (`ssh`), bytes of some other protocol (`garbage`), a WebSocket server that is not
 * a Gateway (`other-websocket`), a listener that hangs up without a word (`closed`, what an SSH tunnel does when
 * nothing runs behind it), or a failed TLS handshake (`tls`).
 */
export type NotGatewayReason =
  'refused' | 'timeout' | 'unreachable' | 'not-websocket' | 'ssh' | 'garbage' | 'other-websocket' | 'closed' | 'tls';

export type ProbeResult =
  | { gateway: true }
  | {
      gateway: false;
      reason: NotGatewayReason;
      /** What was seen, for a message: `HTTP 404 Not Found`, the SSH banner, the first bytes, an error. */
      detail: string;
      /** The HTTP status, for `not-websocket`. */
      status?: number;
    };

export type NotGateway = Extract<ProbeResult, { gateway: false }>;

type HandshakeFailure = Error & { code?: string; rawPacket?: unknown };

export async function probeGateway(url: string, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const deadline = Date.now() + timeoutMs;
  const outcome = await webSocketProbe(url, timeoutMs);
  if ('gateway' in outcome) return outcome;
  const { failure } = outcome;
  // Node's HTTP parser keeps the bytes that were not HTTP: an SSH banner, or some other protocol's answer.
  if (Buffer.isBuffer(failure.rawPacket) && failure.rawPacket.length > 0) return whatSent(failure.rawPacket);
  // Otherwise (a failed TLS handshake, a hang-up) a new, silent connection shows whether the port talks first, as
  // SSH servers do; the handshake's own error explains the rest.
  const { host, port } = endpoint(url);
  const banner = await unpromptedBytes(host, port, Math.min(BANNER_WAIT_MS, deadline - Date.now()));
  return banner.length > 0 ? whatSent(banner) : classifyFailure(failure, url.startsWith('wss:'));
}

function webSocketProbe(url: string, timeoutMs: number): Promise<ProbeResult | { failure: HandshakeFailure }> {
  return new Promise((resolve) => {
    let settled = false;
    let opened = false;
    const socket = new WebSocket(url, { maxPayload: 256 * 1024, perMessageDeflate: false });
    const finish = (result: ProbeResult | { failure: HandshakeFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish(
          opened
            ? notGateway('other-websocket', `it opened a WebSocket but sent nothing within ${timeoutMs} ms`)
            : notGateway('timeout', `no answer within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
    socket.on('open', () => (opened = true));
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      const server = printable(Buffer.from(String(response.headers.server ?? ''), 'latin1'));
      const detail = `HTTP ${status} ${response.statusMessage ?? ''}`.trim() + (server ? ` from ${server}` : '');
      finish({ ...notGateway('not-websocket', detail), status });
    });
    socket.on('error', (error: HandshakeFailure) =>
      finish(error.code === 'ECONNREFUSED' ? notGateway('refused', 'nothing is listening') : { failure: error }),
    );
    socket.on('close', (code: number) => {
      if (!opened) return;
      finish(notGateway('other-websocket', `it closed the WebSocket (code ${code}) without a connect.challenge`));
    });
    socket.on('message', (data: Buffer, isBinary) => {
      const frame = isBinary ? undefined : parseJson(data.toString('utf8'));
      finish(
        isChallenge(frame)
          ? { gateway: true }
          : notGateway('other-websocket', 'its first message was not a connect.challenge event'),
      );
    });
  });
}

/** Network failures that say the host or route is the problem, not what listens on the port. */
const UNREACHABLE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT']);

function whatSent(bytes: Buffer): NotGateway {
  const head = bytes.subarray(0, 5).toString('latin1');
  if (head.startsWith('SSH-')) {
    const lineEnd = bytes.indexOf('\n');
    return notGateway('ssh', printable(bytes.subarray(0, Math.min(lineEnd < 0 ? bytes.length : lineEnd, 80))));
  }
  if (head === 'HTTP/') return notGateway('not-websocket', `a malformed HTTP answer, ${preview(bytes)}`);
  return notGateway('garbage', `it sent ${preview(bytes)}`);
}

function classifyFailure(failure: HandshakeFailure, secure: boolean): NotGateway {
  const code = failure.code ?? '';
  if (UNREACHABLE_CODES.has(code)) return notGateway('unreachable', failure.message);
  // Node's HTTP parser: the answer to the upgrade request was not HTTP at all.
  if (code.startsWith('HPE_')) return notGateway('garbage', 'it answered with something that is not HTTP');
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return notGateway('closed', 'it accepted the connection and closed it without answering');
  }
  if (secure) return notGateway('tls', failure.message);
  // What is left are ws's own handshake checks: an answer that looked like an upgrade but was not a valid one.
  return notGateway('other-websocket', failure.message);
}

/** The first bytes a port sends before being asked anything; empty when it sends none within `waitMs`. */
function unpromptedBytes(host: string, port: number, waitMs: number): Promise<Buffer> {
  if (waitMs <= 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (bytes: Buffer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(bytes);
    };
    const timer = setTimeout(() => done(Buffer.alloc(0)), waitMs);
    socket.once('data', (chunk: Buffer) => done(chunk));
    socket.once('error', () => done(Buffer.alloc(0)));
    socket.once('close', () => done(Buffer.alloc(0)));
  });
}

/**
 * The error to show for a URL where no Gateway answered, with the next step. Kinds: `not-a-gateway` when something
 * else answers (`not-websocket`, `ssh`, `garbage`, `other-websocket`), else `gateway-closed`, `gateway-tls-failed`,
 * `gateway-refused`, `gateway-timeout` or `gateway-unreachable`.
 */
export function notAGatewayError(url: string, result: NotGateway): AppError {
  const { host, port } = endpoint(url);
  const where = `port ${port} of ${host}`;
  const checkPort =
    `Check the port: the Gateway's is ${DEFAULT_GATEWAY_PORT} unless gateway.port in its config on the host says ` +
    'otherwise ("Fetch from host" reads it).';
  switch (result.reason) {
    case 'ssh':
      return appError(
        'not-a-gateway',
        `An SSH server answers on ${where} (${result.detail}), not an OpenClaw Gateway.`,
        `The app was pointed at the SSH port. Use the Gateway's port instead: ${DEFAULT_GATEWAY_PORT} unless ` +
          'gateway.port in its config on the host says otherwise ("Fetch from host" reads it).',
      );
    case 'not-websocket':
      return appError(
        'not-a-gateway',
        `A web server answers on ${where} (${result.detail}) and refused to open a WebSocket, so it is not an ` +
          'OpenClaw Gateway.',
        `${checkPort} If a proxy stands in front of the Gateway, it has to pass WebSocket upgrades through.`,
      );
    case 'garbage':
      return appError(
        'not-a-gateway',
        `Something that speaks neither HTTP nor WebSocket answers on ${where}: ${result.detail}. It is not an ` +
          'OpenClaw Gateway.',
        checkPort,
      );
    case 'other-websocket':
      return appError(
        'not-a-gateway',
        `A WebSocket server answers on ${where}, but not an OpenClaw Gateway: ${result.detail}.`,
        `${checkPort} A Gateway sends connect.challenge as soon as the socket opens.`,
      );
    case 'closed':
      return appError(
        'gateway-closed',
        `Something accepted the connection on ${where} and closed it without answering.`,
        'Through an SSH tunnel this means nothing listens on the host at the port the tunnel forwards to: start the ' +
          `Gateway there ("openclaw gateway start"), or check the port (${DEFAULT_GATEWAY_PORT} unless gateway.port ` +
          'says otherwise).',
      );
    case 'tls':
      return appError(
        'gateway-tls-failed',
        `The secure (TLS) connection to ${where} failed: ${result.detail}.`,
        'Use ws:// for a Gateway without TLS (through an SSH tunnel, or on a trusted network); wss:// is for ' +
          'Tailscale Serve or a TLS proxy in front of the Gateway.',
      );
    case 'refused':
      return appError(
        'gateway-refused',
        `Nothing is listening on ${where}, so no Gateway runs there.`,
        'Start the Gateway on the host ("openclaw gateway start" for the installed service, or "openclaw gateway ' +
          `run"), or check the port: ${DEFAULT_GATEWAY_PORT} unless gateway.port in its config says otherwise.`,
      );
    case 'timeout':
      return appError(
        'gateway-timeout',
        `Nothing answered on ${where}: ${result.detail}.`,
        'Check that the host is up and reachable and that no firewall drops the port; a Gateway answers at once.',
      );
    case 'unreachable':
      return appError(
        'gateway-unreachable',
        `Could not reach ${host}: ${result.detail}.`,
        'Check the host name and the network between here and there (Wi-Fi, VPN, Tailscale).',
      );
  }
}

function notGateway(reason: NotGatewayReason, detail: string): NotGateway {
  return { gateway: false, reason, detail };
}

function endpoint(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:';
  // URL keeps the brackets of an IPv6 literal, which net.connect does not take.
  return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(parsed.port) || (secure ? 443 : 80) };
}

/** Bytes as text a person can read in a message: printable ASCII kept, the rest shown as hex. */
function preview(bytes: Buffer): string {
  const head = bytes.subarray(0, PREVIEW_BYTES);
  const ascii = head.every((byte) => (byte >= 0x20 && byte < 0x7f) || byte === 0x0a || byte === 0x0d);
  const shown = ascii ? `"${printable(head)}"` : [...head].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `${shown}${bytes.length > PREVIEW_BYTES ? '…' : ''}`;
}

function printable(bytes: Buffer): string {
  return bytes
    .toString('latin1')
    .replace(/[^\x20-\x7e]+/g, ' ')
    .trim();
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
