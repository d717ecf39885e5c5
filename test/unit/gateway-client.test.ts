// The Gateway client against scripted peers, for what a real Gateway will not do on demand: non-Gateways (web pages,
// an SSH banner, garbage, silence, worded as the probe words them), frames that must not crash it, late and unordered
// replies, a silent Gateway, a restart notice, rate limiting, startup, pairing, and the connect request itself.
import { createPublicKey, verify } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient, type GatewayClientOptions } from '../../electron/main/services/gateway/gateway-client';
import { deviceIdOf, loadDeviceIdentity } from '../../electron/main/services/gateway/device-identity';
import { DeviceTokenStore } from '../../electron/main/services/gateway/device-token-store';
import { notAGatewayError, probeGateway } from '../../electron/main/services/gateway/probe';
import { signaturePayloadV3 } from '../../electron/main/services/gateway/signature-payload';
import { createMemorySecretStore, type SecretStore } from '../../electron/main/services/secrets/secret-store';
import { systemClock } from '../../electron/main/system/clock';
import { freePort } from '../fixtures/free-port';
import { quickRetries } from '../fixtures/gateway-client';
import {
  helloOk,
  startFakeGateway,
  startTcpGreeter,
  startWebPage,
  type FakePeer,
  type FakeServer,
} from '../fixtures/gateway-fake';
import { waitForPhase } from '../fixtures/link-state';
import { createTestLog } from '../fixtures/silent-log';
import { testSystem } from '../fixtures/system';

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const servers: FakeServer[] = [];
const clients: GatewayClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function track(server: FakeServer): FakeServer {
  servers.push(server);
  return server;
}

function client(url: string, options: Partial<GatewayClientOptions> = {}): GatewayClient {
  const log = createTestLog();
  const created = new GatewayClient({
    url,
    token: 'shared-token',
    secrets: createMemorySecretStore(),
    log: log.logger('gateway'),
    redact: (secret) => log.addSecret(secret),
    appVersion: '0.1.0-test',
    platform: 'darwin',
    clock: systemClock,
    policy: quickRetries(),
    challengeTimeoutMs: 500,
    requestTimeoutMs: 500,
    ...options,
  });
  clients.push(created);
  created.start();
  return created;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('GatewayClient: the connect request', () => {
  it('sends protocol 4 as openclaw-macos/ui with a device block signed over the v3 payload', async () => {
    let connect: Record<string, unknown> | undefined;
    const server = track(
      await startFakeGateway(async (peer) => {
        connect = (await peer.signIn()).params;
      }),
    );
    const connected = client(server.url, { instanceId: 'install-1' });
    await waitForPhase(connected, 'up');

    expect(connect).toMatchObject({
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'openclaw-macos', mode: 'ui', displayName: 'OpenClaw Remote', version: '0.1.0-test' },
      role: 'operator',
      scopes: ['operator.read'],
      auth: { token: 'shared-token' },
    });
    expect(connect?.client).toMatchObject({ platform: 'darwin', instanceId: 'install-1' });
    const device = connect?.device as {
      id: string;
      publicKey: string;
      signature: string;
      signedAt: number;
      nonce: string;
    };
    const raw = Buffer.from(device.publicKey, 'base64url');
    expect(raw).toHaveLength(32);
    expect(device.id).toBe(deviceIdOf(raw));
    expect(device.nonce).toBe('nonce-1');
    const payload = signaturePayloadV3({
      deviceId: device.id,
      clientId: 'openclaw-macos',
      clientMode: 'ui',
      role: 'operator',
      scopes: ['operator.read'],
      signedAtMs: device.signedAt,
      token: 'shared-token',
      nonce: 'nonce-1',
      platform: 'darwin',
      deviceFamily: undefined,
    });
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    expect(verify(null, Buffer.from(payload), key, Buffer.from(device.signature, 'base64url'))).toBe(true);
  });

  it('reports the scopes it asked for and did not get', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        peer.challenge();
        const connect = await peer.next();
        peer.reply(connect, { ...helloOk(30_000), auth: { role: 'operator', scopes: [] } });
      }),
    );
    const connected = client(server.url, { scopes: ['operator.read', 'operator.write'] });
    await expect(waitForPhase(connected, 'up')).resolves.toMatchObject({
      scopes: [],
      missingScopes: ['operator.read', 'operator.write'],
    });
  });
});

