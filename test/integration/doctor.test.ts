// `openclaw-remote doctor` against real faults: the built CLI in its own HOME, the private sshd and the real OpenClaw
// Gateway. A healthy route (over SSH, or at a URL) passes every step; a wrong key, a Gateway that does not run, a wrong
// token and an sshd that is down each fail at their own step with what to do, the steps after them skipped with the
// reason; a stale token the device token makes up for is a warning. It never trusts a new key or prints a token.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../electron/shared/doctor';
import { runCli } from '../fixtures/cli-process';
import { freePort } from '../fixtures/free-port';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const run = promisify(execFile);

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests with Node 24 (npm test does).');

/** A user of their own: HOME (with ~/.ssh), data directory, no agent, no terminal. */
function isolatedUser() {
  const home = makeTempDir('ocr-doctor-home-');
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  return { home, env };
}

async function waitUntilReady(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The Gateway on port ${port} did not become ready within 60 s.`);
}

type JsonStep = DoctorReport['steps'][number] & { fix: DoctorReport['steps'][number]['fix'] | null };

function stepsOf(stdout: string): Record<string, JsonStep> {
  const report = JSON.parse(stdout) as { steps: JsonStep[] };
  return Object.fromEntries(report.steps.map((step) => [step.id, step]));
}

describe.skipIf(!usable)('openclaw-remote doctor against the real sshd and Gateway', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  const user = isolatedUser();
  const knownHosts = path.join(user.home, '.ssh', 'known_hosts');

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`, { mode: 0o600 });
    // A healthy route means a ready Gateway: the fixture returns once it listens, before its sidecars are up.
    await waitUntilReady(gateway.port);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(user.home);
  });

  async function addProfile(name: string, options: { identity?: string; remotePort?: number; token: string }) {
    const added = await runCli(
      [
        'profiles',
        'add',
        name,
        '--ssh',
        `${sshd.user}@127.0.0.1:${sshd.port}`,
        '--identity',
        options.identity ?? sshd.clientKeyPath,
        '--local-port',
        '0',
        '--remote-port',
        String(options.remotePort ?? gateway.port),
        '--token-stdin',
      ],
      { env: user.env, input: options.token },
    );
    expect(added.code, added.stderr).toBe(0);
  }

  it('a healthy route: steps 1–9 pass, printed as they finish; --json carries no token', async () => {
    await addProfile('Healthy', { token: gateway.token });
    const text = await runCli(['doctor', 'Healthy'], { env: user.env });
    expect(text.code, `${text.stdout}\n${text.stderr}`).toBe(0);
    const lines = text.stdout.split('\n').filter((line) => line.startsWith('PASS'));
    expect(
      lines.map((line) => line.slice(6, line.indexOf(':'))),
      text.stdout,
    ).toEqual([
      'Profile',
      'Name resolution',
      'TCP reachability',
      'SSH host key',
      'SSH login',
      'Local port',
      'Forward to the Gateway',
      'Gateway health',
      'Gateway sign-in',
      'Stability',
    ]);
    expect(text.stdout).toContain(`known: ${knownHosts} line 1`);
    expect(text.stdout).toContain(`with the key ${sshd.clientKeyPath}`);

    const json = await runCli(['doctor', 'Healthy', '--json'], { env: user.env });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; profile: string; steps: JsonStep[] };
    expect(Object.keys(report)).toEqual(['ok', 'profile', 'steps']);
    expect(report).toMatchObject({ ok: true, profile: 'Healthy' });
    for (const step of report.steps) {
      expect(Object.keys(step)).toEqual(['id', 'title', 'status', 'detail', 'fix']);
      expect(step.status, step.detail).toBe('pass');
    }
    const steps = stepsOf(json.stdout);
    expect(steps['tcp']?.detail).toMatch(new RegExp(`127\\.0\\.0\\.1:${sshd.port} opened in \\d+ ms`, 'u'));
    expect(steps['gateway-handshake']?.detail).toMatch(/protocol \d+, signed in with token/u);
    expect(steps['http-health']?.detail).toContain('/healthz answered 200');
    expect(json.stdout).not.toContain(gateway.token);
    expect(text.stdout + text.stderr).not.toContain(gateway.token);
  });

  it('a new host key: a warning with its fingerprint, never trusted, the login skipped', async () => {
    const stranger = isolatedUser();
    try {
      const added = await runCli(
        [
          'profiles',
          'add',
          'New',
          '--ssh',
          `${sshd.user}@127.0.0.1:${sshd.port}`,
          '--identity',
          sshd.clientKeyPath,
          '--local-port',
          '0',
          '--remote-port',
          String(gateway.port),
          '--token-stdin',
        ],
        { env: stranger.env, input: gateway.token },
      );
      expect(added.code, added.stderr).toBe(0);
      // accept-new would record a new key unasked; the doctor must not.
      writeFileSync(path.join(stranger.home, '.ssh', 'config'), 'Host *\n  StrictHostKeyChecking accept-new\n');
      const json = await runCli(['doctor', 'New', '--json'], { env: stranger.env });
      const steps = stepsOf(json.stdout);
      const { stdout: fingerprint } = await run('ssh-keygen', ['-lf', `${sshd.dir}/host_ed25519.pub`]);
      expect(steps['host-key']).toMatchObject({
        status: 'warn',
        detail: expect.stringContaining(fingerprint.split(' ')[1] ?? 'SHA256'),
        fix: { text: expect.stringContaining('Connect once and compare the fingerprint'), action: 'trust-host-key' },
      });
      expect(steps['authentication']).toMatchObject({
        status: 'skip',
        detail: expect.stringContaining('SSH host key'),
      });
      expect(() => readFileSync(path.join(stranger.home, '.ssh', 'known_hosts'), 'utf8')).toThrow();
    } finally {
      removeTempDir(stranger.home);
    }
  });

  it('a key the server does not accept: the login step lists what was tried and why', async () => {
    const otherKey = path.join(user.home, 'other_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    await addProfile('Wrong key', { identity: otherKey, token: gateway.token });
    const json = await runCli(['doctor', 'Wrong key', '--json'], { env: user.env });
    expect(json.code).toBe(1);
    const steps = stepsOf(json.stdout);
    expect(steps['host-key']?.status).toBe('pass');
    expect(steps['authentication']).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/Could not log in to .*Tried: .*other_ed25519/u),
    });
    expect(steps['forward']).toMatchObject({ status: 'skip', detail: 'Skipped: SSH login failed.' });
    expect(steps['gateway-handshake']).toMatchObject({ status: 'skip', detail: 'Skipped: SSH login failed.' });
  });

  it('no Gateway on the host: the forward step says so and how to start it', async () => {
    await addProfile('No gateway', { remotePort: await freePort(), token: gateway.token });
    const text = await runCli(['doctor', 'No gateway'], { env: user.env });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/FAIL {2}Forward to the Gateway: .*No Gateway is listening there/u);
    expect(text.stdout).toContain('openclaw gateway start');
    expect(text.stdout).toMatch(/SKIP {2}Gateway sign-in: Skipped: Forward to the Gateway failed\./u);
  });

  it('a wrong token: the sign-in step gives the token sentence and fetch-token', async () => {
    await addProfile('Wrong token', { token: 'not-the-gateway-token' });
    const json = await runCli(['doctor', 'Wrong token', '--json'], { env: user.env });
    expect(json.code).toBe(1);
    const steps = stepsOf(json.stdout);
    expect(steps['http-health']?.status).toBe('pass');
    expect(steps['gateway-handshake']).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('rejected the token'),
      fix: { action: 'fetch-token' },
    });
    expect(json.stdout).not.toContain('not-the-gateway-token');
    const text = await runCli(['doctor', 'Wrong token'], { env: user.env });
    expect(text.stdout).toContain('openclaw-remote profiles fetch-token Wrong token');
  });

  it('a stale saved token the device token makes up for: a warning, and the planted token is nowhere in the report', async () => {
    await addProfile('Stale', { token: gateway.token });
    // The first sign-in has the Gateway issue this device its token, kept under the profile.
    expect((await runCli(['doctor', 'Stale'], { env: user.env })).code).toBe(0);
    const secretsFile = path.join(user.home, 'data', 'secrets.unencrypted.json');
    const planted = 'stale-token-7d41c9e2b';
    writeFileSync(secretsFile, readFileSync(secretsFile, 'utf8').replaceAll(gateway.token, planted));
    const json = await runCli(['doctor', 'Stale', '--json'], { env: user.env });
    expect(json.code, json.stdout).toBe(0);
    expect(stepsOf(json.stdout)['gateway-handshake']).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('the saved token is stale'),
      fix: { action: 'fetch-token' },
    });
    expect(json.stdout + json.stderr).not.toContain(planted);
  });

  it('a local port another program holds: the local-port step names it, the checks of the host still run', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const added = await runCli(
        [
          'profiles',
          'add',
          'Busy port',
          '--ssh',
          `${sshd.user}@127.0.0.1:${sshd.port}`,
          '--identity',
          sshd.clientKeyPath,
          '--local-port',
          String(port),
          '--remote-port',
          String(gateway.port),
          '--token-stdin',
        ],
        { env: user.env, input: gateway.token },
      );
      expect(added.code, added.stderr).toBe(0);
      const json = await runCli(['doctor', 'Busy port', '--json'], { env: user.env });
      expect(json.code).toBe(1);
      const steps = stepsOf(json.stdout);
      expect(steps['local-port']).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining(`127.0.0.1:${port} is already in use by another program`),
        fix: { action: 'edit-profile' },
      });
      expect(steps['local-port']?.detail).toContain(`pid ${process.pid}`);
      expect(steps['gateway-handshake']?.status).toBe('pass');
    } finally {
      holder.close();
    }
  });

  it('a URL profile: the steps that apply to a URL', async () => {
    const added = await runCli(
      ['profiles', 'add', 'Direct', '--url', `ws://127.0.0.1:${gateway.port}`, '--token-stdin'],
      {
        env: user.env,
        input: gateway.token,
      },
    );
    expect(added.code, added.stderr).toBe(0);
    const json = await runCli(['doctor', 'Direct', '--json'], { env: user.env });
    expect(json.code, json.stdout).toBe(0);
    const report = JSON.parse(json.stdout) as { steps: JsonStep[] };
    expect(report.steps.map((step) => [step.id, step.status])).toEqual([
      ['profile', 'pass'],
      ['name-resolution', 'pass'],
      ['tcp', 'pass'],
      ['http-health', 'pass'],
      ['gateway-handshake', 'pass'],
      ['stability', 'pass'],
    ]);
  });

  it('an sshd that forbids forwarding: the forward step says so and what to ask for', async () => {
    const strict = await startSshd({ extraConfig: ['AllowTcpForwarding no'] });
    try {
      writeFileSync(knownHosts, `[127.0.0.1]:${strict.port} ${strict.hostPublicKey}\n`, { flag: 'a' });
      const added = await runCli(
        [
          'profiles',
          'add',
          'No forwarding',
          '--ssh',
          `${strict.user}@127.0.0.1:${strict.port}`,
          '--identity',
          strict.clientKeyPath,
          '--local-port',
          '0',
          '--remote-port',
          String(gateway.port),
          '--token-stdin',
        ],
        { env: user.env, input: gateway.token },
      );
      expect(added.code, added.stderr).toBe(0);
      const json = await runCli(['doctor', 'No forwarding', '--json'], { env: user.env });
      expect(json.code).toBe(1);
      const steps = stepsOf(json.stdout);
      expect(steps['authentication']?.status).toBe('pass');
      expect(steps['forward']).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining('does not allow forwarding'),
        fix: { text: expect.stringContaining('AllowTcpForwarding') },
      });
    } finally {
      await strict.stop();
    }
  });

  // Last: it stops the sshd.
  it('sshd stopped: the TCP step fails naming host and port, the later steps are skipped with the reason', async () => {
    await sshd.halt();
    const json = await runCli(['doctor', 'Healthy', '--json'], { env: user.env });
    expect(json.code).toBe(1);
    const steps = stepsOf(json.stdout);
    expect(steps['name-resolution']?.status).toBe('pass');
    expect(steps['tcp']).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining(`Could not reach 127.0.0.1:${sshd.port}: the connection was refused`),
    });
    for (const id of ['host-key', 'authentication', 'forward', 'http-health', 'gateway-handshake']) {
      expect(steps[id], id).toMatchObject({ status: 'skip', detail: 'Skipped: TCP reachability failed.' });
    }
    expect(steps['local-port']?.status).toBe('pass');
  });
});
