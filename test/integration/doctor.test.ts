// `openclaw-remote doctor` against real faults: the built CLI in its own HOME, the private sshd and the real OpenClaw
// Gateway. A healthy route (over SSH, or at a URL) passes every step, the host's own `openclaw gateway status` and the
// Gateway's real log lines included; a changed host key, a wrong key, a Gateway that does not run, a wrong token, a
// device waiting for approval and an sshd that is down each fail at their own step with what to do, the steps after
// them skipped with the reason; a stale token the device token makes up for, and a host without `openclaw` on its
// PATH, are warnings. It never trusts a new key or prints a token.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../electron/shared/doctor';
import { runCli } from '../fixtures/cli-process';
import { freePort } from '../fixtures/free-port';
import {
  gatewayMissing,
  runOpenclawCli,
  startGateway,
  startGatewayWithConfig,
  type Gateway,
} from '../fixtures/gateway';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const run = promisify(execFile);

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

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

/** The SHA256 fingerprint ssh-keygen prints for a public key line. */
async function fingerprintOf(publicKey: string, dir: string): Promise<string> {
  const file = path.join(dir, `key-${Date.now()}.pub`);
  writeFileSync(file, `${publicKey}\n`);
  const { stdout } = await run('ssh-keygen', ['-lf', file]);
  return stdout.split(' ')[1] ?? 'no fingerprint';
}

/** The message of each record of a Gateway's JSON log file. */
function loggedMessages(logPath: string): string[] {
  return readFileSync(logPath, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { message: string }).message);
}