describe('GatewayClient: device tokens', () => {
  const mismatch = {
    code: 'INVALID_REQUEST',
    message: 'unauthorized: gateway token mismatch (provide gateway auth token)',
    details: {
      code: 'AUTH_TOKEN_MISMATCH',
      canRetryWithDeviceToken: true,
      recommendedNextStep: 'retry_with_device_token',
    },
  };

  async function storedToken(secrets: SecretStore, url: string): Promise<DeviceTokenStore> {
    const identity = await loadDeviceIdentity(secrets, createTestLog().logger('gateway'));
    const tokens = new DeviceTokenStore(secrets, url, identity.deviceId, 'operator');
    await tokens.save({ token: 'stale-device-token', scopes: ['operator.read'] });
    return tokens;
  }

  it('keeps the device token hello-ok issues, under the Gateway key', async () => {
    const server = track(await startFakeGateway((peer) => peer.signIn()));
    const secrets = createMemorySecretStore();
    const connected = client(server.url, { secrets, gatewayKey: 'profile-7' });
    await waitForPhase(connected, 'up');
    await expect.poll(async () => secrets.get('gateway.device-token:profile-7')).toContain('device-token-1');
  });

  it('reports the token mismatch and stops when the one device-token retry fails too', async () => {
    const auths: unknown[] = [];
    const server = track(
      await startFakeGateway(async (peer) => {
        peer.challenge();
        const connect = await peer.next();
        auths.push(connect.params.auth);
        const withDevice = (connect.params.auth as { deviceToken?: string }).deviceToken !== undefined;
        peer.fail(
          connect,
          withDevice
            ? {
                code: 'INVALID_REQUEST',
                message: 'unauthorized: device token mismatch',
                details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' },
              }
            : mismatch,
        );
        peer.socket.close(1008, 'unauthorized');
      }),
    );
    const secrets = createMemorySecretStore();
    const tokens = await storedToken(secrets, server.url);
    const failing = client(server.url, { secrets, token: 'wrong-shared-token' });

    await expect(waitForPhase(failing, 'failed')).resolves.toMatchObject({ error: { kind: 'gateway-token-mismatch' } });
    expect(auths).toEqual([
      { token: 'wrong-shared-token' },
      { token: 'wrong-shared-token', deviceToken: 'stale-device-token' },
    ]);
    expect(await tokens.load()).toBeUndefined();
    await sleep(600);
    expect(server.connections()).toBe(2);
  });

  it('forgets a device token the Gateway no longer accepts, and says how to pair again', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        peer.challenge();
        peer.fail(await peer.next(), {
          code: 'INVALID_REQUEST',
          message: 'unauthorized: device token mismatch (rotate/reissue device token)',
          details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' },
        });
        peer.socket.close(1008, 'unauthorized');
      }),
    );
    const secrets = createMemorySecretStore();
    const tokens = await storedToken(secrets, server.url);
    const failing = client(server.url, { secrets, token: undefined });

    const failed = await waitForPhase(failing, 'failed');
    expect(failed.error).toMatchObject({
      kind: 'gateway-device-token-rejected',
      hint: expect.stringContaining('gateway.auth.token'),
    });
    expect(await tokens.load()).toBeUndefined();
  });
});

