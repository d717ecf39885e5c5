// One WebSocket to a Gateway, from opening to close: wait for connect.challenge, send the signed connect request,
// read hello-ok, then carry requests and events. A ping every 15 s measures latency and catches dead links, and
// the tick watchdog drops a connection on which the Gateway has been silent for twice its tick interval.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { appError } from '../../../shared/errors';
import { AppFailure } from '../../app-failure';
import type { Logger } from '../log/app-log';
import { describeIssues } from '../../describe-issues';
import { CertificatePinMismatch, pinnedTlsOptions } from './certificate-pin';
import {
  helloOkSchema,
  parseFrame,
  shutdownSchema,
  type Challenge,
  type EventFrame,
  type HelloOk,
  type ResponseFrame,
} from './frames';
import {
  badReply,
  certificateMismatch,
  closedBeforeHello,
  connectionLost,
  connectRejected,
  frameRejected,
  gatewaySilent,
  GatewayConnectFailure,
  httpInsteadOfWebSocket,
  methodFailed,
  notReached,
  pingUnanswered,
  signInTimedOut,
  type GatewayFailure,
} from './gateway-errors';
import { PendingRequests } from './pending-requests';
import { streamConnection } from './stream-connection';
import { explainHandshakeFailure, httpAnswer, readChallenge, silence } from './probe';
import type { Clock, TimerHandle } from '../system/clock';

export type WebSocketFactory = (url: string, options: WebSocket.ClientOptions) => WebSocket;

export interface ConnectionOptions {
  url: string;
  /** wss:// only: accept exactly the certificate with this `sha256:<hex>` fingerprint, whoever signed it. */
  tlsFingerprint?: string;
  createWebSocket: WebSocketFactory;
  /** Carries the WebSocket instead of a connection to the URL (an SSH tunnel's channel to the Gateway). */
  stream?: Duplex;
  /** The `connect` params, signed over the challenge; called once per connection. */
  connectParams: (challenge: Challenge) => Record<string, unknown>;
  /** The WebSocket is open and the handshake is under way. */
  onOpen: () => void;
  /** Abandons the attempt (the client was closed) until hello-ok. */
  signal: AbortSignal;
  /** Covers reaching the server, the WebSocket upgrade and the challenge. */
  challengeTimeoutMs: number;
  requestTimeoutMs: number;
  pingIntervalMs: number;
  /** The Gateway client's clock: every deadline, ping and watchdog of the connection runs on it. */
  clock: Clock;
  log: Logger;
}

/** What the owner of a connection hears once it called start(). */
export interface ConnectionHandlers {
  event: (frame: EventFrame) => void;
  latency: (latencyMs: number) => void;
  /** The connection ended after hello-ok; the failure says why and whether to reconnect. */
  end: (failure: GatewayFailure) => void;
}

/** Above anything a Gateway sends (its own cap, policy.maxPayload, is 25 MiB); ws refuses bigger frames. */
const MAX_FRAME_BYTES = 25 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;

