// The Gateway client against the real OpenClaw Gateway: signing in as a device with the shared token, keeping
// and reusing the device token, the wrong-token error without a retry loop, typed calls and log following,
// sharing the Gateway with its own CLI, and coming back by itself after the Gateway restarts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { GatewayClient, type GatewayClientOptions } from '../../electron/main/services/gateway/gateway-client';
import { createMemorySecretStore, type SecretStore } from '../../electron/main/services/secrets/secret-store';
import { GATEWAY_VERSION, gatewayMissing, runOpenclawCli, startGateway, type Gateway } from '../fixtures/gateway';
import { recordingWebSocketFactory, testGatewayClient } from '../fixtures/gateway-client';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';

const usable = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

describe.skipIf(!usable)('Gateway client against the real Gateway', () => {
  let gateway: Gateway;
  const clients: GatewayClient[] = [];
  const log = createTestLog();

  beforeAll(async () => {
    gateway = await startGateway();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await gateway?.stop();
    // Every secret the clients used was registered for redaction, so none can have reached the log.
    const logged = log
      .recent(1000)
      .map((entry) => entry.message)
      .join('\n');
    expect(logged).not.toContain(gateway.token);
  });

  function client(options: Partial<GatewayClientOptions> & { secrets: SecretStore }): GatewayClient {
    const created = testGatewayClient(log, { url: gateway.url, ...options });
    clients.push(created);
    return created;
  }

  it('signs in with the right token: hello-ok, operator.read granted, health ok, device token kept', async () => {
    const secrets = createMemorySecretStore();
    const connected = client({ secrets, token: gateway.token });
    connected.start();

    const state = await waitForPhase(connected, 'up');
    expect(state).toMatchObject({
      serverVersion: GATEWAY_VERSION,
      scopes: expect.arrayContaining(['operator.read']),
      missingScopes: [],
      authMethod: 'token',
      savedTokenRejected: false,
    });
    expect(state.latencyMs).toBeGreaterThanOrEqual(0);
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
    const stored = JSON.parse((await secrets.get(`gateway.device-token:${gateway.url}`)) ?? '{}') as { token?: string };
    expect(stored.token).toEqual(expect.any(String));
  });

  it('connects on the stored device token alone, and recovers from a wrong shared token with it', async () => {
    const secrets = createMemorySecretStore();
    const first = client({ secrets, token: gateway.token });
    first.start();
    await waitForPhase(first, 'up');
    await first.close();
    const { token: deviceToken } = JSON.parse((await secrets.get(`gateway.device-token:${gateway.url}`)) ?? '{}') as {
      token: string;
    };

    const tokenless = recordingWebSocketFactory();
    const second = client({ secrets, createWebSocket: tokenless.create });
    second.start();
    // No saved token to reject: the device token is simply how it signs in.
    await expect(waitForPhase(second, 'up')).resolves.toMatchObject({
      authMethod: 'device-token',
      savedTokenRejected: false,
    });
    expect(tokenless.connectParams()[0]?.auth).toEqual({ deviceToken });
    await expect(second.health()).resolves.toMatchObject({ ok: true });
    await second.close();

    const wrong = recordingWebSocketFactory();
    const third = client({ secrets, token: 'not-the-gateway-token', createWebSocket: wrong.create });
    third.start();
    await expect(waitForPhase(third, 'up')).resolves.toMatchObject({
      authMethod: 'device-token',
      savedTokenRejected: true,
    });
    // The protocol's single recovery: the mismatch first, then one retry carrying the device token as well.
    expect(wrong.connectParams().map((params) => params.auth)).toEqual([
      { token: 'not-the-gateway-token' },
      { token: 'not-the-gateway-token', deviceToken },
    ]);
  });

  it('stops at a wrong token with the mapped error, after a single connection attempt', async () => {
    const factory = recordingWebSocketFactory();
    const failing = client({
      secrets: createMemorySecretStore(),
      token: 'wrong-token',
      createWebSocket: factory.create,
    });
    failing.start();

    const failed = await waitForPhase(failing, 'failed');
    expect(failed.error.kind).toBe('gateway-token-mismatch');
    expect(failed.error.hint).toContain('gateway.auth.token');
    expect(failed.error.hint).toContain('Fetch from host');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(factory.attempts()).toBe(1);
    expect(failing.state.phase).toBe('failed');
  });

  it('stops when no token is set and none was issued before', async () => {
    const factory = recordingWebSocketFactory();
    const failing = client({ secrets: createMemorySecretStore(), createWebSocket: factory.create });
    failing.start();

    await expect(waitForPhase(failing, 'failed')).resolves.toMatchObject({ error: { kind: 'gateway-token-missing' } });
    expect(factory.attempts()).toBe(1);
  });

  it('answers status, system-presence and config.get with their shapes', async () => {
    const connected = client({
      secrets: createMemorySecretStore(),
      token: gateway.token,
      instanceId: 'presence-probe',
    });
    connected.start();
    await waitForPhase(connected, 'up');

    await expect(connected.status()).resolves.toMatchObject({ runtimeVersion: GATEWAY_VERSION });
    const presence = await connected.systemPresence();
    expect(presence).toContainEqual(
      expect.objectContaining({ instanceId: 'presence-probe', clientId: 'openclaw-macos' }),
    );
    const config = await connected.configGet();
    expect(config).toMatchObject({ exists: true, valid: true, hash: expect.any(String) });
    expect(config.path).toContain(gateway.stateDir);
  });

  it('tails the log and moves the cursor forward on the next call', async () => {
    const connected = client({ secrets: createMemorySecretStore(), token: gateway.token });
    connected.start();
    await waitForPhase(connected, 'up');

    const first = await connected.logsTail({ limit: 20 });
    expect(first.lines.length).toBeGreaterThan(0);
    // The Gateway logs the pairing of every new device, so a second device connecting writes new lines.
    const newcomer = client({ secrets: createMemorySecretStore(), token: gateway.token });
    newcomer.start();
    await waitForPhase(newcomer, 'up');
    let next = await connected.logsTail({ cursor: first.cursor });
    for (let round = 0; round < 40 && next.cursor <= first.cursor; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      next = await connected.logsTail({ cursor: first.cursor });
    }
    expect(next.cursor).toBeGreaterThan(first.cursor);
    expect(next.lines.length).toBeGreaterThan(0);
    expect(next.reset ?? false).toBe(false);
  });

  it('shares the Gateway with its own CLI without either disturbing the other', async () => {
    const connected = client({ secrets: createMemorySecretStore(), token: gateway.token });
    connected.start();
    await waitForPhase(connected, 'up');
    const phases: string[] = [];
    connected.on('state', (state) => phases.push(state.phase));

    const cli = runOpenclawCli(
      ['gateway', 'health', '--url', gateway.url, '--token', gateway.token, '--json'],
      gateway.env,
    );
    const ours = Promise.all(Array.from({ length: 10 }, () => connected.health()));
    const [result, answers] = await Promise.all([cli, ours]);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
    expect(answers.every((answer) => answer.ok === true)).toBe(true);
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
    // Latency updates re-announce `up`; anything else would mean the link was disturbed.
    expect(phases.every((phase) => phase === 'up')).toBe(true);
  });

  it('comes back by itself after the Gateway is stopped and started again', async () => {
    const connected = client({ secrets: createMemorySecretStore(), token: gateway.token });
    connected.start();
    await waitForPhase(connected, 'up');
    const lost = waitForPhase(connected, 'retrying', { timeoutMs: 60_000 });

    await gateway.restart();
    // SIGTERM: the Gateway announces a shutdown without a restart time, then closes with 1012.
    await expect(lost).resolves.toMatchObject({ lastError: { kind: 'gateway-stopped' } });
    await waitForPhase(connected, 'up', { timeoutMs: 60_000 });
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
  }, 180_000);

  it('fails calls made while not connected with an AppError', async () => {
    const idle = client({ secrets: createMemorySecretStore(), token: gateway.token });
    const call = idle.health();
    await expect(call).rejects.toBeInstanceOf(AppFailure);
    await expect(call).rejects.toMatchObject({ error: { kind: 'gateway-not-connected' } });
  });
});
