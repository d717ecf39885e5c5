// The Security page's access actions against the real sshd and the real OpenClaw Gateway, through the app's router as
// the window calls them and through `openclaw-remote security …`: nothing works through a connection that is not up;
// connected, who gets in lists the Gateway's clients (system-presence), says which scope the device list needs, and
// runs the host's real `last`, or says in one sentence that the host has none; a key generated here and installed
// over the live link appends one line to the host's authorized_keys, whatever was there, and the next connect signs
// in with that key alone.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainNodeRuntime } from '../../electron/main/host/plain-node-runtime';
import { createMainServices, type MainServices } from '../../electron/main/main-services';
import type { ConnectionStatus } from '../../electron/shared/connection-status';
import type { RequestChannel, RequestInput, RequestResult } from '../../electron/shared/contract';
import type { Result } from '../../electron/shared/errors';
import { runCli } from '../fixtures/cli-process';
import { gatewayMissing, startGateway, type Gateway } from '../fixtures/gateway';
import { peerAvailable } from '../fixtures/peers';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), 'Install it with: apt-get install openssh-server') &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), 'Run the tests with Node 24 (npm test does).');

function fingerprintOf(publicKeyLine: string): string {
  const blob = Buffer.from(publicKeyLine.trim().split(/\s+/)[1] ?? '', 'base64');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

describe.skipIf(!usable)('Security access against the real sshd and Gateway', () => {
  let sshd: Sshd;
  /** A host whose sessions find no `last` on their PATH. */
  let bareSshd: Sshd;
  let gateway: Gateway;
  const home = makeTempDir('ocr-security-access-');
  /** The host user's home as sshd's SFTP and authorized_keys see it, so the machine's own ~/.ssh is never touched. */
  const hostHome = makeTempDir('ocr-security-access-host-');
  const authorizedKeys = path.join(hostHome, '.ssh', 'authorized_keys');
  const dataDir = path.join(home, 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: dataDir };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  let core: MainServices;
  /** What authorized_keys held before any install: the fixture's key, without a final newline. */
  let before: string;

  beforeAll(async () => {
    [sshd, bareSshd, gateway] = await Promise.all([
      startSshd({
        extraConfig: [`AuthorizedKeysFile ${authorizedKeys}`, `Subsystem sftp internal-sftp -d ${hostHome}`],
      }),
      startSshd({ extraConfig: ['SetEnv PATH=/nonexistent'] }),
      startGateway(),
    ]);
    mkdirSync(path.join(hostHome, '.ssh'), { mode: 0o700 });
    before = `${sshd.clientPublicKey} first-login`;
    writeFileSync(authorizedKeys, before, { mode: 0o600 });
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    writeFileSync(
      path.join(home, '.ssh', 'known_hosts'),
      `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n[127.0.0.1]:${bareSshd.port} ${bareSshd.hostPublicKey}\n`,
      { mode: 0o600 },
    );
    const system = testSystem({ os: { homedir: () => home } });
    const runtime = await plainNodeRuntime(system, dataDir, env, home);
    core = createMainServices({
      ...runtime,
      appInfo: {
        name: 'OpenClaw Remote',
        version: 'test',
        host: 'browser',
        versions: { node: process.versions.node },
        platform: process.platform,
        arch: process.arch,
        dataDir,
      },
      prompts: {
        trustHostKey: async () => false,
        passphrase: async () => ({ passphrase: undefined, remember: false }),
      },
      remembersConnection: false,
      openclawCliReport: false,
    });
    for (const [name, host] of [
      ['Studio', sshd],
      ['Bare host', bareSshd],
    ] as const) {
      const saved = await invoke('profiles:save', {
        name,
        route: {
          kind: 'ssh',
          target: `${host.user}@127.0.0.1`,
          sshPort: host.port,
          identityFile: host.clientKeyPath,
          localPort: 0,
          remotePort: gateway.port,
        },
        token: gateway.token,
      });
      expect(saved.ok, saved.ok ? '' : saved.error.message).toBe(true);
    }
  }, 180_000);

  afterAll(async () => {
    await core?.connection.shutdown();
    await Promise.all([sshd?.stop(), bareSshd?.stop(), gateway?.stop()]);
    removeTempDir(home);
    removeTempDir(hostHome);
  });

  function invoke<C extends RequestChannel>(channel: C, ...args: RequestInput<C>) {
    return core.router.invoke(channel, args) as Promise<Result<RequestResult<C>>>;
  }

  async function value<C extends RequestChannel>(channel: C, ...args: RequestInput<C>) {
    const result = await invoke(channel, ...args);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value;
  }

  function connected(profileId: string): Promise<ConnectionStatus> {
    return new Promise((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        const status = payload as ConnectionStatus;
        if (name === 'connection:status' && status.state === 'connected' && status.profileId === profileId) {
          stop();
          resolve(status);
        }
      });
    });
  }

  async function connect(name: string): Promise<void> {
    const { profile } = await value('profiles:get', { id: name });
    const up = connected(profile.id);
    await value('connection:connect', { profileId: profile.id });
    await up;
  }

  it('before connecting, installing a key and who gets in say to connect first', async () => {
    const { profile } = await value('profiles:get', { id: 'Studio' });
    for (const channel of ['security:install-key', 'security:who'] as const) {
      const result = await invoke(channel, { profileId: profile.id });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ kind: 'needs-live-connection' });
    }
  });

  it('connected: the Gateway’s clients, the scope its device list needs, and the host’s real `last`', async () => {
    await connect('Studio');
    const { profile } = await value('profiles:get', { id: 'Studio' });
    const who = await value('security:who', { profileId: profile.id });
    // This app is one of the Gateway's clients right now.
    expect('items' in who.clients && who.clients.items.length).toBeGreaterThan(0);
    if ('items' in who.clients) expect(typeof who.clients.items[0]?.lastSeenMs).toBe('number');
    // The app signs in with operator.read; device.pair.list needs operator.pairing, and the sentence says so.
    expect(who.devices).toEqual({ unavailable: expect.stringContaining('operator.pairing') });
    // `last` ran on the host and answered (this container's wtmp may hold no login).
    expect(who.logins).toHaveProperty('items');
  }, 120_000);

  it('a host without `last` is said in one sentence, beside the Gateway’s parts', async () => {
    await connect('Bare host');
    const { profile } = await value('profiles:get', { id: 'Bare host' });
    const who = await value('security:who', { profileId: profile.id });
    expect(who.logins).toEqual({ unavailable: expect.stringContaining('has no `last` command') });
    expect(who.clients).toHaveProperty('items');
  }, 120_000);

  it('a generated key, installed twice over the live link, is one line; the next connect signs in with it', async () => {
    await connect('Studio');
    const { profile } = await value('profiles:get', { id: 'Studio' });
    const { key, profile: saved } = await value('security:generate-key', { profileId: profile.id });
    expect(key.path).toBe('~/.ssh/id_ed25519');
    expect(saved.route).toMatchObject({ identityFile: '~/.ssh/id_ed25519' });
    const publicKey = readFileSync(path.join(home, '.ssh', 'id_ed25519.pub'), 'utf8').trim();

    const first = await value('security:install-key', { profileId: profile.id });
    expect(first).toEqual({ added: true, file: '~/.ssh/authorized_keys', fingerprint: fingerprintOf(publicKey) });
    const second = await value('security:install-key', { profileId: profile.id });
    expect(second.added).toBe(false);
    // What was there stays, the missing newline supplied; the key is there once.
    expect(readFileSync(authorizedKeys, 'utf8')).toBe(`${before}\n${publicKey}\n`);

    // The profile now names only the new key: the next connect signs in with it, as sshd's log says.
    await value('connection:disconnect');
    await connect('Studio');
    expect(readFileSync(sshd.logPath, 'utf8')).toMatch(
      new RegExp(
        `Accepted publickey for \\S+ from 127\\.0\\.0\\.1 port \\d+ ssh2: ED25519 ${fingerprintOf(publicKey).replace(/[+/]/g, '\\$&')}`,
      ),
    );
  }, 120_000);

  it('on the terminal: keygen with a passphrase from stdin, install-key, who as JSON', async () => {
    await value('connection:disconnect');
    const cliHome = makeTempDir('ocr-security-access-cli-');
    const cliEnv = { ...env, HOME: cliHome, OPENCLAW_REMOTE_HOME: path.join(cliHome, 'data') };
    try {
      mkdirSync(path.join(cliHome, '.ssh'), { mode: 0o700 });
      writeFileSync(path.join(cliHome, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);
      for (const name of ['Term', 'Term keygen']) {
        const added = await runCli(
          [
            'profiles',
            'add',
            name,
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
          { env: cliEnv, input: gateway.token },
        );
        expect(added.code, added.stderr).toBe(0);
      }
      const passphrase = 'a passphrase typed once';
      const keygen = await runCli(['security', 'keygen', 'Term keygen', '--passphrase-stdin'], {
        env: cliEnv,
        input: `${passphrase}\n`,
      });
      expect(keygen.code, keygen.stderr).toBe(0);
      expect(keygen.stdout).toMatch(
        /~\/\.ssh\/id_ed25519: ssh-ed25519 256 SHA256:\S+, 0 days old, passphrase-protected/,
      );
      expect(keygen.stdout + keygen.stderr).not.toContain(passphrase);
      const shown = await runCli(['profiles', 'show', 'Term keygen', '--json'], { env: cliEnv });
      expect(JSON.parse(shown.stdout)).toMatchObject({ route: { identityFile: '~/.ssh/id_ed25519' } });

      // Term signs in with the fixture's key, which the host lists already: installing it changes nothing.
      const install = await runCli(['security', 'install-key', 'Term'], { env: cliEnv });
      expect(install.code, install.stderr).toBe(0);
      expect(install.stdout).toContain(`already lists ${fingerprintOf(sshd.clientPublicKey)}; nothing changed.`);

      const who = await runCli(['security', 'who', 'Term', '--json'], { env: cliEnv });
      expect(who.code, who.stderr).toBe(0);
      const parsed = JSON.parse(who.stdout) as { clients: { items?: unknown[] }; devices: { unavailable?: string } };
      expect(parsed.clients.items?.length).toBeGreaterThan(0);
      expect(parsed.devices.unavailable).toContain('operator.pairing');
    } finally {
      removeTempDir(cliHome);
    }
  }, 180_000);
});
