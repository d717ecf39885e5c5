// The doctor of a wss:// profile against the real Gateway behind a TLS terminator (as Tailscale Serve or a proxy puts
// it): the health step reaches /healthz through TLS checked as connecting checks it — the pinned certificate passes,
// another pin fails before anything is sent, and without a pin an untrusted certificate fails with the TLS sentence.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorJsonReport } from '../../electron/shared/doctor-export';
import { certificateFingerprint } from '../../electron/main/services/gateway/certificate-pin';
import { runCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, waitForGatewayReady, type Gateway } from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable = peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);
const TLS_DIR = path.join(import.meta.dirname, '../fixtures/tls');

describe.skipIf(!usable)('doctor over wss://', () => {
  let gateway: Gateway;
  let terminator: tls.Server;
  let url: string;
  let pin: string;
  let home: string;
  let env: NodeJS.ProcessEnv;
  /** Bytes the terminator passed on to the Gateway: none may cross when the certificate is refused. */
  let forwarded = 0;

  beforeAll(async () => {
    gateway = await startGateway();
    await waitForGatewayReady(gateway.port);
    const cert = readFileSync(path.join(TLS_DIR, 'gateway-cert.pem'));
    pin = certificateFingerprint(Buffer.from(new X509Certificate(cert).raw));
    terminator = tls.createServer({ key: readFileSync(path.join(TLS_DIR, 'gateway-key.pem')), cert }, (socket) => {
      const upstream = net.connect(gateway.port, '127.0.0.1');
      socket.on('data', (chunk: Buffer) => (forwarded += chunk.length));
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
    url = `wss://127.0.0.1:${(terminator.address() as net.AddressInfo).port}`;
    home = makeTempDir('ocr-doctor-wss-');
    env = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
  }, 150_000);

  afterAll(async () => {
    await new Promise((resolve) => terminator?.close(resolve));
    await gateway?.stop();
    removeTempDir(home);
  });

  async function doctor(name: string, pinned: string | undefined) {
    const added = await runCli(
      ['profiles', 'add', name, '--url', url, ...(pinned ? ['--tls-fingerprint', pinned] : []), '--token-stdin'],
      { env, input: gateway.token },
    );
    expect(added.code, added.stderr).toBe(0);
    const json = await runCli(['doctor', name, '--json'], { env });
    return Object.fromEntries((JSON.parse(json.stdout) as DoctorJsonReport).steps.map((step) => [step.id, step]));
  }

  it('the pinned certificate: /healthz answers through TLS and the sign-in passes', async () => {
    const steps = await doctor('Pinned', pin);
    expect(steps['http-health']).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining('/healthz answered 200'),
    });
    expect(steps['http-health']?.detail).toContain('over TLS');
    expect(steps['gateway-handshake']?.status).toBe('pass');
  }, 90_000);

  it('another pin: the health step fails with both fingerprints, and nothing reaches the Gateway', async () => {
    const other = `sha256:${'0'.repeat(64)}`;
    const before = forwarded;
    const steps = await doctor('Other pin', other);
    expect(steps['http-health']).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`is not the one this profile pins (it is ${pin}; the pin is ${other})`),
    });
    expect(forwarded).toBe(before);
  }, 90_000);

  it('no pin and a certificate no authority signed: the TLS sentence and what to do', async () => {
    const steps = await doctor('Unpinned', undefined);
    expect(steps['http-health']).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('The secure (TLS) connection to port'),
      fix: { text: expect.stringContaining('wss://') },
    });
  }, 90_000);
});
