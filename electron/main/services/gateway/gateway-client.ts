// The app's link to one OpenClaw Gateway at a plain URL (direct, tailnet or the local end of an SSH tunnel):
// connects as a signed operator device, keeps the device token the Gateway issues, and offers typed calls. A link
// supervisor keeps it up, watching for the Gateway to answer again while down; the Gateway's answers say when to come
// back, or that only a person can help.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { z } from 'zod';
import { appError } from '../../../shared/errors';
import type { LinkState } from '../../../shared/link-state';
import { AppFailure } from '../../app-failure';
import { createReconnectPolicy, type BackoffOptions, type ReconnectPolicy } from '../link/reconnect-policy';
import { LinkSupervisor, type Attempt } from '../link/supervisor';
import type { Logger } from '../log/app-log';
import type { SecretStore } from '../secrets/secret-store';
import type { Clock } from '../system/clock';
import { connectParams, DEFAULT_SCOPES, ROLE, type ConnectAuth } from './connect-params';
import { loadDeviceIdentity, loadInstanceId, type DeviceIdentity } from './device-identity';
import { gatewayAnswers } from './gateway-answers';
import { DeviceTokenStore, type StoredDeviceToken } from './device-token-store';
import { describeIssues } from '../../describe-issues';
import { GatewayConnection, type WebSocketFactory } from './gateway-connection';
import { badReply, GatewayConnectFailure, type GatewayError, type GatewayFailure } from './gateway-errors';
import {
  configSnapshotSchema,
  healthSchema,
  logsTailSchema,
  presenceListSchema,
  statusSchema,
  type ConfigSnapshot,
  type GatewayStatus,
  type Health,
  type LogsTail,
  type LogsTailParams,
  type PresenceEntry,
} from './method-results';

/** What a signed-in Gateway connection carries. */
export interface GatewaySession {
  url: string;
  serverVersion: string;
  /** What the Gateway granted: the socket's real authority. */
  scopes: string[];
  /** Asked for but not granted; calls needing them fail with gateway-missing-scope. */
  missingScopes: string[];
  /** token, device-token, … as hello-ok reports it. */
  authMethod: string | undefined;
  /**
   * The Gateway refused the saved token and let the device token it issued earlier sign in instead: connected, but
   * the saved token needs replacing (the Gateway can revoke the device token at any time).
   */
  savedTokenRejected: boolean;
  /** The last ping's round trip (the connect request's until the first pong). */
  latencyMs: number;
}

export type GatewayState = LinkState<GatewaySession, GatewayError>;

export interface GatewayEvent {
  event: string;
  payload: unknown;
  seq?: number;
}

export interface GatewayClientOptions {
  url: string;
  /** wss:// only: the pinned certificate fingerprint (`sha256:<hex>`), which replaces the CA check. */
  tlsFingerprint?: string;
  /**
   * Opens a stream straight to the Gateway (an SSH tunnel's channel) for each attempt, carrying the WebSocket
   * instead of a TCP connection to the URL, which then only names the Gateway. Rejects with a GatewayConnectFailure.
   */
  openStream?: () => Promise<Duplex>;
  /** The Gateway's shared token (its gateway.auth.token), when known. */
  token?: string;
  /**
   * Names this Gateway whatever route reaches it (a profile id, or `ssh-host:remote-port` rather than a tunnel's
   * local port); the device token it issues is kept under this name. Default: the URL.
   */
  gatewayKey?: string;
  secrets: SecretStore;
  log: Logger;
  /** Registers a secret with the app log, so no log line can ever show it. */
  redact: (secret: string) => void;
  appVersion: string;
  /** Default: process.platform. */
  platform?: string;
  /** Default: one made once per install and kept in the secret store. */
  instanceId?: string;
  /** Default: DEFAULT_SCOPES. */
  scopes?: readonly string[];
  createWebSocket?: WebSocketFactory;
  clock: Clock;
  policy?: ReconnectPolicy;
  /**
   * Whether the Gateway answers, probed while the client is down. Default: its /healthz over a fresh stream when
   * `openStream` is given, else a TCP connection to the URL's port.
   */
  peerAnswers?: (signal: AbortSignal) => Promise<boolean>;
  challengeTimeoutMs?: number;
  requestTimeoutMs?: number;
  pingIntervalMs?: number;
  /** Each ping's round trip (WebSocket ping to pong), in ms, as it comes (the stability history). */
  onRoundTrip?: (ms: number) => void;
}

