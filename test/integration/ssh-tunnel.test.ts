// The tunnel's forwarding and recovery against the real private sshd: many sockets at once byte-for-byte,
// half-close, loopback-only listening, port conflicts, channels for a client in this process and why the host
// refuses one, and coming back by itself after sshd restarts: the moment sshd accepts again, not after the backoff.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../electron/main/app-failure';
import { createReconnectPolicy } from '../../electron/main/services/link/reconnect-policy';
import { SshTunnel, type TunnelOptions } from '../../electron/main/services/ssh/tunnel';
import type { TunnelState } from '../../electron/main/services/ssh/types';
import { systemClock } from '../../electron/main/system/clock';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { freePort } from '../fixtures/free-port';
import { acceptsConnections } from '../fixtures/port-probe';
import { pinnedConnect } from '../fixtures/pinned-ssh-connect';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { startBurstServer, startCountAfterEofServer, startEchoServer, type TcpServer } from '../fixtures/tcp-servers';

const usable = peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd);

function roundTrip(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= payload.length) {
        socket.end();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => {
      if (received < payload.length) reject(new Error(`closed after ${received} of ${payload.length} bytes`));
    });
    socket.write(payload);
  });
}

/** Whether a freshly accepted socket is closed by the tunnel (true) or left hanging for seconds (false). */
function closedRatherThanLeftHanging(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const hanging = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 5_000);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(hanging);
      resolve(true);
    });
  });
}