describe('GatewayClient: something that is not a Gateway', () => {
  it('stops at a web page within the timeout', async () => {
    const server = track(await startWebPage());
    const failing = client(server.url);
    const failed = await waitForPhase(failing, 'failed', { timeoutMs: 2_000 });
    expect(failed.error.kind).toBe('not-a-gateway');
    expect(failed.error.message).toContain('HTTP 200');
    await sleep(600);
    expect(server.connections()).toBe(1);
  });

  it('stops at a server that answers bytes that are not HTTP', async () => {
    const server = track(await startTcpGreeter(Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 13, 10])));
    await expect(waitForPhase(client(server.url), 'failed', { timeoutMs: 2_000 })).resolves.toMatchObject({
      error: {
        kind: 'not-a-gateway',
      },
    });
  });

  it('stops at a WebSocket server whose first message is not connect.challenge', async () => {
    const server = track(await startFakeGateway((peer) => peer.socket.send('hello there')));
    await expect(waitForPhase(client(server.url), 'failed', { timeoutMs: 2_000 })).resolves.toMatchObject({
      error: {
        kind: 'not-a-gateway',
        message: expect.stringContaining('not JSON'),
      },
    });
  });

  it('gives up on a silent WebSocket server after the challenge timeout, and keeps trying', async () => {
    const server = track(await startFakeGateway(() => undefined));
    const started = Date.now();
    const retrying = await waitForPhase(client(server.url), 'retrying', { timeoutMs: 2_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(retrying.lastError).toMatchObject({
      kind: 'not-a-gateway',
      message: expect.stringContaining('connect.challenge'),
    });
  });

  it('gives up on a TCP server that never answers the upgrade, and keeps trying', async () => {
    const server = track(await startTcpGreeter(undefined));
    const retrying = await waitForPhase(client(server.url), 'retrying', { timeoutMs: 2_000 });
    expect(retrying.lastError).toMatchObject({
      kind: 'gateway-no-answer',
      message: expect.stringContaining('no answer'),
    });
  });

  it('says the Gateway is not running when the port refuses, and keeps trying', async () => {
    const retrying = await waitForPhase(client(`ws://127.0.0.1:${await freePort()}`), 'retrying');
    expect(retrying.lastError).toMatchObject({ kind: 'gateway-not-running', hint: expect.stringContaining('tunnel') });
  });
});

/** A TCP server that hangs up on every connection at once, as an SSH tunnel with nothing behind it does. */
async function startHangUp(): Promise<FakeServer> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('GatewayClient: says what the probe says about the same port', () => {
  it.each<[string, () => Promise<FakeServer>, 'failed' | 'retrying']>([
    ['a web page', () => startWebPage(404), 'failed'],
    ['an SSH server', () => startTcpGreeter('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3\r\n'), 'failed'],
    ['garbage', () => startTcpGreeter(Buffer.from([0, 1, 2, 0xff, 0xfe, 13, 10, 13, 10])), 'failed'],
    [
      'a WebSocket server that sends something else',
      () => startFakeGateway((peer) => peer.socket.send('hi')),
      'failed',
    ],
    ['a WebSocket server that says nothing', () => startFakeGateway(() => undefined), 'retrying'],
    ['a TCP server that says nothing', () => startTcpGreeter(undefined), 'retrying'],
    ['a listener that hangs up', startHangUp, 'retrying'],
  ])('%s', async (_peer, start, phase) => {
    const server = track(await start());
    const probed = await probeGateway(server.url, testSystem().clock, 500);
    if (probed.gateway) throw new Error('the probe took it for a Gateway');
    const said = notAGatewayError(server.url, probed);
    const connecting = client(server.url);
    const error =
      phase === 'failed'
        ? (await waitForPhase(connecting, 'failed', { timeoutMs: 2_000 })).error
        : (await waitForPhase(connecting, 'retrying', { timeoutMs: 2_000 })).lastError;
    expect(error).toMatchObject({ kind: said.kind, message: said.message, hint: expect.stringContaining(said.hint!) });
  });

  it('a closed port', async () => {
    const url = `ws://127.0.0.1:${await freePort()}`;
    const probed = await probeGateway(url, testSystem().clock, 500);
    if (probed.gateway) throw new Error('the probe took it for a Gateway');
    const said = notAGatewayError(url, probed);
    const retrying = await waitForPhase(client(url), 'retrying');
    expect(retrying.lastError).toMatchObject({
      kind: said.kind,
      message: said.message,
      hint: expect.stringContaining(said.hint!),
    });
  });
});

