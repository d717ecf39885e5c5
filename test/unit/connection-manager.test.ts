// The connection state machine, transition by transition: a route and a Gateway client the test moves through
// their link states by hand, on a clock it moves by hand, so every combination the manager folds into one status is
// reached on purpose. The real route and client are exercised end to end in test/integration/cli.test.ts.
import { EventEmitter } from 'node:events';
import { PassThrough, type Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { appError, type AppErrorKind } from '../../electron/shared/errors';
import type { LinkState } from '../../electron/shared/link-state';
import { profileSchema } from '../../electron/shared/profile';
import { AppFailure } from '../../electron/main/app-failure';
import {
  ConnectionManager,
  type ConnectionMemory,
  type GatewayLink,
} from '../../electron/main/services/connection/connection-manager';
import type { Route } from '../../electron/main/services/connection/route';
import type { GatewayState } from '../../electron/main/services/gateway/gateway-client';
import type { Health } from '../../electron/main/services/gateway/method-results';
import { SteppedClock } from '../fixtures/stepped-clock';
import { createTestLog } from '../fixtures/silent-log';

const home = profileSchema.parse({ id: 'home', name: 'Home', route: { kind: 'ssh', target: 'me@home.example' } });
const work = profileSchema.parse({ id: 'work', name: 'Work', route: { kind: 'direct', url: 'wss://work.example' } });

const dialing: LinkState = { phase: 'connecting', step: { step: 'connecting', host: 'home.example', port: 22 } };

class TestRoute extends EventEmitter<{ state: [LinkState] }> implements Route {
  state: LinkState = dialing;
  stopped = false;
  nudged = 0;
  startError: Error | undefined;
  start = async () => {
    if (this.startError) throw this.startError;
    return { kind: 'ssh' as const, target: 'me@home.example', localPort: 18789, url: 'ws://127.0.0.1:18789' };
  };
  streamsOpened = 0;
  openStream = async () => {
    this.streamsOpened += 1;
    return new PassThrough();
  };
  nudge = () => {
    this.nudged += 1;
  };
  /** Stands for the live ssh2 Client; the manager only hands it on. */
  liveSsh: object | undefined;
  sshClient = () => this.liveSsh as ReturnType<NonNullable<Route['sshClient']>>;
  stop = async () => {
    this.stopped = true;
  };
  move(state: LinkState) {
    this.state = state;
    this.emit('state', state);
  }
}

class TestGateway extends EventEmitter<{ state: [GatewayState] }> implements GatewayLink {
  state: GatewayState = { phase: 'idle' };
  closed = false;
  nudged = 0;
  healthAnswer: () => Promise<Health> = async () => ({ ok: true });
  readonly #clock: SteppedClock;
  constructor(clock: SteppedClock) {
    super();
    this.#clock = clock;
  }
  start = () => this.move({ phase: 'connecting', step: { step: 'opening-gateway' } });
  nudge = () => {
    this.nudged += 1;
  };
  close = async () => {
    this.closed = true;
    this.move({ phase: 'idle' });
  };
  health = () => this.healthAnswer();
  move(state: GatewayState) {
    this.state = state;
    this.emit('state', state);
  }
  /** Signed in with the saved token, or (`device-token`) with the device token after the Gateway refused it. */
  connect(signedInWith: 'token' | 'device-token' = 'token') {
    this.move({
      phase: 'up',
      since: this.#clock.now(),
      url: 'ws://127.0.0.1:18789',
      serverVersion: '2026.9.6',
      scopes: ['operator.read'],
      missingScopes: [],
      authMethod: signedInWith,
      savedTokenRejected: signedInWith === 'device-token',
      latencyMs: 3,
    });
  }
}

function memoryOf(initial: { lastActiveProfileId?: string; manuallyDisconnected: boolean }) {
  const state = { ...initial };
  const memory: ConnectionMemory = {
    read: () => state,
    connected: (id) => Object.assign(state, { lastActiveProfileId: id, manuallyDisconnected: false }),
    disconnected: () => Object.assign(state, { manuallyDisconnected: true }),
  };
  return { state, memory };
}

function setup(
  memoryState: { lastActiveProfileId?: string; manuallyDisconnected: boolean } = { manuallyDisconnected: false },
) {
  const routes: TestRoute[] = [];
  const gateways: TestGateway[] = [];
  const tokens: (string | undefined)[] = [];
  const streamOpeners: ((() => Promise<Duplex>) | undefined)[] = [];
  const { state, memory } = memoryOf(memoryState);
  const clock = new SteppedClock(1_000_000);
  const manager = new ConnectionManager({
    findProfile: (ref) => {
      const found = [home, work].find((profile) => profile.id === (ref ?? 'home') || profile.name === ref);
      if (!found) throw new AppFailure(appError('profile-not-found', `No profile named ${ref}.`));
      return found;
    },
    token: async (id) => `token-of-${id}`,
    openRoute: () => {
      const route = new TestRoute();
      routes.push(route);
      return route;
    },
    openGateway: ({ token, openStream }) => {
      tokens.push(token);
      streamOpeners.push(openStream);
      const gateway = new TestGateway(clock);
      gateways.push(gateway);
      return gateway;
    },
    memory,
    log: createTestLog().logger('connection'),
    clock,
    healthIntervalMs: 60_000,
  });
  const seen: ConnectionStatus[] = [];
  manager.on('status', (status) => seen.push(status));
  return {
    manager,
    routes,
    gateways,
    tokens,
    streamOpeners,
    memory: state,
    seen,
    states: () => seen.map((status) => status.state),
    /** Moves the clock, then lets what its timers started (health checks) run. */
    advance: async (ms: number) => {
      clock.advance(ms);
      await settle();
    },
    /** Connects the primary profile all the way: route up, Gateway signed in, first health check answered. */
    connectFully: async () => {
      await manager.connect();
      routes[0]!.move(up);
      gateways[0]!.connect();
      await settle();
    },
  };
}

/** Lets the manager's awaited steps (route start, token read, health) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const up: LinkState = { phase: 'up', since: 0 };

describe('connection manager', () => {
  it('goes idle → connecting → connected, with the route, version, latency and since when', async () => {
    const t = setup();
    expect(t.manager.status).toEqual({ state: 'idle' });
    await t.manager.connect();
    expect(t.manager.status).toMatchObject({ state: 'connecting', profileId: 'home', profileName: 'Home' });
    // No Gateway client until the route is up: its attempts would only meet a tunnel that hangs up.
    expect(t.gateways).toHaveLength(0);
    t.routes[0]!.move(up);
    expect(t.tokens).toEqual(['token-of-home']);
    expect(t.manager.status.state).toBe('connecting');
    t.gateways[0]!.connect();
    await settle();
    expect(t.manager.status).toMatchObject({
      state: 'connected',
      route: { kind: 'ssh', localPort: 18789, url: 'ws://127.0.0.1:18789' },
      gatewayVersion: '2026.9.6',
      connectedSince: 1_000_000,
      latencyMs: 0,
    });
    expect(t.memory).toEqual({ lastActiveProfileId: 'home', manuallyDisconnected: false });
  });

  it('shows what the route is doing while it starts', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move({ phase: 'connecting', step: { step: 'authenticating', user: 'me', host: 'home.example' } });
    expect(t.manager.status.route?.stage).toBe('signing in as me');
    t.routes[0]!.move(up);
    expect(t.manager.status.route?.stage).toBe('opening the Gateway connection');
    t.gateways[0]!.move({ phase: 'connecting', step: { step: 'signing-in-to-gateway' } });
    expect(t.manager.status.route?.stage).toBe('signing in to the Gateway');
  });

  it('connected → degraded when a health check fails, and back to connected when one passes', async () => {
    const t = setup();
    await t.connectFully();
    expect(t.manager.status.state).toBe('connected');
    t.gateways[0]!.healthAnswer = async () => {
      throw new Error('request timed out');
    };
    await t.advance(60_000);
    expect(t.manager.status).toMatchObject({
      state: 'degraded',
      lastError: { kind: 'gateway-health-failed', action: 'retry-now' },
    });
    t.gateways[0]!.healthAnswer = async () => ({ ok: true });
    await t.advance(60_000);
    expect(t.manager.status.state).toBe('connected');
    expect(t.manager.status.lastError).toBeUndefined();
    await t.manager.disconnect();
  });

  it('Retry Now on a failed health check asks the Gateway again at once, not at the next check', async () => {
    const t = setup();
    await t.connectFully();
    t.gateways[0]!.healthAnswer = async () => {
      throw new Error('request timed out');
    };
    await t.advance(60_000);
    expect(t.manager.status.state).toBe('degraded');
    t.gateways[0]!.healthAnswer = async () => ({ ok: true });
    t.manager.nudge();
    await settle();
    expect(t.manager.status.state).toBe('connected');
    // The checks go on at their interval afterwards: one timer, not two.
    t.gateways[0]!.healthAnswer = async () => {
      throw new Error('request timed out');
    };
    await t.advance(60_000);
    expect(t.manager.status.state).toBe('degraded');
    await t.manager.disconnect();
  });

  it('signed in with the device token because the saved token was refused: a warning to replace it, never connected', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    t.gateways[0]!.connect('device-token');
    await settle();
    expect(t.manager.status).toMatchObject({
      state: 'degraded',
      gatewayVersion: '2026.9.6',
      lastError: {
        kind: 'gateway-token-rejected',
        message: 'Connected with this Mac’s device token; the saved Gateway token was rejected.',
        action: 'enter-token',
      },
    });
    expect(t.states()).not.toContain('connected');
    // A failing health check says more about now than the token does; once it passes, the token warning is back.
    t.gateways[0]!.healthAnswer = async () => {
      throw new Error('request timed out');
    };
    await t.advance(60_000);
    expect(t.manager.status.lastError?.kind).toBe('gateway-health-failed');
    t.gateways[0]!.healthAnswer = async () => ({ ok: true });
    await t.advance(60_000);
    expect(t.manager.status).toMatchObject({ state: 'degraded', lastError: { kind: 'gateway-token-rejected' } });
    await t.manager.disconnect();
  });

  it('a health check that never answers marks the connection degraded', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    t.gateways[0]!.healthAnswer = () => new Promise<Health>(() => {});
    t.gateways[0]!.connect();
    await t.advance(10_000);
    expect(t.manager.status).toMatchObject({ state: 'degraded', lastError: { kind: 'gateway-health-failed' } });
    await t.manager.disconnect();
  });

  it('connected → reconnecting with a countdown when the SSH link drops, → connected at once when it is back', async () => {
    const t = setup();
    await t.connectFully();
    t.routes[0]!.move({
      phase: 'retrying',
      attempt: 2,
      delayMs: 4_000,
      at: 1_004_000,
      lastError: appError('connection-lost', 'The SSH link was lost.'),
    });
    t.gateways[0]!.move({
      phase: 'retrying',
      attempt: 1,
      delayMs: 500,
      at: 1_000_500,
      lastError: appError('gateway-connection-lost', 'The connection to the Gateway was lost.'),
    });
    expect(t.manager.status).toMatchObject({
      state: 'reconnecting',
      retry: { attempt: 2, at: 1_004_000 },
      lastError: { kind: 'connection-lost', action: 'retry-now' },
    });
    expect(t.manager.status.connectedSince).toBeUndefined();
    // Between attempts the route is connecting again: still reconnecting, never "connecting" after a first success.
    await t.advance(4_000);
    t.routes[0]!.move(dialing);
    expect(t.manager.status.state).toBe('reconnecting');
    t.routes[0]!.move(up);
    // The link is back: the Gateway client retries now instead of waiting out a backoff grown during the outage.
    expect(t.gateways[0]!.nudged).toBe(1);
    t.gateways[0]!.connect();
    await settle();
    expect(t.manager.status).toMatchObject({ state: 'connected', connectedSince: 1_004_000 });
  });

  it('gives the Gateway client the route’s own stream to the Gateway', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    await t.streamOpeners[0]!();
    expect(t.routes[0]!.streamsOpened).toBe(1);
  });

  it.each<[string, AppErrorKind, string]>([
    ['the port forward hangs up', 'gateway-connection-dropped', 'Something accepted the connection and closed it.'],
    ['the host refuses the channel', 'forward-failed', 'The host could not open a connection to 127.0.0.1:18789.'],
  ])('SSH link up but %s: says no Gateway runs there', async (_, kind, message) => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    t.gateways[0]!.move({
      phase: 'retrying',
      attempt: 1,
      delayMs: 500,
      at: 1_000_500,
      lastError: appError(kind, message),
    });
    expect(t.manager.status).toMatchObject({
      state: 'reconnecting',
      lastError: { kind: 'gateway-not-running-on-host', action: 'retry-now' },
    });
    expect(t.manager.status.lastError?.message).toContain('no Gateway answers on port 18789');
  });

  it('a route failure only a person can fix → error, with the action that fixes it', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move({ phase: 'failed', error: appError('auth-failed', 'All keys were refused.', 'Add your key.') });
    expect(t.manager.status).toMatchObject({
      state: 'error',
      lastError: {
        kind: 'auth-failed',
        message: 'All keys were refused.',
        hint: 'Add your key.',
        action: 'edit-profile',
      },
    });
  });

  it('a Gateway token mismatch → error asking for the token', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    t.gateways[0]!.move({
      phase: 'failed',
      error: appError('gateway-token-mismatch', 'The Gateway refused the token.'),
    });
    expect(t.manager.status).toMatchObject({ state: 'error', lastError: { action: 'enter-token' } });
  });

  it('a route that cannot start (busy port) → error, and nothing is left running', async () => {
    const t = setup();
    const failing = new TestRoute();
    failing.startError = new AppFailure(appError('local-port-in-use', 'Port 18789 is taken by ssh (pid 4).'));
    t.routes.push(failing);
    const manager = new ConnectionManager({
      findProfile: () => home,
      token: async () => undefined,
      openRoute: () => failing,
      openGateway: () => {
        throw new Error('no Gateway client may open without a route');
      },
      memory: memoryOf({ manuallyDisconnected: false }).memory,
      log: createTestLog().logger('connection'),
      clock: new SteppedClock(),
    });
    const status = await manager.connect();
    expect(status).toMatchObject({ state: 'error', lastError: { kind: 'local-port-in-use', action: 'edit-profile' } });
    expect(failing.stopped).toBe(true);
  });

  it('manual disconnect during a reconnect: stops the route and client, stays idle, and is remembered', async () => {
    const t = setup();
    await t.connectFully();
    t.routes[0]!.move({
      phase: 'retrying',
      attempt: 1,
      delayMs: 2_000,
      at: 1_002_000,
      lastError: appError('connection-lost', 'x'),
    });
    expect(t.manager.status.state).toBe('reconnecting');
    await t.manager.disconnect();
    expect(t.manager.status).toEqual({ state: 'idle' });
    expect(t.routes[0]!.stopped).toBe(true);
    expect(t.gateways[0]!.closed).toBe(true);
    expect(t.memory.manuallyDisconnected).toBe(true);
    // A late event from the stopped route (its retry timer firing) changes nothing.
    t.routes[0]!.move(up);
    t.gateways[0]!.connect();
    expect(t.manager.status).toEqual({ state: 'idle' });
    expect(t.states().at(-1)).toBe('idle');
  });

  it('nudge reaches both the route and the Gateway client', async () => {
    const t = setup();
    await t.manager.connect();
    t.routes[0]!.move(up);
    t.manager.nudge();
    expect(t.routes[0]!.nudged).toBe(1);
    expect(t.gateways[0]!.nudged).toBe(1);
  });

  it('connecting another profile closes the first', async () => {
    const t = setup();
    await t.manager.connect('home');
    t.routes[0]!.move(up);
    await t.manager.connect('Work');
    expect(t.routes[0]!.stopped).toBe(true);
    expect(t.gateways[0]!.closed).toBe(true);
    expect(t.manager.status).toMatchObject({ profileId: 'work', state: 'connecting' });
    expect(t.memory.lastActiveProfileId).toBe('work');
  });

  it('an unknown profile is refused with its error, and the current connection stays', async () => {
    const t = setup();
    await t.manager.connect('home');
    await expect(t.manager.connect('nope')).rejects.toThrow('No profile named nope.');
    expect(t.routes[0]!.stopped).toBe(false);
    expect(t.manager.status.profileId).toBe('home');
  });

  it('at launch: reconnects the last active profile, unless the user had disconnected', async () => {
    const resumed = setup({ lastActiveProfileId: 'work', manuallyDisconnected: false });
    await resumed.manager.restoreAtLaunch();
    expect(resumed.manager.status.profileId).toBe('work');

    const left = setup({ lastActiveProfileId: 'work', manuallyDisconnected: true });
    await left.manager.restoreAtLaunch();
    expect(left.manager.status).toEqual({ state: 'idle' });
    expect(left.routes).toHaveLength(0);
  });

  it('Connect, Disconnect, Connect in quick succession ends connected to the last one asked', async () => {
    const t = setup();
    await Promise.all([t.manager.connect('home'), t.manager.disconnect(), t.manager.connect('work')]);
    expect(t.manager.status).toMatchObject({ state: 'connecting', profileId: 'work' });
    expect(t.routes.filter((route) => !route.stopped)).toHaveLength(1);
    expect(t.memory.manuallyDisconnected).toBe(false);
  });

  it('hands actions the live profile, its Gateway client only once signed in, and the SSH connection', async () => {
    const t = setup();
    expect(t.manager.live()).toBeUndefined();
    await t.manager.connect();
    expect(t.manager.live()).toEqual({ profile: home, gateway: undefined, ssh: undefined });
    const ssh = {};
    t.routes[0]!.liveSsh = ssh;
    t.routes[0]!.move(up);
    expect(t.manager.live('home')).toMatchObject({ gateway: undefined, ssh });
    t.gateways[0]!.connect();
    await settle();
    expect(t.manager.live('home')?.gateway).toBe(t.gateways[0]);
    // Another profile's actions must not act through this connection.
    expect(t.manager.live('work')).toBeUndefined();
    t.gateways[0]!.move({
      phase: 'retrying',
      attempt: 1,
      delayMs: 1000,
      at: 0,
      lastError: appError('gateway-connection-dropped', 'x'),
    });
    expect(t.manager.live()?.gateway).toBeUndefined();
    await t.manager.disconnect();
    expect(t.manager.live()).toBeUndefined();
  });

  it('emits a status only when something changed', async () => {
    const t = setup();
    await t.manager.connect();
    const count = t.seen.length;
    t.routes[0]!.move(dialing);
    t.routes[0]!.move(dialing);
    expect(t.seen.length).toBe(count);
  });
});