interface GatewayClientEvents {
  state: [GatewayState];
  event: [GatewayEvent];
}

interface Install {
  identity: DeviceIdentity;
  instanceId: string;
  tokens: DeviceTokenStore;
}

/** Faster first retries than the SSH link's (the macOS app starts at 500 ms), capped as the reference client. */
export const GATEWAY_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.2,
  stableAfterMs: 30_000,
};

const DEFAULT_CHALLENGE_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** NATs and proxies drop idle flows after about 30 s. */
const DEFAULT_PING_INTERVAL_MS = 15_000;

export class GatewayClient extends EventEmitter<GatewayClientEvents> {
  readonly #options: GatewayClientOptions;
  readonly #scopes: readonly string[];
  readonly #link: LinkSupervisor<GatewaySession, GatewayError>;
  #install: Promise<Install> | undefined;
  #connection: GatewayConnection | undefined;
  /**
   * The protocol's one recovery from AUTH_TOKEN_MISMATCH: retry once with the stored device token next to the
   * shared token, on a loopback URL only. `pending` holds the mismatch to report if that retry fails too.
   */
  #deviceTokenRetry: { used: boolean; pending?: GatewayFailure } = { used: false };

  constructor(options: GatewayClientOptions) {
    super();
    this.#options = options;
    this.#scopes = options.scopes ?? DEFAULT_SCOPES;
    this.#link = new LinkSupervisor({
      name: 'the Gateway',
      attempt: (attempt) => this.#attempt(attempt),
      failureOf,
      peerAnswers: options.peerAnswers ?? gatewayAnswers(options, options.clock),
      onState: (state) => this.#emitSafely('state', state),
      policy: options.policy ?? createReconnectPolicy(GATEWAY_BACKOFF),
      clock: options.clock,
      log: options.log,
    });
    if (options.token) options.redact(options.token);
  }

  get state(): GatewayState {
    return this.#link.state;
  }

  /** Starts connecting, and keeps the link up until close() or a failure only a person can fix. */
  start(): void {
    if (this.state.phase === 'idle' || this.state.phase === 'failed') this.#deviceTokenRetry = { used: false };
    this.#link.start();
  }

  /** Wake from sleep, a network change, the way to the Gateway back: if waiting to reconnect, try now. */
  nudge(): void {
    this.#link.nudge();
  }

  /** Closes the link; nothing reconnects afterwards, and calls still waiting fail. */
  async close(): Promise<void> {
    this.#link.stop();
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close();
  }

  /** Calls any Gateway method; the typed calls below check their results. */
  async request(method: string, params: unknown = {}, timeoutMs?: number): Promise<unknown> {
    const connection = this.#connection;
    if (!connection) {
      throw new AppFailure(
        appError(
          'gateway-not-connected',
          'OpenClaw Remote is not connected to the Gateway.',
          'Wait until it is connected.',
        ),
      );
    }
    return connection.request(method, params, timeoutMs);
  }

  health(options: { probe?: boolean } = {}): Promise<Health> {
    return this.#call('health', options.probe ? { probe: true } : {}, healthSchema);
  }

  status(): Promise<GatewayStatus> {
    return this.#call('status', {}, statusSchema);
  }

  systemPresence(): Promise<PresenceEntry[]> {
    return this.#call('system-presence', {}, presenceListSchema);
  }

  /** The Gateway's config file and resolved config, with secrets redacted by the Gateway. */
  configGet(): Promise<ConfigSnapshot> {
    return this.#call('config.get', {}, configSnapshotSchema);
  }

  /** Log lines from `cursor` on (the newest ones without it); pass the returned cursor to continue. */
  logsTail(params: LogsTailParams = {}): Promise<LogsTail> {
    return this.#call('logs.tail', params, logsTailSchema);
  }

  async #call<T>(method: string, params: unknown, schema: z.ZodType<T>): Promise<T> {
    const payload = await this.request(method, params);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) throw new AppFailure(badReply(`${method} returned ${describeIssues(parsed.error)}`).error);
    return parsed.data;
  }

  /** One attempt: the device identity and token, a stream or socket to the Gateway, the signed handshake. */
  async #attempt(attempt: Attempt<GatewaySession, GatewayError>): Promise<void> {
    const { signal } = attempt;
    const { url, log, clock } = this.#options;
    attempt.step({ step: 'opening-gateway' });
    let install: Install | undefined;
    let stored: StoredDeviceToken | undefined;
    let auth: ConnectAuth = {};
    let connection: GatewayConnection;
    try {
      install = await this.#loadInstall();
      stored = await install.tokens.load();
      if (stored) this.#options.redact(stored.token);
      auth = this.#chooseAuth(stored);
      const { identity, instanceId } = install;
      const client = {
        version: this.#options.appVersion,
        platform: this.#options.platform ?? process.platform,
        instanceId,
      };
      const stream = await this.#options.openStream?.();
      if (stream && signal.aborted) {
        stream.destroy();
        return;
      }
      connection = await GatewayConnection.open({
        url,
        ...(this.#options.tlsFingerprint ? { tlsFingerprint: this.#options.tlsFingerprint } : {}),
        ...(stream ? { stream } : {}),
        createWebSocket: this.#options.createWebSocket ?? ((target, options) => new WebSocket(target, options)),
        connectParams: (challenge) => connectParams({ identity, challenge, client, scopes: this.#scopes, auth }),
        onOpen: () => attempt.step({ step: 'signing-in-to-gateway' }),
        signal,
        challengeTimeoutMs: this.#options.challengeTimeoutMs ?? DEFAULT_CHALLENGE_TIMEOUT_MS,
        requestTimeoutMs: this.#options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        pingIntervalMs: this.#options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS,
        clock,
        log,
      });
    } catch (error) {
      if (signal.aborted) return;
      throw new GatewayConnectFailure(await this.#attemptFailed(failureOf(error), auth, stored, install?.tokens));
    }
    if (signal.aborted) {
      await connection.close();
      return;
    }
    await this.#connected(attempt, connection, auth, stored, install.tokens);
  }

  /** The shared token when there is one (the protocol's precedence); otherwise the stored device token. */
  #chooseAuth(stored: StoredDeviceToken | undefined): ConnectAuth {
    const { token } = this.#options;
    if (!token) return stored ? { deviceToken: stored.token } : {};
    return this.#deviceTokenRetry.pending && stored ? { token, deviceToken: stored.token } : { token };
  }

  /** What a failed attempt means, after the protocol's one recovery from a token mismatch has had its chance. */
  async #attemptFailed(
    failure: GatewayFailure,
    auth: ConnectAuth,
    stored: StoredDeviceToken | undefined,
    tokens: DeviceTokenStore | undefined,
  ): Promise<GatewayFailure> {
    const { log } = this.#options;
    const retry = this.#deviceTokenRetry;
    if (failure.code === 'AUTH_TOKEN_MISMATCH' && stored && !retry.used && isLoopback(this.#options.url)) {
      this.#deviceTokenRetry = { used: true, pending: failure };
      log.warn('The Gateway rejected the configured token; trying once more with the device token it issued earlier');
      return { ...failure, retry: true, retryAfterMs: 0 };
    }
    let reported = failure;
    if (retry.pending) {
      this.#deviceTokenRetry = { used: true };
      // The device token did not help either: the token the person configured is what needs fixing.
      if (!failure.retry) reported = retry.pending;
    }
    if (auth.deviceToken && failure.code === 'AUTH_DEVICE_TOKEN_MISMATCH') {
      await tokens?.clear();
      log.warn('Forgot the device token the Gateway no longer accepts');
    }
    return reported;
  }

  async #connected(
    attempt: Attempt<GatewaySession, GatewayError>,
    connection: GatewayConnection,
    auth: ConnectAuth,
    stored: StoredDeviceToken | undefined,
    tokens: DeviceTokenStore,
  ): Promise<void> {
    const { url, log } = this.#options;
    this.#connection = connection;
    this.#deviceTokenRetry = { used: false };
    const { server, auth: granted } = connection.hello;
    const missingScopes = this.#scopes.filter((scope) => !granted.scopes.includes(scope));
    if (missingScopes.length > 0) {
      log.warn(`The Gateway did not grant ${missingScopes.join(', ')}; calls that need them will fail`);
    }
    const savedTokenRejected = auth.token !== undefined && granted.method === 'device-token';
    if (savedTokenRejected) {
      log.warn('Connected with the device token because the Gateway rejected the configured token; update it');
    }
    log.info(`Connected to OpenClaw Gateway ${server.version} at ${url} (${granted.scopes.join(', ') || 'no scopes'})`);
    let session: GatewaySession = {
      url,
      serverVersion: server.version,
      scopes: granted.scopes,
      missingScopes,
      authMethod: granted.method,
      savedTokenRejected,
      latencyMs: connection.connectRttMs,
    };
    attempt.up(session);
    // After `up` is announced: a connection that already ended reports that end at once.
    connection.start({
      event: (frame) => this.#emitSafely('event', { event: frame.event, payload: frame.payload, seq: frame.seq }),
      latency: (latencyMs) => {
        this.#options.onRoundTrip?.(latencyMs);
        session = { ...session, latencyMs };
        attempt.up(session);
      },
      end: (failure) => {
        if (this.#connection === connection) this.#connection = undefined;
        attempt.lost(failure);
      },
    });
    const issued = granted.deviceToken;
    if (!issued || issued === stored?.token) return;
    this.#options.redact(issued);
    try {
      await tokens.save({ token: issued, scopes: granted.scopes });
    } catch (error) {
      log.error(`Could not keep the Gateway's device token: ${String(error)}`);
    }
  }

  #loadInstall(): Promise<Install> {
    this.#install ??= (async () => {
      const { secrets, log, gatewayKey, url } = this.#options;
      const identity = await loadDeviceIdentity(secrets, log);
      const instanceId = this.#options.instanceId ?? (await loadInstanceId(secrets));
      return {
        identity,
        instanceId,
        tokens: new DeviceTokenStore(secrets, gatewayKey ?? url, identity.deviceId, ROLE),
      };
    })();
    // A secret store that failed once may work on the next attempt.
    this.#install.catch(() => (this.#install = undefined));
    return this.#install;
  }

  #emitSafely<K extends keyof GatewayClientEvents>(name: K, ...args: GatewayClientEvents[K]): void {
    try {
      this.emit(name, ...(args as never));
    } catch (error) {
      this.#options.log.error(`A Gateway ${name} listener failed: ${String(error)}`);
    }
  }
}

function failureOf(error: unknown): GatewayFailure {
  if (error instanceof GatewayConnectFailure) return error.failure;
  const message = error instanceof Error ? error.message : String(error);
  return {
    retry: true,
    error: appError(
      'gateway-client-error',
      `Could not prepare the connection: ${message}.`,
      'OpenClaw Remote tries again by itself; the Logs section has the details if it keeps failing.',
    ),
  };
}

/** The device-token retry is for trusted ends only; an SSH tunnel ends on loopback. */
function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
