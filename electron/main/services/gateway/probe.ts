// What answers at a Gateway URL, and what to tell the person when it is not a Gateway: the one reading of a port for
// the probe (discovery, diagnostics) and for the client's failed handshakes. A Gateway sends `connect.challenge` as
// soon as a WebSocket opens; otherwise the status, bytes or error the port gave (or an SSH banner) say what is there.
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { appError, type AppError } from '../../../shared/errors';
import { describeIssues } from '../../describe-issues';
import type { Clock } from '../system/clock';
import { challengeSchema, parseFrame, type Challenge } from './frames';

export const DEFAULT_GATEWAY_PORT = 18789;
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;
/** An SSH server sends its banner within a round trip of accepting; waiting longer only delays the answer. */
const BANNER_WAIT_MS = 500;
const PREVIEW_BYTES = 48;

/**
 * Why a URL is not a Gateway: nothing listens (`refused`), nothing answers in time (`timeout`), the host name does
 * not resolve (`unknown-host`) or the host cannot be reached (`unreachable`), or something else answers: a web server
 * that answers the upgrade with an HTTP status (`not-websocket`), an SSH server (`ssh`), bytes of some other protocol
 * (`garbage`), a WebSocket server that is not a Gateway (`other-websocket`) or that opens and says nothing
 * (`silent-websocket`), a listener that hangs up without a word (`closed`, what an SSH tunnel does when nothing runs
 * behind it), or a failed TLS handshake (`tls`).
 */
export type NotGatewayReason =
  | 'refused'
  | 'timeout'
  | 'unknown-host'
  | 'unreachable'
  | 'not-websocket'
  | 'ssh'
  | 'garbage'
  | 'other-websocket'
  | 'silent-websocket'
  | 'closed'
  | 'tls';

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

/** A WebSocket handshake's error as ws and Node report it; `rawPacket` holds what the HTTP parser could not read. */
export type HandshakeFailure = Error & { code?: string; rawPacket?: unknown };

