// Gateway discovery on a tailnet made of loopback addresses: the fake CLI's status lists peers at 127.0.0.52–56;
// a real OpenClaw Gateway is bound to one, a web server that is not a Gateway answers on another, a third accepts
// connections and never says a word, a fourth has nothing listening and the fifth is offline. Exactly the Gateway's
// peer must be marked, and the silent one must come back unanswered (the deadline held) rather than hang the scan;
// choosing the marked device then gives a profile that connects to that Gateway.
import { writeFileSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeGateway, type ProbeResult } from '../../electron/main/services/gateway/probe';
import { createTailscaleService } from '../../electron/main/services/tailscale/tailscale-service';
import { ConnectionManager } from '../../electron/main/services/connection/connection-manager';
import { NO_MEMORY } from '../../electron/main/services/connection/profile-connection';
import { routeForProfile } from '../../electron/main/services/connection/route-for-profile';
import { GatewayClient } from '../../electron/main/services/gateway/gateway-client';
import { createMemorySecretStore } from '../../electron/main/services/secrets/secret-store';
import { sshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import type { SshPrompts } from '../../electron/main/services/ssh/types';
import { tailscaleRouteFor } from '../../electron/main/services/tailscale/device-route';
import { systemClock } from '../../electron/main/system/clock';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import { profileSchema } from '../../electron/shared/profile';
import { createTestLog } from '../fixtures/silent-log';
import { FAKE_TAILSCALE, fakeEnv } from '../fixtures/fake-tailscale';
import { GATEWAY_VERSION, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

// Addresses no other test uses, so their ports are free whatever runs alongside.
const PEERS = {
  gateway: { id: 'nGatewayHost1CNTRL', host: 'gateway-host', ip: '127.0.0.52', online: true },
  webServer: { id: 'nWebServer11CNTRL', host: 'web-server', ip: '127.0.0.53', online: true },
  silent: { id: 'nSilentBox11CNTRL', host: 'silent-box', ip: '127.0.0.54', online: true },
  empty: { id: 'nEmptyBox111CNTRL', host: 'empty-box', ip: '127.0.0.55', online: true },
  offline: { id: 'nOfflineBox1CNTRL', host: 'offline-box', ip: '127.0.0.56', online: false },
};

/** Linux answers the whole of 127.0.0.0/8; macOS only the loopback addresses configured as aliases. */
function loopbackAliasesMissing(): string | undefined {
  if (process.platform === 'linux') return undefined;
  const assigned = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((address) => address?.address),
  );
  const missing = Object.values(PEERS)
    .map((peer) => peer.ip)
    .filter((ip) => !assigned.has(ip));
  return missing.length > 0 ? `the loopback addresses ${missing.join(', ')} are not configured` : undefined;
}

const usable =
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway) &&
  peerAvailable(
    'Loopback aliases',
    loopbackAliasesMissing(),
    'On macOS add them with: for i in 52 53 54 55 56; do sudo ifconfig lo0 alias 127.0.0.$i up; done',
  );

/** The reference's two-peer sample with its peers replaced by the loopback ones. */
function tailnetStatus(): unknown {
  const sample = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/fake-tailscale/two-peers.json'), 'utf8'),
  ) as { Peer: Record<string, Record<string, unknown>> };
  const template = Object.values(sample.Peer)[0];
  const peers = Object.values(PEERS).map((peer, index) => {
    const key = `nodekey:${String(index + 1).repeat(64)}`;
    return [
      key,
      {
        ...template,
        ID: peer.id,
        PublicKey: key,
        HostName: peer.host,
        DNSName: `${peer.host}.tail1a2b3c.ts.net.`,
        TailscaleIPs: [peer.ip],
        AllowedIPs: [`${peer.ip}/32`],
        Online: peer.online,
        LastSeen: peer.online ? '0001-01-01T00:00:00Z' : '2026-08-19T22:40:00Z',
      },
    ];
  });
  return { ...sample, Peer: Object.fromEntries(peers) };
}

interface Listening {
  close(): Promise<void>;
}