describe('GatewayClient: frames and requests', () => {
  it('survives garbage, binary and unknown frames, and passes unknown events on', async () => {
    let peer: FakePeer | undefined;
    const server = track(
      await startFakeGateway(async (connected) => {
        await connected.signIn();
        peer = connected;
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    const events: string[] = [];
    connected.on('event', (event) => events.push(event.event));

    peer?.socket.send('{not json');
    peer?.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    peer?.send({ type: 'mystery', id: 1 });
    peer?.send({ type: 'res', id: 'nobody-asked', ok: true });
    peer?.send({ type: 'event', event: 'something.new', payload: { x: 1 } });
    const answering = (async () => {
      const request = await peer!.next();
      peer!.reply(request, { ok: true, ts: 1 });
    })();

    await expect(connected.health()).resolves.toMatchObject({ ok: true });
    await answering;
    expect(events).toContain('something.new');
    expect(connected.state.phase).toBe('up');
  });

  it('drops a connection that sends an oversize frame, without crashing, and reconnects', async () => {
    const server = track(
      await startFakeGateway(async (peer, connection) => {
        await peer.signIn();
        if (connection === 1) peer.socket.send('x'.repeat(26 * 1024 * 1024));
      }),
    );
    const connected = client(server.url);
    const dropped = await waitForPhase(connected, 'retrying', { timeoutMs: 10_000 });
    expect(dropped.lastError.kind).toBe('gateway-frame-too-large');
    await waitForPhase(connected, 'up', { timeoutMs: 5_000 });
  });

  it('matches replies that come back out of order, and times out one that never comes', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        await peer.signIn();
        const first = await peer.next();
        const second = await peer.next();
        await peer.next(); // never answered
        peer.reply(second, { cursor: 2, file: 'b', size: 2, lines: ['second'] });
        peer.reply(first, { cursor: 1, file: 'a', size: 1, lines: ['first'] });
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');

    const first = connected.logsTail({ limit: 1 });
    const second = connected.logsTail({ limit: 2 });
    const lost = connected.status();
    await expect(first).resolves.toMatchObject({ lines: ['first'], cursor: 1 });
    await expect(second).resolves.toMatchObject({ lines: ['second'], cursor: 2 });
    await expect(lost).rejects.toMatchObject({ error: { kind: 'gateway-request-timeout' } });
  });

  it('turns an error reply into an AppError, naming a missing scope', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        await peer.signIn();
        peer.fail(await peer.next(), {
          code: 'FORBIDDEN',
          message: 'missing scope: operator.admin',
          details: { code: 'MISSING_SCOPE', missingScope: 'operator.admin' },
        });
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    await expect(connected.configGet()).rejects.toMatchObject({
      error: { kind: 'gateway-missing-scope', message: expect.stringContaining('operator.admin') },
    });
  });

  it('rejects a result that does not have the promised shape', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        await peer.signIn();
        peer.reply(await peer.next(), { lines: 'not a list' });
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    await expect(connected.logsTail()).rejects.toMatchObject({ error: { kind: 'gateway-bad-reply' } });
  });
});