describe.skipIf(!usable)('SSH tunnel', () => {
  let sshd: Sshd;
  let echo: TcpServer;
  const tunnels: SshTunnel[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
    echo = await startEchoServer();
  });

  afterEach(async () => {
    await Promise.all(tunnels.splice(0).map((tunnel) => tunnel.stop()));
  });

  afterAll(async () => {
    await echo?.close();
    await sshd?.stop();
  });

  function makeTunnel(overrides: Partial<TunnelOptions> = {}) {
    const log = createTestLog();
    const tunnel = new SshTunnel({
      localPort: 0,
      remoteHost: '127.0.0.1',
      remotePort: echo.port,
      useEphemeralPortIfBusy: false,
      connect: pinnedConnect(sshd),
      isRetryable: (kind) => kind !== 'auth-failed',
      describePortOwner: () => Promise.resolve('a test program'),
      log: log.logger('ssh'),
      clock: systemClock,
      policy: createReconnectPolicy({ initialMs: 200, maxMs: 1_000, factor: 2, jitter: 0.2, stableAfterMs: 30_000 }),
      ...overrides,
    });
    tunnels.push(tunnel);
    return { tunnel, log };
  }

  it('forwards 100 concurrent sockets, each echoing 1 MiB byte-for-byte', async () => {
    const { tunnel } = makeTunnel();
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    const payloads = Array.from({ length: 100 }, () => randomBytes(1024 * 1024));
    const echoed = await Promise.all(payloads.map((payload) => roundTrip(localPort, payload)));
    echoed.forEach((reply, index) => expect(reply.equals(payloads[index]!)).toBe(true));
    const counters = tunnel.counters();
    expect(counters.bytesToRemote).toBe(100 * 1024 * 1024);
    expect(counters.acceptedSockets).toBe(100);
  });

  it('keeps half-close: a client that ends its writing side still gets the reply', async () => {
    const counting = await startCountAfterEofServer();
    try {
      const { tunnel } = makeTunnel({ remotePort: counting.port });
      const { localPort } = await tunnel.start();
      await waitForPhase(tunnel, 'up');
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(localPort, '127.0.0.1');
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.end(Buffer.alloc(70_000, 1));
      });
      expect(reply).toBe('received 70000 bytes');
    } finally {
      await counting.close();
    }
  });

  it('delivers every byte of a large reply to a slow reader after the far end has closed', async () => {
    const burst = await startBurstServer(1536 * 1024);
    try {
      const { tunnel } = makeTunnel({ remotePort: burst.port });
      const { localPort } = await tunnel.start();
      await waitForPhase(tunnel, 'up');
      const received = await new Promise<number>((resolve, reject) => {
        const socket = net.connect(localPort, '127.0.0.1');
        let bytes = 0;
        socket.pause();
        // Read only after the far end has sent everything and closed its channel.
        setTimeout(() => socket.resume(), 1_000);
        socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
        socket.on('close', () => resolve(bytes));
        socket.on('error', reject);
      });
      expect(received).toBe(1536 * 1024);
    } finally {
      await burst.close();
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    const { tunnel } = makeTunnel();
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    // Every other address of this machine must refuse: another loopback address (Linux answers all of
    // 127/8) and each external interface. A tunnel bound to 0.0.0.0 would accept on all of them.
    const others = [
      '127.0.0.2',
      ...Object.values(os.networkInterfaces())
        .flat()
        .filter((address) => address && address.family === 'IPv4' && !address.internal)
        .map((address) => address!.address),
    ];
    for (const address of others) expect(await acceptsConnections(localPort, address), address).toBe(false);
    expect(await acceptsConnections(localPort)).toBe(true);
  });

  it('refuses a busy local port with a specific error that names the holder and a free port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as net.AddressInfo).port;
    try {
      const { tunnel } = makeTunnel({ localPort: busyPort });
      const failure = await tunnel.start().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppFailure);
      const { error } = failure as AppFailure;
      expect(error.kind).toBe('local-port-in-use');
      expect(error.message).toBe(`Port ${busyPort} on this Mac is already in use by a test program.`);
      expect(error.hint).toMatch(/use another local port: \d+ is free right now/);
    } finally {
      blocker.close();
    }
  });

  it('falls back to a free ephemeral port when the profile allows it', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as net.AddressInfo).port;
    try {
      const { tunnel, log } = makeTunnel({ localPort: busyPort, useEphemeralPortIfBusy: true });
      const { localPort } = await tunnel.start();
      expect(localPort).not.toBe(busyPort);
      await waitForPhase(tunnel, 'up');
      const payload = randomBytes(4096);
      expect((await roundTrip(localPort, payload)).equals(payload)).toBe(true);
      expect(log.recent(20).some((entry) => entry.message.includes(`Port ${busyPort} is in use`))).toBe(true);
    } finally {
      blocker.close();
    }
  });

  it('comes back by itself after sshd restarts, keeping its listener and closing sockets promptly meanwhile', async () => {
    const { tunnel } = makeTunnel();
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');

    const openDuringOutage = net.connect(localPort, '127.0.0.1');
    await new Promise((resolve) => openDuringOutage.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const openOutcome = new Promise<string>((resolve) => {
      openDuringOutage.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      openDuringOutage.once('close', () => resolve('closed without error'));
    });
    await sshd.halt();
    // A connection that was open when the link died is reset, so its client cannot mistake a cut-off reply
    // for a complete one.
    expect(await openOutcome).toBe('ECONNRESET');
    const reconnecting = await waitForPhase(tunnel, 'retrying');
    expect(reconnecting).toMatchObject({ lastError: { kind: 'connection-lost' } });
    // The listener is still there, and a socket accepted now is closed at once instead of hanging.
    expect(await closedRatherThanLeftHanging(localPort)).toBe(true);

    await sshd.restart();
    await waitForPhase(tunnel, 'up');
    expect(tunnel.localPort).toBe(localPort);
    const payload = randomBytes(64 * 1024);
    expect((await roundTrip(localPort, payload)).equals(payload)).toBe(true);
    expect(tunnel.counters().reconnects).toBe(1);
  });

  it('is connected again the moment sshd accepts after an outage, long before its backoff would retry', async () => {
    const { tunnel, log } = makeTunnel({
      // Without the watch for sshd's port, the first retry after the drop would come 30 s later.
      policy: createReconnectPolicy({ initialMs: 30_000, maxMs: 60_000, factor: 2, jitter: 0, stableAfterMs: 60_000 }),
    });
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    const states: TunnelState[] = [];
    tunnel.on('state', (state) => states.push(state));

    // sshd and every session it serves end, as when the host restarts it; it stays away for a while.
    await sshd.halt();
    const waiting = await waitForPhase(tunnel, 'retrying');
    expect(waiting).toMatchObject({ attempt: 1, delayMs: 30_000, lastError: { kind: 'connection-lost' } });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const linesWhileAway = log.recent(1000).length;
    await sshd.restart();
    const up = await waitForPhase(tunnel, 'up', { timeoutMs: 20_000 });

    // One wait, ended by sshd answering: no attempt came from the backoff, and none failed.
    expect(up.since).toBeLessThan(waiting.at);
    expect(states.map((state) => state.phase).filter((phase, i, all) => phase !== all[i - 1])).toEqual([
      'retrying',
      'connecting',
      'up',
    ]);
    const payload = randomBytes(4096);
    expect((await roundTrip(localPort, payload)).equals(payload)).toBe(true);
    // A few lines for the outage, none per probe: about eight probes found sshd away in those 2 s.
    const messages = log.recent(1000).map((entry) => entry.message);
    expect(messages.filter((line) => /can be reached again/.test(line))).toHaveLength(2);
    expect(linesWhileAway).toBeLessThan(10);
  });

  it('does not retry a failure only a person can fix', async () => {
    const counter = { attempts: 0 };
    const refused = pinnedConnect(sshd, counter);
    const { tunnel } = makeTunnel({
      connect: (hooks) =>
        refused(hooks).then((client) => {
          client.end();
          throw new AppFailure({ kind: 'auth-failed', message: 'The server refused every key.' });
        }),
    });
    await tunnel.start();
    expect(await waitForPhase(tunnel, 'failed')).toMatchObject({ error: { kind: 'auth-failed' } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(counter.attempts).toBe(1);
  });

  it('retries at once when nudged instead of waiting out the backoff', async () => {
    const { tunnel } = makeTunnel({
      policy: createReconnectPolicy({ initialMs: 60_000, maxMs: 60_000, factor: 2, jitter: 0, stableAfterMs: 1 }),
      // A server the watch cannot see (its port filtered for probes, say): only the nudge can end the wait.
      peerAnswers: () => Promise.resolve(false),
    });
    await tunnel.start();
    await waitForPhase(tunnel, 'up');
    await sshd.restart();
    const reconnecting = await waitForPhase(tunnel, 'retrying');
    expect(reconnecting).toMatchObject({ delayMs: 60_000 });
    tunnel.nudge();
    await waitForPhase(tunnel, 'up', { timeoutMs: 5_000 });
  });

  it('measures the keepalive round trip', async () => {
    const { tunnel } = makeTunnel({ rttIntervalMs: 200 });
    await tunnel.start();
    await waitForPhase(tunnel, 'up');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(tunnel.counters().keepaliveRttMs).toBeGreaterThanOrEqual(0);
  });

  it('opens a channel for a client in this process: byte-for-byte, half-close kept, bytes counted', async () => {
    const { tunnel } = makeTunnel();
    await tunnel.start();
    await waitForPhase(tunnel, 'up');
    const channel = await tunnel.openStream();
    const payload = randomBytes(1024 * 1024);
    const chunks: Buffer[] = [];
    channel.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => channel.once('end', resolve));
    channel.end(payload);
    await ended;
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
    expect(tunnel.counters()).toMatchObject({
      bytesToRemote: payload.length,
      bytesFromRemote: payload.length,
      acceptedSockets: 0,
    });
  });

  it('says why the host will not open a channel: nothing listens there, or sshd forbids forwarding', async () => {
    const { tunnel, log } = makeTunnel({ remotePort: await freePort() });
    await expect(tunnel.openStream()).rejects.toMatchObject({ error: { kind: 'ssh-link-down' } });
    const { localPort } = await tunnel.start();
    await waitForPhase(tunnel, 'up');
    const refused = await tunnel.openStream().then(
      () => expect.unreachable('the host opened a channel to a closed port'),
      (error: AppFailure) => error.error,
    );
    expect(refused).toMatchObject({ kind: 'forward-failed', message: expect.stringMatching(/refused/i) });
    // A program on the local port is closed at once, and the log says why.
    expect(await closedRatherThanLeftHanging(localPort)).toBe(true);
    await vi.waitFor(() =>
      expect(log.recent(100).map((entry) => entry.message)).toContain(
        `${refused.message} Closed the local connection.`,
      ),
    );

    const strict = await startSshd({ extraConfig: ['AllowTcpForwarding no'] });
    try {
      const { tunnel: forbidden } = makeTunnel({ connect: pinnedConnect(strict) });
      await forbidden.start();
      await waitForPhase(forbidden, 'up');
      await expect(forbidden.openStream()).rejects.toMatchObject({
        error: { kind: 'forwarding-prohibited', hint: expect.stringContaining('AllowTcpForwarding') },
      });
    } finally {
      await strict.stop();
    }
  });
});