export async function probeGateway(
  url: string,
  clock: Clock,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<ProbeResult> {
  const deadline = clock.now() + timeoutMs;
  const outcome = await webSocketProbe(url, timeoutMs, clock);
  return 'gateway' in outcome ? outcome : explainHandshakeFailure(url, outcome.failure, deadline - clock.now(), clock);
}

/**
 * What a failed WebSocket handshake says about the port. Node's HTTP parser keeps the bytes that were not HTTP: an
 * SSH banner, or some other protocol's answer. Without them, when the port accepted but said nothing readable (a
 * hang-up, a failed TLS handshake), a new, silent connection shows within `waitMs` whether it talks first, as SSH
 * servers do; the handshake's own error explains the rest.
 */
export async function explainHandshakeFailure(
  url: string,
  failure: HandshakeFailure,
  waitMs: number,
  clock: Clock,
): Promise<NotGateway> {
  if (Buffer.isBuffer(failure.rawPacket) && failure.rawPacket.length > 0) return whatSent(failure.rawPacket);
  const found = classifyFailure(failure, url.startsWith('wss:'));
  if (!UNREAD_ANSWERS.has(found.reason)) return found;
  const { host, port } = endpoint(url);
  const banner = await unpromptedBytes(host, port, Math.min(BANNER_WAIT_MS, waitMs), clock);
  return banner.length > 0 ? whatSent(banner) : found;
}

/** An HTTP answer to the upgrade request: a web server, or a proxy that does not pass WebSockets through. */
export function httpAnswer(response: IncomingMessage): NotGateway {
  const status = response.statusCode ?? 0;
  const server = printable(Buffer.from(String(response.headers.server ?? ''), 'latin1'));
  const detail = `HTTP ${status} ${response.statusMessage ?? ''}`.trim() + (server ? ` from ${server}` : '');
  return { ...notGateway('not-websocket', detail), status };
}

/** A wait that ran out: nothing answered at all, or a WebSocket opened and sent no connect.challenge. */
export function silence(opened: boolean, waitedMs: number): NotGateway {
  const within = `within ${seconds(waitedMs)}`;
  return opened
    ? notGateway('silent-websocket', `it opened a WebSocket but sent nothing ${within}`)
    : notGateway('timeout', `no answer ${within}`);
}

/**
 * The first message on a WebSocket (`undefined` when it was binary): a Gateway's connect.challenge, or what shows
 * the server is something else.
 */
export function readChallenge(text: string | undefined): { gateway: true; challenge: Challenge } | NotGateway {
  if (text === undefined) return otherWebSocket('it sent binary data');
  const parsed = parseFrame(text);
  if (!parsed.ok) return otherWebSocket(`its first message was ${parsed.reason}`);
  const { frame } = parsed;
  if (frame.type !== 'event' || frame.event !== 'connect.challenge') {
    const what = frame.type === 'event' ? `the event ${frame.event}` : 'a reply';
    return otherWebSocket(`its first message was ${what} instead of connect.challenge`);
  }
  const challenge = challengeSchema.safeParse(frame.payload);
  if (challenge.success) return { gateway: true, challenge: challenge.data };
  return otherWebSocket(`its connect.challenge is malformed (${describeIssues(challenge.error)})`);
}

/** A WebSocket opened, but what came first was not a Gateway's `connect.challenge`; `what` says what it was. */
function otherWebSocket(what: string): NotGateway {
  return notGateway('other-websocket', what);
}

function webSocketProbe(
  url: string,
  timeoutMs: number,
  clock: Clock,
): Promise<ProbeResult | { failure: HandshakeFailure }> {
  return new Promise((resolve) => {
    let settled = false;
    let opened = false;
    const socket = new WebSocket(url, { maxPayload: 256 * 1024, perMessageDeflate: false });
    const finish = (result: ProbeResult | { failure: HandshakeFailure }) => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      resolve(result);
    };
    const timer = clock.setTimeout(() => finish(silence(opened, timeoutMs)), timeoutMs);
    socket.on('open', () => (opened = true));
    socket.on('unexpected-response', (_request, response) => finish(httpAnswer(response)));
    // Once open, ws reports only broken frames: a WebSocket server, but not one that speaks as a Gateway does.
    socket.on('error', (error: HandshakeFailure) =>
      finish(opened ? otherWebSocket(error.message) : { failure: error }),
    );
    socket.on('close', (code: number) => {
      if (!opened) return;
      finish(otherWebSocket(`it closed the WebSocket (code ${code}) without a connect.challenge`));
    });
    socket.on('message', (data: Buffer, isBinary) => {
      const first = readChallenge(isBinary ? undefined : data.toString('utf8'));
      finish(first.gateway ? { gateway: true } : first);
    });
  });
}

/** Answers whose bytes were not seen (or not readable): a second look may find an SSH server behind them. */
const UNREAD_ANSWERS = new Set<NotGatewayReason>(['closed', 'tls', 'garbage']);
/** Node's system error codes (ECONNREFUSED, EHOSTUNREACH, ETIMEDOUT…), as opposed to TLS, parser and ws codes. */
const SYSTEM_ERROR = /^E[A-Z]+$/;

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
  if (code === 'ECONNREFUSED') return notGateway('refused', 'nothing is listening');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return notGateway('unknown-host', failure.message);
  // Node's HTTP parser: the answer to the upgrade request was not HTTP at all.
  if (code.startsWith('HPE_')) return notGateway('garbage', 'it answered with something that is not HTTP');
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return notGateway('closed', 'it accepted the connection and closed it without answering');
  }
  // Over wss://, a code that is not the network's own comes from the TLS handshake (EPROTO is OpenSSL's, too).
  if (secure && code && (code === 'EPROTO' || !SYSTEM_ERROR.test(code))) return notGateway('tls', failure.message);
  if (SYSTEM_ERROR.test(code)) return notGateway('unreachable', failure.message);
  // What is left are ws's own handshake checks, which carry no code: an answer that looked like an upgrade but was
  // not a valid one.
  return otherWebSocket(failure.message);
}

