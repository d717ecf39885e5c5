// The one live connection: drives a profile's route and a Gateway client over it, and folds their link states, the
// health checks, a saved token the Gateway refused and the errors into a single status (idle, connecting, connected,
// degraded, reconnecting, error) emitted on every change. A manual disconnect is remembered, so launch reconnects
// only what the user left on.
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import type { ConnectionStatus, RouteDetails } from '../../../shared/connection-status';
import { stepWords } from '../../../shared/describe-connection';
import { appError, type AppError } from '../../../shared/errors';
import type { LinkStep } from '../../../shared/link-state';
import type { Profile } from '../../../shared/profile';
import { errorOf } from '../../app-failure';
import type { GatewayState } from '../gateway/gateway-client';
import { savedTokenRejected } from '../gateway/gateway-errors';
import type { Health } from '../gateway/method-results';
import type { Logger } from '../log/app-log';
import type { Clock, TimerHandle } from '../system/clock';
import { connectionError, gatewayNotRunningOnHost } from './connection-error';
import type { Route } from './route';

/** What the manager uses of a Gateway client (GatewayClient in the app). */
export interface GatewayLink {
  readonly state: GatewayState;
  on(event: 'state', listener: (state: GatewayState) => void): unknown;
  start(): void;
  nudge(): void;
  close(): Promise<void>;
  health(): Promise<Health>;
}

/** The part of the settings the manager keeps: which profile was on, and whether the user turned it off. */
export interface ConnectionMemory {
  read(): { lastActiveProfileId?: string; manuallyDisconnected: boolean };
  connected(profileId: string): void;
  disconnected(): void;
}

export interface ConnectionManagerDeps<G extends GatewayLink = GatewayLink> {
  /** The profile by name or ID, or the primary one when none is named; throws an AppFailure when there is none. */
  findProfile(ref?: string): Profile;
  token(profileId: string): Promise<string | undefined>;
  openRoute(profile: Profile): Route;
  openGateway(options: {
    url: string;
    token: string | undefined;
    gatewayKey: string;
    /** The direct route's pinned certificate. */
    tlsFingerprint?: string;
    /** The route's stream to the Gateway, when it has one, used instead of dialing the URL. */
    openStream?: () => Promise<Duplex>;
  }): G;
  memory: ConnectionMemory;
  log: Logger;
  clock: Clock;
  /** How often `health` is asked while connected; its round trip is the latency shown. */
  healthIntervalMs?: number;
  /** A health call slower than this marks the connection degraded. */
  healthTimeoutMs?: number;
}

interface Session<G extends GatewayLink> {
  profile: Profile;
  route: Route;
  details: RouteDetails;
  gateway?: G;
  /** A start failure (a busy port, an unreadable token) that leaves nothing running. */
  startError?: AppError;
  everConnected: boolean;
  latencyMs?: number;
  /** The last health call failed or reported a problem: connected, but not well. */
  unhealthy?: AppError;
  healthTimer?: TimerHandle;
}

const DEFAULT_HEALTH_INTERVAL_MS = 15_000;
const DEFAULT_HEALTH_TIMEOUT_MS = 10_000;

/**
 * What is live of the connection right now, for actions that work through it rather than open their own link (the
 * Gateway's log and clients, commands on the SSH host): the profile, its Gateway client once signed in, and the SSH
 * connection while the route has one up.
 */
export interface LiveConnection<G extends GatewayLink> {
  profile: Profile;
  gateway: G | undefined;
  ssh: Client | undefined;
}

