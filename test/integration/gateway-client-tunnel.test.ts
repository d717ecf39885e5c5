// The Gateway client through our own SSH tunnel to the real private sshd and the real Gateway, as a Remote
// over SSH user runs it: signing in and health through the tunnel's local port (as other programs use it) and
// over a channel of its own (as the app does), a wrong token, the SSH port mistaken for the Gateway's, the Gateway
// stopped behind a working tunnel, and both coming back after it restarts: over a channel, the moment it answers.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tunnelRoute } from '../../electron/main/services/connection/tunnel-route';
import {
  GatewayClient,
  type GatewayClientOptions,
  type GatewayState,
} from '../../electron/main/services/gateway/gateway-client';
import { createReconnectPolicy } from '../../electron/main/services/link/reconnect-policy';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { systemClock } from '../../electron/main/system/clock';
import { GATEWAY_VERSION, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { testGatewayClient } from '../fixtures/gateway-client';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

/** A Gateway restart is a stop and a start, and a start alone may take up to the fixture's 120 s on a busy machine. */
const RESTART_TEST_TIMEOUT_MS = 240_000;
/** How long the Gateway may keep a half-closed, idle connection (and so its channel) before closing it. */
const QUIET_TUNNEL_MS = 120_000;

describe.skipIf(!usable)('Gateway client through our SSH tunnel', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let tunnel: SshTunnel;
  let url: string;
  const log = createTestLog();
  const clients: GatewayClient[] = [];

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    tunnel = new SshTunnel({
      localPort: 0,
      remoteHost: '127.0.0.1',
      remotePort: gateway.port,
      useEphemeralPortIfBusy: false,
      connect: pinnedConnect(sshd),
      isRetryable: () => true,
      describePortOwner: () => Promise.resolve('another program'),
      log: log.logger('ssh'),
      clock: systemClock,
    });
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    url = `ws://127.0.0.1:${localPort}`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await tunnel?.stop();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
  });

  function client(overrides: Partial<GatewayClientOptions> = {}): GatewayClient {
    const created = testGatewayClient(log, { url, token: gateway.token, ...overrides });
    clients.push(created);
    return created;
  }

  it('signs in through the tunnel, is granted operator.read, and health answers ok', async () => {
    const connected = client();
    connected.start();
    expect(await waitForPhase(connected, 'up')).toMatchObject({
      serverVersion: GATEWAY_VERSION,
      scopes: expect.arrayContaining(['operator.read']),
    });
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
  });

  it('stops on a wrong token through the tunnel, saying where the right one lives', async () => {
    const refused = client({ token: 'not-the-token' });
    refused.start();
    const failed = await waitForPhase(refused, 'failed');
    expect(failed.error.kind).toBe('gateway-token-mismatch');
    expect(failed.error.hint).toContain('Fetch from host');
  });

  it('tells an SSH server apart from a Gateway when pointed at the SSH port', async () => {
    const confused = client({ url: `ws://127.0.0.1:${sshd.port}` });
    confused.start();
    const failed = await waitForPhase(confused, 'failed');
    expect(failed.error.kind).toBe('not-a-gateway');
    expect(failed.error.message).toMatch(/SSH server/);
  });

  it(
    'says the Gateway is not running on the host when the tunnel works but nothing answers behind it, and recovers',
    async () => {
      const connected = client();
      connected.start();
      await waitForPhase(connected, 'up');
      // While the Gateway starts up again (several seconds), its port on the host is closed.
      const restarted = gateway.restart();
      const down = await waitForPhase(connected, 'retrying', {
        accept: (state) => state.lastError.kind !== 'gateway-stopped',
      });
      expect(tunnel.state.phase).toBe('up');
      expect(`${down.lastError.message} ${down.lastError.hint ?? ''}`).toMatch(
        /Gateway is (probably )?not running on the host|nothing listens on the host/i,
      );
      await restarted;
      await waitForPhase(connected, 'up', { timeoutMs: 60_000 });
      await expect(connected.health()).resolves.toMatchObject({ ok: true });
    },
    RESTART_TEST_TIMEOUT_MS,
  );

  describe('over a channel of the tunnel, as the app’s own client', () => {
    function channelClient(): GatewayClient {
      const route = tunnelRoute(tunnel, { kind: 'ssh', target: `${sshd.user}@127.0.0.1` });
      return client({ openStream: () => route.openStream() });
    }

    it(
      'signs in and answers health without a socket on the local port, its bytes counted',
      async () => {
        // The earlier tests' connections may still be closing their channels: count from a quiet tunnel. A channel
        // whose local side ended waits for the Gateway to close its end, which an idle, half-closed HTTP connection
        // (the previous test's probes of the local port while the Gateway restarted) may take a minute to do.
        await vi.waitFor(() => expect(tunnel.counters().openChannels).toBe(0), { timeout: QUIET_TUNNEL_MS });
        const before = tunnel.counters();
        const connected = channelClient();
        connected.start();
        await waitForPhase(connected, 'up');
        await expect(connected.health()).resolves.toMatchObject({ ok: true });
        const after = tunnel.counters();
        expect(after.acceptedSockets).toBe(before.acceptedSockets);
        expect(after.openChannels).toBe(before.openChannels + 1);
        expect(after.bytesToRemote).toBeGreaterThan(before.bytesToRemote);
        expect(after.bytesFromRemote).toBeGreaterThan(before.bytesFromRemote);
        await connected.close();
        await vi.waitFor(() => expect(tunnel.counters().openChannels).toBe(before.openChannels));
      },
      QUIET_TUNNEL_MS + 60_000,
    );

    it(
      'says the host refused the connection to the Gateway’s port while it is down, and recovers',
      async () => {
        const connected = channelClient();
        connected.start();
        await waitForPhase(connected, 'up');
        const restarted = gateway.restart();
        const down = await waitForPhase(connected, 'retrying', {
          accept: (state) => state.lastError.kind === 'forward-failed',
        });
        expect(down.lastError.message).toContain(`127.0.0.1:${gateway.port}`);
        expect(down.lastError.message).toMatch(/refused/i);
        expect(tunnel.state.phase).toBe('up');
        await restarted;
        await waitForPhase(connected, 'up', { timeoutMs: 60_000 });
        await expect(connected.health()).resolves.toMatchObject({ ok: true });
      },
      RESTART_TEST_TIMEOUT_MS,
    );

    it(
      'is signed in again the moment the restarted Gateway answers, not after its backoff',
      async () => {
        const route = tunnelRoute(tunnel, { kind: 'ssh', target: `${sshd.user}@127.0.0.1` });
        const connected = client({
          openStream: () => route.openStream(),
          // Without the watch for the Gateway's /healthz, every retry would wait ten minutes.
          policy: createReconnectPolicy({
            initialMs: 600_000,
            maxMs: 600_000,
            factor: 2,
            jitter: 0,
            stableAfterMs: 600_000,
          }),
        });
        connected.start();
        await waitForPhase(connected, 'up');
        const states: GatewayState[] = [];
        connected.on('state', (state) => states.push(state));

        // Stopped and started again on the same port: closed there for the several seconds it takes to start.
        await gateway.restart();
        const up = await waitForPhase(connected, 'up', { timeoutMs: 60_000 });

        // The drop's wait was the backoff's ten minutes; the Gateway answering ended it (later waits, if any, are the
        // ones a starting Gateway asks for).
        const lost = states.find((state) => state.phase === 'retrying');
        expect(lost).toMatchObject({ delayMs: 600_000 });
        expect(up.since).toBeLessThan((lost as Extract<GatewayState, { phase: 'retrying' }>).at);
        expect(tunnel.state.phase).toBe('up');
        await expect(connected.health()).resolves.toMatchObject({ ok: true });
      },
      RESTART_TEST_TIMEOUT_MS,
    );
  });
});
