// The Gateway client through our own SSH tunnel to the real private sshd and the real Gateway, as a Remote
// over SSH user runs it: signing in and health through the tunnel, a wrong token, the SSH port mistaken for
// the Gateway's, the Gateway stopped behind a working tunnel, and both coming back after it restarts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../electron/main/services/gateway/gateway-client';
import { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import { GATEWAY_VERSION, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { testGatewayClient, waitForState } from '../fixtures/gateway-client';
import { peerAvailable } from '../fixtures/peers';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { waitForTunnelState } from '../fixtures/tunnel-state';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests with Node 24 (npm test does).');

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
    });
    const { localPort } = await tunnel.start();
    await waitForTunnelState(tunnel, 'forwarding');
    url = `ws://127.0.0.1:${localPort}`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await tunnel?.stop();
    await Promise.all([sshd?.stop(), gateway?.stop()]);
  });

  function client(overrides: { url?: string; token?: string } = {}): GatewayClient {
    const created = testGatewayClient(log, { url, token: gateway.token, ...overrides });
    clients.push(created);
    return created;
  }

  it('signs in through the tunnel, is granted operator.read, and health answers ok', async () => {
    const connected = client();
    connected.start();
    expect(await waitForState(connected, 'connected')).toMatchObject({
      serverVersion: GATEWAY_VERSION,
      scopes: expect.arrayContaining(['operator.read']),
    });
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
  });

  it('stops on a wrong token through the tunnel, saying where the right one lives', async () => {
    const refused = client({ token: 'not-the-token' });
    refused.start();
    const failed = await waitForState(refused, 'failed');
    expect(failed.kind).toBe('gateway-token-mismatch');
    expect(failed.hint).toContain('Fetch from host');
  });

  it('tells an SSH server apart from a Gateway when pointed at the SSH port', async () => {
    const confused = client({ url: `ws://127.0.0.1:${sshd.port}` });
    confused.start();
    const failed = await waitForState(confused, 'failed');
    expect(failed.kind).toBe('not-a-gateway');
    expect(failed.message).toMatch(/SSH server/);
  });

  it('says the Gateway is not running on the host when the tunnel works but nothing answers behind it, and recovers', async () => {
    const connected = client();
    connected.start();
    await waitForState(connected, 'connected');
    // While the Gateway starts up again (several seconds), its port on the host is closed.
    const restarted = gateway.restart();
    const down = await waitForState(connected, 'reconnecting', {
      accept: (state) => state.lastError.kind !== 'gateway-stopped',
    });
    expect(tunnel.state.state).toBe('forwarding');
    expect(`${down.lastError.message} ${down.lastError.hint ?? ''}`).toMatch(
      /Gateway is (probably )?not running on the host|nothing listens on the host/i,
    );
    await restarted;
    await waitForState(connected, 'connected', { timeoutMs: 60_000 });
    await expect(connected.health()).resolves.toMatchObject({ ok: true });
  });
});