describe.skipIf(!usable)('openclaw-remote doctor against the real sshd and Gateway', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  const user = isolatedUser();
  const knownHosts = path.join(user.home, '.ssh', 'known_hosts');
  /** The SSH account's home on the host (sshd's SetEnv), whose ~/.profile its login shell reads. */
  const hostHome = makeTempDir('ocr-doctor-host-');

  /** As on a host where OpenClaw is installed: `openclaw` on the login PATH, acting on `target`'s state and port. */
  function openclawOnHostPath(target: Pick<Gateway, 'cliPath' | 'stateDir' | 'port'>): void {
    const profile = [
      // The Node that runs the tests first: the openclaw bin finds its interpreter through PATH.
      `export PATH="${path.dirname(process.execPath)}:${path.dirname(target.cliPath)}:$PATH"`,
      `export OPENCLAW_STATE_DIR="${target.stateDir}"`,
      // The fixture gives the port as a run flag; the host's CLI learns it from the environment.
      `export OPENCLAW_GATEWAY_PORT=${target.port}`,
      'export OPENCLAW_NO_AUTO_UPDATE=1 DO_NOT_TRACK=1 NO_COLOR=1',
    ];
    writeFileSync(path.join(hostHome, '.profile'), `${profile.join('\n')}\n`);
  }

  function openclawNotOnHostPath(): void {
    rmSync(path.join(hostHome, '.profile'), { force: true });
  }

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([
      startSshd({ extraConfig: [`SetEnv HOME=${hostHome}`, 'Subsystem sftp internal-sftp'] }),
      startGateway(),
    ]);
    writeFileSync(knownHosts, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`, { mode: 0o600 });
    // A healthy route means a ready Gateway: the fixture returns once it listens, before its sidecars are up.
    await waitUntilReady(gateway.port);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(user.home);
    removeTempDir(hostHome);
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

  it("a healthy route: steps 1–11 pass, printed as they finish, with the Gateway's real log lines; --json carries no token", async () => {
    await addProfile('Healthy', { token: gateway.token });
    openclawOnHostPath(gateway);
    const text = await runCli(['doctor', 'Healthy'], { env: user.env, timeoutMs: 120_000 });
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
      'Gateway service on the host',
      'Gateway log',
      'Stability',
    ]);
    expect(text.stdout).toContain(`known: ${knownHosts} line 1`);
    expect(text.stdout).toContain(`with the key ${sshd.clientKeyPath}`);

    const json = await runCli(['doctor', 'Healthy', '--json'], { env: user.env, timeoutMs: 120_000 });
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
    expect(steps['gateway-service']?.detail).toMatch(
      new RegExp(`the Gateway runs .*, on port ${gateway.port}, bound to loopback`, 'u'),
    );
    // The Gateway's own lines, read through logs.tail: each one's message is in its log file.
    const [heading = '', ...logLines] = steps['gateway-log']?.detail.split('\n') ?? [];
    expect(heading).toContain(`of ${gateway.logPath} (read through the Gateway's logs.tail)`);
    expect(logLines.length).toBeGreaterThanOrEqual(5);
    const messages = loggedMessages(gateway.logPath);
    for (const line of logLines) {
      expect(line).toMatch(/^\d{2}:\d{2}:\d{2} [A-Z]+ /u);
      expect(
        messages.some((message) => line.includes(message.slice(0, 60))),
        line,
      ).toBe(true);
    }
    expect(json.stdout).not.toContain(gateway.token);
    expect(text.stdout + text.stderr).not.toContain(gateway.token);
  }, 240_000);

  it("openclaw not on the host's PATH: the service step says so and what to run, the rest still passes", async () => {
    openclawNotOnHostPath();
    const json = await runCli(['doctor', 'Healthy', '--json'], { env: user.env });
    expect(json.code, json.stdout).toBe(0);
    const steps = stepsOf(json.stdout);
    expect(steps['gateway-service']).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('The openclaw command is not on the PATH of your login shell on the host'),
      fix: { command: 'openclaw gateway status' },
    });
    expect(steps['gateway-handshake']?.status).toBe('pass');
    expect(steps['gateway-log']).toMatchObject({
      status: 'pass',
      detail: expect.stringContaining(`of ${gateway.logPath} (read through the Gateway's logs.tail)`),
    });
  });

  it('a changed host key: the host-key step names the stored entry and both fingerprints; the SSH steps are skipped', async () => {
    const moved = isolatedUser();
    try {
      const added = await runCli(
        [
          'profiles',
          'add',
          'Changed',
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
        { env: moved.env, input: gateway.token },
      );
      expect(added.code, added.stderr).toBe(0);
      // Another host's key first, then this host's entry with a key it no longer has.
      const otherKey = path.join(moved.home, 'old_host_ed25519');
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
      const oldKey = readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
      const movedKnownHosts = path.join(moved.home, '.ssh', 'known_hosts');
      writeFileSync(movedKnownHosts, `other.example ${sshd.hostPublicKey}\n[127.0.0.1]:${sshd.port} ${oldKey}\n`);

      const json = await runCli(['doctor', 'Changed', '--json'], { env: moved.env });
      expect(json.code).toBe(1);
      const steps = stepsOf(json.stdout);
      const hostKey = steps['host-key'];
      expect(hostKey?.status).toBe('fail');
      expect(hostKey?.detail).toContain(movedKnownHosts);
      expect(hostKey?.detail).toMatch(/line 2\b/u);
      expect(hostKey?.detail).toContain(await fingerprintOf(oldKey, moved.home));
      expect(hostKey?.detail).toContain(await fingerprintOf(sshd.hostPublicKey, moved.home));
      expect(hostKey?.fix?.action).not.toBe('trust-host-key');
      for (const id of ['authentication', 'forward', 'gateway-handshake', 'gateway-service', 'gateway-log']) {
        expect(steps[id], id).toMatchObject({ status: 'skip', detail: 'Skipped: SSH host key failed.' });
      }
      // The stored entry is left as it was.
      expect(readFileSync(movedKnownHosts, 'utf8')).toContain(oldKey);
    } finally {
      removeTempDir(moved.home);
    }
  });

  it('a device waiting for approval: the sign-in step gives the request id and the approve command, which works', async () => {
    const strict = await startGatewayWithConfig({ gateway: { nodes: { pairing: { autoApproveLocal: false } } } });
    try {
      await addProfile('Pairing', { remotePort: strict.port, token: strict.token });
      // The host's CLI knows this Gateway, so the log step can read its file over SSH while sign-in is refused.
      openclawOnHostPath(strict);
      const text = await runCli(['doctor', 'Pairing'], { env: user.env, timeoutMs: 120_000 });
      expect(text.code).toBe(1);
      const printed = /^ {6}run: openclaw devices approve (\S+)$/mu.exec(text.stdout);
      expect(printed, text.stdout).not.toBeNull();
      const requestId = printed?.[1] ?? '';

      const json = await runCli(['doctor', 'Pairing', '--json'], { env: user.env, timeoutMs: 120_000 });
      const steps = stepsOf(json.stdout);
      expect(steps['gateway-handshake']).toMatchObject({
        status: 'fail',
        detail: expect.stringContaining(requestId),
        fix: { action: 'approve-device', command: `openclaw devices approve ${requestId}` },
      });
      expect(steps['gateway-log']).toMatchObject({
        status: 'pass',
        detail: expect.stringContaining(`of ${strict.logPath} (read over SSH)`),
      });

      // The command as printed, run on the Gateway's host, approves this device.
      const hostEnv = {
        ...strict.env,
        OPENCLAW_GATEWAY_TOKEN: strict.token,
        OPENCLAW_GATEWAY_PORT: String(strict.port),
      };
      const approved = await runOpenclawCli(['devices', 'approve', requestId, '--json'], hostEnv);
      expect(approved.code, approved.stderr).toBe(0);
    } finally {
      openclawNotOnHostPath();
      await strict.stop();
    }
  }, 300_000);

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
      ['gateway-log', 'pass'],
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
    for (const id of [
      'host-key',
      'authentication',
      'forward',
      'http-health',
      'gateway-handshake',
      'gateway-service',
      'gateway-log',
    ]) {
      expect(steps[id], id).toMatchObject({ status: 'skip', detail: 'Skipped: TCP reachability failed.' });
    }
    expect(steps['local-port']?.status).toBe('pass');
  });
});