describe('GatewayClient: keepalive and recovery', () => {
  it('measures latency with pings', async () => {
    const server = track(await startFakeGateway((peer) => peer.signIn()));
    const connected = client(server.url, { pingIntervalMs: 100 });
    await waitForPhase(connected, 'up');
    const updates: number[] = [];
    connected.on('state', (state) => {
      if (state.phase === 'up') updates.push(state.latencyMs);
    });
    await sleep(450);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.every((ms) => ms >= 0 && ms < 400)).toBe(true);
  });

  it('drops a Gateway that stays silent for twice its tick interval', async () => {
    const server = track(await startFakeGateway((peer) => peer.signIn({ tickIntervalMs: 150 })));
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    const started = Date.now();
    const dropped = await waitForPhase(connected, 'retrying', { timeoutMs: 2_000 });
    expect(dropped.lastError.kind).toBe('gateway-silent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('keeps a Gateway that ticks', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        await peer.signIn({ tickIntervalMs: 100 });
        const ticker = setInterval(() => peer.send({ type: 'event', event: 'tick', payload: { ts: Date.now() } }), 80);
        peer.socket.on('close', () => clearInterval(ticker));
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    await sleep(600);
    expect(connected.state.phase).toBe('up');
  });

  it('waits restartExpectedMs after a restart notice, then reconnects', async () => {
    const server = track(
      await startFakeGateway(async (peer, connection) => {
        await peer.signIn();
        if (connection > 1) return;
        peer.send({ type: 'event', event: 'shutdown', payload: { reason: 'update', restartExpectedMs: 700 } });
        peer.socket.close(1012, 'service restart');
      }),
    );
    const connected = client(server.url);
    const restarting = await waitForPhase(connected, 'retrying');
    expect(restarting).toMatchObject({ delayMs: 700, lastError: { kind: 'gateway-restarting' } });
    const started = Date.now();
    await waitForPhase(connected, 'up', { accept: () => server.connections() === 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('waits as long as the Gateway asks when it rate-limits', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        peer.challenge();
        peer.fail(await peer.next(), {
          code: 'INVALID_REQUEST',
          message: 'unauthorized: too many failed authentication attempts (retry later)',
          retryable: true,
          retryAfterMs: 4_321,
          details: { code: 'AUTH_RATE_LIMITED' },
        });
        peer.socket.close(1008, 'unauthorized');
      }),
    );
    const retrying = await waitForPhase(client(server.url), 'retrying');
    expect(retrying).toMatchObject({ delayMs: 4_321, lastError: { kind: 'gateway-rate-limited' } });
  });

  it('retries while the Gateway is starting', async () => {
    const server = track(
      await startFakeGateway(async (peer, connection) => {
        peer.challenge();
        const connect = await peer.next();
        if (connection > 1) {
          peer.reply(connect, helloOk(30_000));
          return;
        }
        peer.fail(connect, {
          code: 'UNAVAILABLE',
          message: 'gateway starting; retry shortly',
          retryable: true,
          retryAfterMs: 300,
        });
        peer.socket.close(1013, 'gateway starting');
      }),
    );
    const connected = client(server.url);
    await expect(waitForPhase(connected, 'retrying')).resolves.toMatchObject({
      delayMs: 300,
      lastError: { kind: 'gateway-starting' },
    });
    await waitForPhase(connected, 'up');
  });

  it('stops on a protocol mismatch', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        peer.challenge();
        peer.fail(await peer.next(), {
          code: 'INVALID_REQUEST',
          message: 'protocol mismatch',
          details: { code: 'PROTOCOL_MISMATCH', expectedProtocol: 5 },
        });
        peer.socket.close(1002, 'protocol mismatch');
      }),
    );
    await expect(waitForPhase(client(server.url), 'failed')).resolves.toMatchObject({
      error: {
        kind: 'gateway-protocol-mismatch',
        message: expect.stringContaining('protocol 5'),
      },
    });
  });

  it('close() ends the link for good and fails calls still waiting', async () => {
    const server = track(
      await startFakeGateway(async (peer) => {
        await peer.signIn();
      }),
    );
    const connected = client(server.url);
    await waitForPhase(connected, 'up');
    const waiting = connected.health();
    await connected.close();
    await expect(waiting).rejects.toMatchObject({ error: { kind: 'gateway-client-closed' } });
    expect(connected.state).toEqual({ phase: 'idle' });
    await sleep(600);
    expect(server.connections()).toBe(1);
  });
});
