// A direct wss:// Gateway with a pinned certificate: the real Gateway behind a TLS terminator (what Tailscale Serve
// or a reverse proxy is) with a self-signed certificate. The pin alone makes it trusted; a wrong pin stops the
// connection before any WebSocket byte, and for good; without a pin the self-signed certificate is refused.
// The key and certificate in fixtures/tls are for this test only (CN=localhost, 127.0.0.1).
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certificateFingerprint } from '../../electron/main/services/gateway/certificate-pin';
import { GatewayClient } from '../../electron/main/services/gateway/gateway-client';
import { GATEWAY_VERSION, gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { testGatewayClient } from '../fixtures/gateway-client';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';

const usable = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const TLS_DIR = path.join(import.meta.dirname, '../fixtures/tls');

describe.skipIf(!usable)('a pinned wss:// Gateway certificate', () => {
  let gateway: Gateway;
  let terminator: tls.Server;
  let url: string;
  let pin: string;
  /** TCP connections the terminator accepted: one per attempt the client made. */
  let attempts = 0;
  const clients: GatewayClient[] = [];
  const log = createTestLog();

  beforeAll(async () => {
    gateway = await startGateway();
    const cert = readFileSync(path.join(TLS_DIR, 'gateway-cert.pem'));
    pin = certificateFingerprint(Buffer.from(new X509Certificate(cert).raw));
    terminator = tls.createServer({ key: readFileSync(path.join(TLS_DIR, 'gateway-key.pem')), cert }, (socket) => {
      const upstream = net.connect(gateway.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    terminator.on('connection', () => (attempts += 1));
    await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
    url = `wss://127.0.0.1:${(terminator.address() as net.AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await new Promise((resolve) => terminator?.close(resolve));
    await gateway?.stop();
  });

  function client(tlsFingerprint?: string): GatewayClient {
    const created = testGatewayClient(log, {
      url,
      token: gateway.token,
      ...(tlsFingerprint ? { tlsFingerprint } : {}),
    });
    clients.push(created);
    return created;
  }

  it('trusts the self-signed certificate it pins, and signs in through it', async () => {
    const pinned = client(pin);
    pinned.start();
    expect(await waitForPhase(pinned, 'up')).toMatchObject({ serverVersion: GATEWAY_VERSION });
    await expect(pinned.health()).resolves.toMatchObject({ ok: true });
  });

  it('stops for good at a certificate that is not the pinned one, saying both fingerprints', async () => {
    const before = attempts;
    const wrongPin = `sha256:${'0'.repeat(64)}`;
    const refused = client(wrongPin);
    refused.start();
    const failed = await waitForPhase(refused, 'failed');
    expect(failed).toMatchObject({ error: { kind: 'gateway-certificate-mismatch' } });
    expect(failed.error.message).toContain(pin);
    expect(failed.error.message).toContain(wrongPin);
    // One TLS handshake and no retry: nothing a retry could fix without a person.
    expect(attempts - before).toBe(1);
  });

  it('without a pin, refuses the self-signed certificate', async () => {
    const unpinned = client();
    unpinned.start();
    expect(await waitForPhase(unpinned, 'retrying')).toMatchObject({
      lastError: { kind: 'gateway-tls-failed' },
    });
  });
});