/** `G`: the Gateway client the deps open, whose own methods `live()` hands to actions. */
export class ConnectionManager<G extends GatewayLink = GatewayLink> extends EventEmitter<{
  status: [ConnectionStatus];
}> {
  readonly #deps: ConnectionManagerDeps<G>;
  readonly #clock: Clock;
  #session: Session<G> | undefined;
  #status: ConnectionStatus = { state: 'idle' };
  /** Serializes connect and disconnect, so a quick Connect–Disconnect–Connect ends in the last one's state. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: ConnectionManagerDeps<G>) {
    super();
    this.#deps = deps;
    this.#clock = deps.clock;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** The live connection of `profileId` (of whichever profile is on when not given), or undefined. */
  live(profileId?: string): LiveConnection<G> | undefined {
    const session = this.#session;
    if (!session || (profileId !== undefined && session.profile.id !== profileId)) return undefined;
    const gateway = session.gateway?.state.phase === 'up' ? session.gateway : undefined;
    return { profile: session.profile, gateway, ssh: session.route.sshClient?.() };
  }

  /** Connects the named profile (the primary one by default), closing whatever was connected before. */
  connect(ref?: string): Promise<ConnectionStatus> {
    return this.#serially(async () => {
      const profile = this.#deps.findProfile(ref);
      await this.#end();
      this.#deps.memory.connected(profile.id);
      await this.#begin(profile);
      return this.#status;
    });
  }

  /** Closes the connection and remembers that the user wants it closed, also across launches. */
  disconnect(): Promise<void> {
    return this.#serially(async () => {
      this.#deps.memory.disconnected();
      await this.#end();
    });
  }

  /** Reconnects the profile that was on when the app last ran, unless the user had disconnected it. */
  async restoreAtLaunch(): Promise<void> {
    const { lastActiveProfileId, manuallyDisconnected } = this.#deps.memory.read();
    if (manuallyDisconnected || lastActiveProfileId === undefined) return;
    try {
      await this.connect(lastActiveProfileId);
    } catch (error) {
      this.#deps.log.warn(
        `Could not reconnect the last profile at launch: ${errorOf(error, 'connect-failed').message}`,
      );
    }
  }

  /** Wake from sleep, a network change or Retry Now: whatever waits to retry, retries now. */
  nudge(): void {
    const session = this.#session;
    if (!session) return;
    session.route.nudge();
    session.gateway?.nudge();
    // A Gateway that is up but failed its health check has no attempt waiting to be hurried: ask its health again
    // now, so Retry Now on that warning answers at once instead of at the next check a minute later.
    if (session.unhealthy && session.gateway?.state.phase === 'up') {
      this.#clock.clearTimeout(session.healthTimer);
      void this.#checkHealth(session);
    }
  }

  /** Stops everything without touching what is remembered (the app is quitting). */
  shutdown(): Promise<void> {
    return this.#serially(() => this.#end());
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #begin(profile: Profile): Promise<void> {
    const route = this.#deps.openRoute(profile);
    const session: Session<G> = { profile, route, details: { kind: profile.route.kind }, everConnected: false };
    this.#session = session;
    let openGateway: (() => void) | undefined;
    route.on('state', (state) => {
      if (state.phase === 'up') {
        openGateway?.();
        // Back after an outage: the Gateway client's backoff grew while the link was down, and need not be waited.
        if (session.gateway?.state.phase === 'retrying') session.gateway.nudge();
      }
      this.#update(session);
    });
    this.#update(session);
    try {
      const details = await route.start();
      session.details = details;
      const token = await this.#deps.token(profile.id);
      if (this.#session !== session) return;
      // The Gateway client starts once the route is first up: before that, each of its attempts would only meet a
      // tunnel that hangs up, and wait out a backoff after the tunnel is ready.
      openGateway = () => {
        openGateway = undefined;
        if (this.#session !== session) return;
        const pin = profile.route.kind === 'direct' ? profile.route.tlsFingerprint : undefined;
        const gateway = this.#deps.openGateway({
          url: details.url,
          token,
          gatewayKey: profile.id,
          ...(pin ? { tlsFingerprint: pin } : {}),
          ...(route.openStream ? { openStream: route.openStream.bind(route) } : {}),
        });
        session.gateway = gateway;
        gateway.on('state', (state) => this.#gatewayChanged(session, state));
        gateway.start();
      };
      if (route.state.phase === 'up') openGateway();
    } catch (error) {
      session.startError = errorOf(error, 'connect-failed');
      this.#deps.log.error(`Could not start ${profile.name}: ${session.startError.message}`);
      await route.stop().catch(() => undefined);
    }
    this.#update(session);
  }

  async #end(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#session = undefined;
    this.#clock.clearTimeout(session.healthTimer);
    await session.gateway?.close().catch(() => undefined);
    await session.route.stop().catch(() => undefined);
    this.#publish({ state: 'idle' });
  }

  #gatewayChanged(session: Session<G>, state: GatewayState): void {
    if (state.phase === 'up') {
      session.everConnected = true;
      if (session.healthTimer === undefined) void this.#checkHealth(session);
    } else {
      session.unhealthy = undefined;
      session.latencyMs = undefined;
      this.#clock.clearTimeout(session.healthTimer);
      session.healthTimer = undefined;
    }
    this.#update(session);
  }

  async #checkHealth(session: Session<G>): Promise<void> {
    const gateway = session.gateway;
    if (!gateway || this.#session !== session) return;
    const timeoutMs = this.#deps.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
    // Re-armed first, so a slow answer never stops the checks; the timer's presence also marks "checking".
    session.healthTimer = this.#clock.setTimeout(
      () => void this.#checkHealth(session),
      this.#deps.healthIntervalMs ?? DEFAULT_HEALTH_INTERVAL_MS,
    );
    const started = this.#clock.now();
    let timer: TimerHandle;
    try {
      const health = await Promise.race([
        gateway.health(),
        new Promise<never>((_, reject) => {
          timer = this.#clock.setTimeout(
            () => reject(new Error(`The Gateway did not answer a health check within ${timeoutMs} ms.`)),
            timeoutMs,
          );
        }),
      ]);
      session.latencyMs = this.#clock.now() - started;
      session.unhealthy =
        health.ok === false
          ? appError(
              'gateway-unhealthy',
              'The Gateway answers but reports a problem with its health.',
              'See the Diagnostics section, or "openclaw status" on the host.',
            )
          : undefined;
    } catch (error) {
      const reason = errorOf(error, 'gateway-health-failed');
      session.unhealthy = appError(
        'gateway-health-failed',
        `The Gateway is connected but its health check failed: ${reason.message}`,
        'It may be overloaded or stuck; OpenClaw Remote keeps checking.',
      );
    } finally {
      this.#clock.clearTimeout(timer);
    }
    if (this.#session === session && gateway.state.phase === 'up') this.#update(session);
  }

  #update(session: Session<G>): void {
    if (this.#session !== session) return;
    this.#publish(this.#statusOf(session));
  }

  #statusOf(session: Session<G>): ConnectionStatus {
    const { profile, route, gateway } = session;
    const base: ConnectionStatus = {
      state: 'connecting',
      profileId: profile.id,
      profileName: profile.name,
      route: session.details,
    };
    if (session.startError) return { ...base, state: 'error', lastError: connectionError(session.startError, false) };
    const routeState = route.state;
    if (routeState.phase === 'failed')
      return { ...base, state: 'error', lastError: connectionError(routeState.error, false) };
    const gatewayState = gateway?.state;
    if (gatewayState?.phase === 'failed') {
      return { ...base, state: 'error', lastError: connectionError(this.#explain(session, gatewayState.error), false) };
    }
    if (routeState.phase === 'up' && gatewayState?.phase === 'up') {
      // Up, but not as it should be: an unwell Gateway first (calls may fail now), then a saved token to replace.
      const warning = session.unhealthy ?? (gatewayState.savedTokenRejected ? savedTokenRejected() : undefined);
      const connected: ConnectionStatus = {
        ...base,
        state: warning ? 'degraded' : 'connected',
        gatewayVersion: gatewayState.serverVersion,
        connectedSince: gatewayState.since,
        ...(session.latencyMs === undefined ? {} : { latencyMs: session.latencyMs }),
      };
      return warning ? { ...connected, lastError: connectionError(warning, true) } : connected;
    }
    if (routeState.phase === 'retrying') {
      return {
        ...base,
        state: 'reconnecting',
        lastError: connectionError(routeState.lastError, true),
        retry: { attempt: routeState.attempt, at: routeState.at },
      };
    }
    if (routeState.phase === 'up' && gatewayState?.phase === 'retrying') {
      return {
        ...base,
        state: 'reconnecting',
        lastError: connectionError(this.#explain(session, gatewayState.lastError), true),
        retry: { attempt: gatewayState.attempt, at: gatewayState.at },
      };
    }
    // On the way up: what the route is doing, then what the Gateway client is (it opens once the route is up).
    const step =
      routeState.phase === 'up'
        ? gatewayStepOf(gatewayState)
        : routeState.phase === 'connecting'
          ? routeState.step
          : undefined;
    return {
      ...base,
      state: session.everConnected ? 'reconnecting' : 'connecting',
      route: { ...session.details, ...(step ? { stage: stepWords(step) } : {}) },
    };
  }

  /** A Gateway error read with what the route knows. */
  #explain(session: Session<G>, error: AppError): AppError {
    const { route } = session.profile;
    const sshTarget =
      route.kind === 'ssh' ? route : route.kind === 'tailscale' && route.via.kind === 'ssh' ? route.via : undefined;
    if (sshTarget && (error.kind === 'gateway-connection-dropped' || error.kind === 'forward-failed')) {
      return gatewayNotRunningOnHost(sshTarget.target, sshTarget.remotePort);
    }
    return error;
  }

  #publish(status: ConnectionStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.#status)) return;
    this.#status = status;
    if (status.lastError && status.state === 'error') this.#deps.log.error(status.lastError.message);
    this.emit('status', status);
  }
}

/** What the Gateway client is doing on its way up; before its first step, it is about to open the connection. */
function gatewayStepOf(state: GatewayState | undefined): LinkStep {
  return (state?.phase === 'connecting' ? state.step : undefined) ?? { step: 'opening-gateway' };
}