/** The first bytes a port sends before being asked anything; empty when it sends none within `waitMs`. */
function unpromptedBytes(host: string, port: number, waitMs: number, clock: Clock): Promise<Buffer> {
  if (waitMs <= 0) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (bytes: Buffer) => {
      clock.clearTimeout(timer);
      socket.destroy();
      resolve(bytes);
    };
    const timer = clock.setTimeout(() => done(Buffer.alloc(0)), waitMs);
    socket.once('data', (chunk: Buffer) => done(chunk));
    socket.once('error', () => done(Buffer.alloc(0)));
    socket.once('close', () => done(Buffer.alloc(0)));
  });
}

/**
 * The error to show for a URL where no Gateway answered, with the next step. Kinds: `not-a-gateway` when something
 * else answers (`not-websocket`, `ssh`, `garbage`, `other-websocket`, `silent-websocket`), else
 * `gateway-not-running` (refused), `gateway-connection-dropped` (closed), `gateway-tls-failed`, `gateway-no-answer`
 * (timeout), `gateway-host-unknown` or `gateway-unreachable`.
 */
export function notAGatewayError(url: string, result: NotGateway): AppError {
  const { host, port } = endpoint(url);
  const where = `port ${port} of ${host}`;
  const gatewayPort =
    `${DEFAULT_GATEWAY_PORT} unless gateway.port in its config on the host says otherwise ("Fetch from host" ` +
    'reads it)';
  const checkPort = `Check the port: the Gateway's is ${gatewayPort}.`;
  const challengeFirst = 'A Gateway sends connect.challenge as soon as the socket opens.';
  switch (result.reason) {
    case 'ssh':
      return appError(
        'not-a-gateway',
        `An SSH server answers on ${where} (${result.detail}), not an OpenClaw Gateway.`,
        `The app was pointed at the SSH port. Use the Gateway's port instead: ${gatewayPort}.`,
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
        `${checkPort} ${challengeFirst}`,
      );
    case 'silent-websocket':
      return appError(
        'not-a-gateway',
        `A WebSocket server answers on ${where} but sent no connect.challenge (${result.detail}), so it does not ` +
          'behave like an OpenClaw Gateway.',
        `${checkPort} ${challengeFirst}`,
      );
    case 'closed':
      return appError(
        'gateway-connection-dropped',
        `Something accepted the connection on ${where} and closed it without answering.`,
        'Through an SSH tunnel this means nothing listens on the host at the port the tunnel forwards to: start the ' +
          `Gateway there ("openclaw gateway start"), or check the port (${gatewayPort}).`,
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
        'gateway-not-running',
        `Nothing is listening on ${where}, so no Gateway runs there.`,
        'Start the Gateway on the host ("openclaw gateway start" for the installed service, or "openclaw gateway ' +
          `run"), or check the port: ${gatewayPort}. At the local end of an SSH tunnel it means the tunnel is not ` +
          'up.',
      );
    case 'timeout':
      return appError(
        'gateway-no-answer',
        `Nothing answered on ${where}: ${result.detail}.`,
        'Check that the host is up and reachable and that no firewall drops the port; a Gateway answers at once.',
      );
    case 'unknown-host':
      return appError(
        'gateway-host-unknown',
        `The host name ${host} does not resolve (${result.detail}).`,
        'Check the host name in the URL, and that the network that knows it is up (DNS, VPN, Tailscale).',
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

/** The host and port a Gateway URL names, as a connection to it reaches them. */
export function endpoint(url: string): { host: string; port: number } {
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

/** `1.5 s`, `10 s`: a wait as a person reads it. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