async function listenOn(server: Server | ReturnType<typeof createHttpServer>, host: string, port: number) {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!usable)('Gateway discovery on a tailnet of loopback addresses', () => {
  let gateway: Gateway;
  const others: Listening[] = [];

  beforeAll(async () => {
    gateway = await startGateway({ bindHost: PEERS.gateway.ip });
    const notAGateway = createHttpServer((_request, response) => response.writeHead(404).end('not a Gateway'));
    others.push(await listenOn(notAGateway, PEERS.webServer.ip, gateway.port));
    // Accepts and never answers: without the deadline, a scan would wait on it.
    others.push(await listenOn(createServer(), PEERS.silent.ip, gateway.port));
  });

  afterAll(async () => {
    await Promise.all(others.map((other) => other.close()));
    await gateway?.stop();
  });

  it('marks exactly the peer a Gateway answers on, and comes back without the silent one', async () => {
    const statusFile = join(makeTempDir('tailscale-discovery-'), 'status.json');
    writeFileSync(statusFile, JSON.stringify(tailnetStatus(), null, 2));
    const seen = new Map<string, ProbeResult>();
    const system = testSystem();
    const service = createTailscaleService({
      system,
      homeDir: '/nonexistent-home',
      cliPath: () => FAKE_TAILSCALE,
      env: fakeEnv('custom', { statusFile }),
      discovery: {
        // The Gateway listens on a free port rather than 18789, which a Gateway of the developer's own may hold.
        gatewayPort: gateway.port,
        deadlineMs: 4_000,
        // Far beyond the test's own timeout: only the deadline can end the scan of the silent peer in time.
        probeTimeoutMs: 10 * 60_000,
        probeGateway: async (url, timeoutMs) => {
          const result = await probeGateway(url, system.clock, timeoutMs);
          seen.set(url, result);
          return result;
        },
      },
    });

    const scan = await service.discoverGateways();
    if (!scan.ok) throw new Error(scan.error.message);
    const marked = scan.value.status.devices.filter((device) => device.gateway);
    expect(marked.map(({ id, gateway: found }) => ({ id, found }))).toEqual([
      { id: PEERS.gateway.id, found: { url: `ws://${PEERS.gateway.ip}:${gateway.port}` } },
    ]);
    expect(scan.value.unanswered).toContain(PEERS.silent.id);
    expect(scan.value.complete).toBe(false);

    // What stood at the other addresses was recognised for what it is.
    expect(seen.get(`ws://${PEERS.webServer.ip}:${gateway.port}`)).toMatchObject({ reason: 'not-websocket' });
    expect(seen.get(`ws://${PEERS.empty.ip}:${gateway.port}`)).toMatchObject({ reason: 'refused' });
    expect(seen.has(`ws://${PEERS.offline.ip}:${gateway.port}`)).toBe(false);
    expect(scan.value.unanswered).not.toContain(PEERS.gateway.id);

    // Choosing that device makes a profile whose connection reaches the Gateway behind the address.
    const device = scan.value.status.devices.find((candidate) => candidate.id === PEERS.gateway.id)!;
    const route = tailscaleRouteFor(device);
    if (!route.ok) throw new Error(route.error.message);
    const profile = profileSchema.parse({ id: 'gateway-host', name: device.name, route: route.value });
    expect(profile.route).toEqual({
      kind: 'tailscale',
      deviceId: PEERS.gateway.id,
      deviceName: 'gateway-host',
      via: { kind: 'url', url: `ws://${PEERS.gateway.ip}:${gateway.port}` },
    });
    const log = createTestLog();
    const sshConfig = await sshConfigDeps(system, process.env, system.os.homedir());
    const connection = new ConnectionManager({
      findProfile: () => profile,
      token: async () => gateway.token,
      openRoute: (chosen) =>
        routeForProfile(chosen, { config: sshConfig, prompts: refuseAll, log: log.logger('ssh'), clock: systemClock }),
      openGateway: ({ url, token, gatewayKey }) =>
        new GatewayClient({
          url,
          token,
          gatewayKey,
          secrets: createMemorySecretStore(),
          log: log.logger('gateway'),
          redact: (secret) => log.addSecret(secret),
          appVersion: '0.1.0-test',
          clock: systemClock,
        }),
      memory: NO_MEMORY,
      log: log.logger('connection'),
      clock: systemClock,
    });
    try {
      const connected = new Promise<ConnectionStatus>((resolve) =>
        connection.on('status', (status) => {
          if (status.state === 'connected' || status.state === 'error') resolve(status);
        }),
      );
      await connection.connect();
      expect(await connected).toMatchObject({
        state: 'connected',
        route: { kind: 'tailscale', device: 'gateway-host', url: `ws://${PEERS.gateway.ip}:${gateway.port}` },
        gatewayVersion: GATEWAY_VERSION,
      });
    } finally {
      await connection.shutdown();
    }
  });
});

/** The URL route never asks anything; a question would mean the route went over SSH by mistake. */
const refuseAll: SshPrompts = {
  trustHostKey: () => Promise.reject(new Error('no host key question expected')),
  passphrase: () => Promise.reject(new Error('no passphrase question expected')),
};