export class GatewayConnection {
  readonly #options: ConnectionOptions;
  readonly #socket: WebSocket;
  readonly #pending: PendingRequests;
  readonly #handshake: Promise<GatewayConnection>;
  #resolveHandshake!: (connection: GatewayConnection) => void;
  #rejectHandshake!: (error: GatewayConnectFailure) => void;
  #challengeTimer: TimerHandle;
  #watchdog: TimerHandle;
  /** Set once keepalive starts (after hello-ok): how long the Gateway may stay silent. */
  #silentAfterMs: number | undefined;
  #pinger: TimerHandle;
  #pingSentAt: number | undefined;
  #connectTimer: TimerHandle;
  #opened = false;
  #challenged = false;
  /** Settles once a failed handshake has been explained (explainHandshakeFailure may look at the port again). */
  #explained: Promise<void> = Promise.resolve();
  #connectId: string | undefined;
  #connectSentAt = 0;
  #hello: HelloOk | undefined;
  #connectRttMs = 0;
  #failure: GatewayFailure | undefined;
  #handlers: ConnectionHandlers | undefined;
  /** Events and the end that came before start(): frames of one TCP read arrive before any promise settles. */
  readonly #early: EventFrame[] = [];
  #endedEarly: GatewayFailure | undefined;
  #shutdown: { reason: string; restartExpectedMs?: number } | undefined;
  #closed: Promise<void>;
  readonly #onAbort = () =>
    this.#fail({
      retry: false,
      error: appError('gateway-client-closed', 'The connection was closed by OpenClaw Remote.'),
    });

  /** Resolves once hello-ok arrived; rejects with a GatewayConnectFailure otherwise. */
  static open(options: ConnectionOptions): Promise<GatewayConnection> {
    return new GatewayConnection(options).#handshake;
  }

  private constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#pending = new PendingRequests(options.clock);
    this.#handshake = new Promise((resolve, reject) => {
      this.#resolveHandshake = resolve;
      this.#rejectHandshake = reject;
    });
    // No Origin header (ws sends none unless asked): the Gateway checks browser origins, and this is no browser.
    // No handshakeTimeout either: the challenge timer covers the handshake, and knows whether the socket opened.
    this.#socket = options.createWebSocket(options.url, {
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      followRedirects: false,
      ...(options.tlsFingerprint ? pinnedTlsOptions(options.tlsFingerprint) : {}),
      ...(options.stream ? { createConnection: streamConnection(options.stream) } : {}),
    });
    this.#closed = new Promise((resolve) => this.#socket.once('close', () => resolve()));
    const deadline = options.clock.now() + options.challengeTimeoutMs;
    this.#challengeTimer = options.clock.setTimeout(
      () => this.#fail(notReached(options.url, silence(this.#opened, options.challengeTimeoutMs))),
      options.challengeTimeoutMs,
    );
    this.#socket.on('unexpected-response', (request, response) => {
      const retryAfter = Number(response.headers['retry-after']);
      request.destroy();
      this.#fail(
        httpInsteadOfWebSocket(options.url, httpAnswer(response), Number.isFinite(retryAfter) ? retryAfter : undefined),
      );
    });
    this.#socket.on('error', (error) => {
      if (this.#failure) return;
      if (error instanceof CertificatePinMismatch) {
        this.#fail(certificateMismatch(options.url, error));
        return;
      }
      if (this.#opened) {
        this.#fail(frameRejected(error, options.url));
        return;
      }
      this.#explained = explainHandshakeFailure(options.url, error, deadline - options.clock.now(), options.clock).then(
        (found) => this.#fail(notReached(options.url, found)),
      );
    });
    this.#socket.on('open', () => {
      this.#opened = true;
      options.onOpen();
    });
    this.#socket.on('message', (data, isBinary) => this.#receive(data, isBinary));
    this.#socket.on('pong', () => this.#pong());
    this.#socket.on('close', (code, reason) => this.#ended(code, reason.toString('utf8')));
    if (options.signal.aborted) this.#onAbort();
    else options.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  get hello(): HelloOk {
    if (!this.#hello) throw new Error('The connection has no hello-ok yet.');
    return this.#hello;
  }

  /** How long the connect request took to be answered, the first latency figure before any ping returns. */
  get connectRttMs(): number {
    return this.#connectRttMs;
  }

  /** Starts delivering events and the end to `handlers`, first whatever came in before. */
  start(handlers: ConnectionHandlers): void {
    this.#handlers = handlers;
    for (const frame of this.#early.splice(0)) this.#deliver(() => handlers.event(frame));
    if (this.#endedEarly) this.#deliver(() => handlers.end(this.#endedEarly!));
  }

  /** Calls a method and returns its payload; an error reply or a timeout rejects with an AppFailure. */
  async request(method: string, params: unknown, timeoutMs = this.#options.requestTimeoutMs): Promise<unknown> {
    if (!this.#hello || this.#socket.readyState !== WebSocket.OPEN) {
      throw new AppFailure(
        appError(
          'gateway-not-connected',
          'OpenClaw Remote is not connected to the Gateway.',
          'Wait until the status shows the Gateway connected again, then try once more.',
        ),
      );
    }
    const frame = await this.#call(method, params, timeoutMs);
    if (frame.ok) return frame.payload;
    throw new AppFailure(methodFailed(method, frame.error ?? { code: 'UNKNOWN', message: 'no reason given' }));
  }

  /** Closes the socket cleanly (forcefully after a grace period) and waits until it is closed. */
  async close(): Promise<void> {
    this.#failure ??= { retry: false, error: appError('gateway-client-closed', 'The connection was closed.') };
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.close(1000, 'client closing');
    else this.#socket.terminate();
    const { clock } = this.#options;
    const grace = clock.setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
    await this.#closed;
    clock.clearTimeout(grace);
  }

  #call(method: string, params: unknown, timeoutMs: number): Promise<ResponseFrame> {
    const { id, reply } = this.#pending.add(method, timeoutMs);
    this.#socket.send(JSON.stringify({ type: 'req', id, method, params }), (error) => {
      if (error)
        this.#pending.fail(
          id,
          appError(
            'gateway-not-connected',
            `Could not send ${method}: ${error.message}.`,
            'Wait until the status shows the Gateway connected again, then try once more.',
          ),
        );
    });
    return reply;
  }

  #receive(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#silentAfterMs !== undefined) this.#armWatchdog(this.#silentAfterMs);
    if (!this.#challenged) {
      this.#challenge(isBinary ? undefined : textOf(data));
      return;
    }
    const { log } = this.#options;
    if (isBinary) {
      log.debug('Ignored a binary message from the Gateway');
      return;
    }
    const parsed = parseFrame(textOf(data));
    if (!parsed.ok) {
      log.debug(`Ignored a message from the Gateway: ${parsed.reason}`);
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'res') {
      // Handled here rather than through a promise, so hello-ok takes effect before the next frame is read.
      if (frame.id === this.#connectId && !this.#hello) this.#answered(frame);
      else if (!this.#pending.settle(frame)) log.debug(`Ignored a reply to a request nobody waits for (${frame.id})`);
      return;
    }
    // Events before hello-ok are not for this client yet; it subscribes by completing the handshake.
    if (this.#hello) this.#event(frame);
  }

  #challenge(text: string | undefined): void {
    const first = readChallenge(text);
    if (!first.gateway) {
      this.#fail(notReached(this.#options.url, first));
      return;
    }
    this.#challenged = true;
    this.#options.clock.clearTimeout(this.#challengeTimer);
    this.#signIn(first.challenge);
  }

  #signIn(challenge: Challenge): void {
    const { connectParams, requestTimeoutMs, clock } = this.#options;
    let params: Record<string, unknown>;
    try {
      params = connectParams(challenge);
    } catch (error) {
      this.#fail({
        retry: true,
        error: appError(
          'gateway-connect-failed',
          `Could not sign in: ${String(error)}.`,
          'OpenClaw Remote tries again by itself; the Logs section has the details if it keeps failing.',
        ),
      });
      return;
    }
    this.#connectId = randomUUID();
    this.#connectSentAt = clock.now();
    this.#connectTimer = this.#options.clock.setTimeout(
      () => this.#fail(signInTimedOut(requestTimeoutMs)),
      requestTimeoutMs,
    );
    this.#socket.send(JSON.stringify({ type: 'req', id: this.#connectId, method: 'connect', params }));
  }

  #answered(reply: ResponseFrame): void {
    this.#options.clock.clearTimeout(this.#connectTimer);
    if (!reply.ok) {
      this.#fail(connectRejected(reply.error ?? { code: 'UNKNOWN', message: 'no reason given' }));
      return;
    }
    const hello = helloOkSchema.safeParse(reply.payload);
    if (!hello.success) {
      this.#fail(badReply(`hello-ok is malformed (${describeIssues(hello.error)})`));
      return;
    }
    if (this.#failure) return;
    // From here on the owner ends the connection with close(), which closes it cleanly.
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    this.#hello = hello.data;
    this.#connectRttMs = this.#options.clock.now() - this.#connectSentAt;
    this.#startKeepalive(hello.data.policy.tickIntervalMs);
    this.#resolveHandshake(this);
  }

  #event(frame: EventFrame): void {
    if (frame.event === 'shutdown') {
      const notice = shutdownSchema.safeParse(frame.payload);
      this.#shutdown = notice.success ? notice.data : { reason: 'no reason given' };
    }
    if (this.#handlers) this.#deliver(() => this.#handlers!.event(frame));
    else this.#early.push(frame);
  }

  #startKeepalive(tickIntervalMs: number): void {
    const silentAfterMs = 2 * tickIntervalMs;
    this.#silentAfterMs = silentAfterMs;
    this.#armWatchdog(silentAfterMs);
    this.#ping();
  }

  /** (Re)starts the countdown that any frame from the Gateway resets: silent that long, the link is dead. */
  #armWatchdog(silentAfterMs: number): void {
    const { clock } = this.#options;
    clock.clearTimeout(this.#watchdog);
    this.#watchdog = clock.setTimeout(() => this.#fail(gatewaySilent(silentAfterMs)), silentAfterMs);
  }

  /** One ping now, and the next one a ping interval later (re-armed each time, as the Clock has no interval). */
  #ping(): void {
    if (this.#pingSentAt !== undefined) {
      this.#fail(pingUnanswered(this.#options.pingIntervalMs));
      return;
    }
    this.#pingSentAt = this.#options.clock.now();
    this.#socket.ping();
    this.#pinger = this.#options.clock.setTimeout(() => this.#ping(), this.#options.pingIntervalMs);
  }

  #pong(): void {
    if (this.#pingSentAt === undefined) return;
    const latencyMs = this.#options.clock.now() - this.#pingSentAt;
    this.#pingSentAt = undefined;
    if (this.#handlers) this.#deliver(() => this.#handlers!.latency(latencyMs));
  }

  /** Records the first reason the connection failed and drops it; `#ended` reports it once the socket closed. */
  #fail(failure: GatewayFailure): void {
    if (this.#failure) return;
    this.#failure = failure;
    this.#socket.terminate();
  }

  #ended(code: number, reason: string): void {
    this.#options.clock.clearTimeout(this.#challengeTimer);
    this.#options.clock.clearTimeout(this.#connectTimer);
    this.#options.clock.clearTimeout(this.#watchdog);
    this.#options.clock.clearTimeout(this.#pinger);
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    if (!this.#hello) {
      // Requests wait for hello-ok, so none is pending; the socket closes before its failed handshake is explained.
      void this.#explained.then(() =>
        this.#rejectHandshake(new GatewayConnectFailure(this.#failure ?? closedBeforeHello(code, reason))),
      );
      return;
    }
    const failure = this.#failure ?? connectionLost(code, reason, this.#shutdown);
    this.#pending.failAll(failure.error);
    if (this.#handlers) this.#deliver(() => this.#handlers!.end(failure));
    else this.#endedEarly = failure;
  }

  /** A handler's exception must not unwind into the socket's event handling. */
  #deliver(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#options.log.error(`A Gateway connection handler failed: ${String(error)}`);
    }
  }
}

function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
