// Remote over SSH end to end, as a user sets it up: an alias in ~/.ssh/config (under an isolated HOME), the
// host key trusted on first use and silent afterwards, login with the configured key, and the real OpenClaw
// Gateway answering its own CLI through our tunnel.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSshRoute, type SshRouteSettings } from '../../electron/main/services/connection/ssh-route';
import { sshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import type { SshTunnel } from '../../electron/main/services/ssh/tunnel';
import type { HostTrustRequest, SshPrompts } from '../../electron/main/services/ssh/types';
import { systemClock } from '../../electron/main/system/clock';
import { gatewayMissing, runOpenclawCli, startGateway, type Gateway } from '../fixtures/gateway';
import { waitForPhase } from '../fixtures/link-state';
import { HOW_TO_GET, peerAvailable } from '../fixtures/peers';
import { createTestLog } from '../fixtures/silent-log';
import { sshdMissing, startSshd, type Sshd } from '../fixtures/sshd';
import { testSystem } from '../fixtures/system';
import { makeTempDir, removeTempDir } from '../fixtures/temp-dir';

const usable =
  peerAvailable('OpenSSH sshd', sshdMissing(), HOW_TO_GET.sshd) &&
  peerAvailable('OpenClaw Gateway', gatewayMissing(), HOW_TO_GET.gateway);

const run = promisify(execFile);

/** sshd at LogLevel VERBOSE logs one "Connection from" line per TCP connection it accepts. */
function connectionsLogged(sshd: Sshd): number {
  return readFileSync(sshd.logPath, 'utf8')
    .split('\n')
    .filter((line) => line.includes('Connection from')).length;
}

async function fingerprintOf(publicKeyFile: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-lf', publicKeyFile]);
  return stdout.split(' ')[1]!;
}

describe.skipIf(!usable)('Remote over SSH, end to end', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  let home: string;
  const tunnels: SshTunnel[] = [];

  beforeAll(async () => {
    home = makeTempDir('openclaw-home-');
    const rsaHostKey = path.join(home, 'host_rsa');
    await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-N', '', '-f', rsaHostKey]);
    // A second host key: the server offers ed25519 and RSA, as most real servers do.
    [sshd, gateway] = await Promise.all([startSshd({ extraConfig: [`HostKey ${rsaHostKey}`] }), startGateway()]);
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    copyFileSync(sshd.clientKeyPath, path.join(home, '.ssh', 'gateway_key'));
    writeFileSync(
      path.join(home, '.ssh', 'config'),
      [
        'Host gateway-box',
        '  HostName 127.0.0.1',
        `  User ${sshd.user}`,
        `  Port ${sshd.port}`,
        '  IdentityFile ~/.ssh/gateway_key',
        '  IdentitiesOnly yes',
        '  HashKnownHosts no',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await Promise.all(tunnels.map((tunnel) => tunnel.stop()));
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(home);
  });

  async function route(trust: (request: HostTrustRequest) => boolean, overrides: Partial<SshRouteSettings> = {}) {
    const requests: HostTrustRequest[] = [];
    const prompts: SshPrompts = {
      trustHostKey: (request) => {
        requests.push(request);
        return Promise.resolve(trust(request));
      },
      passphrase: () => Promise.resolve(undefined),
    };
    const config = await sshConfigDeps(testSystem(), { ...process.env, HOME: home }, home);
    const tunnel = createSshRoute(
      {
        target: 'gateway-box',
        localPort: 0,
        remotePort: gateway.port,
        useEphemeralPortIfBusy: false,
        allowPassword: false,
        ...overrides,
      },
      { config, prompts, log: createTestLog().logger('ssh'), clock: systemClock },
    );
    tunnels.push(tunnel);
    return { tunnel, requests };
  }

  it('refuses to connect when the person does not trust the new host key, and writes nothing', async () => {
    const { tunnel, requests } = await route(() => false);
    await tunnel.start();
    expect(await waitForPhase(tunnel, ['failed', 'up'])).toMatchObject({
      phase: 'failed',
      error: { kind: 'host-key-refused' },
    });
    expect(requests).toHaveLength(1);
    expect(existsSync(path.join(home, '.ssh', 'known_hosts'))).toBe(false);
    await tunnel.stop();
  });

  it('asks about the unknown host with OpenSSH’s fingerprint, records it, and forwards to the Gateway', async () => {
    const { tunnel, requests } = await route(() => true);
    const { localPort } = await tunnel.start();
    expect(await waitForPhase(tunnel, ['failed', 'up'])).toMatchObject({ phase: 'up' });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      host: '127.0.0.1',
      port: sshd.port,
      keyType: 'ssh-ed25519',
      fingerprint: await fingerprintOf(`${sshd.hostKeyPath}.pub`),
      knownHostsFile: path.join(home, '.ssh', 'known_hosts'),
    });
    const knownHosts = readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8');
    expect(knownHosts).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey}\n`);

    const health = await runOpenclawCli(
      ['gateway', 'health', '--url', `ws://127.0.0.1:${localPort}`, '--token', gateway.token, '--json'],
      gateway.env,
    );
    expect(health.code, health.stderr).toBe(0);
    expect(JSON.parse(health.stdout)).toMatchObject({ ok: true });
    await tunnel.stop();
  });

  it('connects silently the next time', async () => {
    const { tunnel, requests } = await route(() => {
      throw new Error('must not ask again');
    });
    await tunnel.start();
    expect(await waitForPhase(tunnel, ['failed', 'up'])).toMatchObject({ phase: 'up' });
    expect(requests).toHaveLength(0);
    await tunnel.stop();
  });

  it('prefers the host key type already on file, as ssh does, so an RSA entry is not asked about again', async () => {
    const rsaPublic = readFileSync(path.join(home, 'host_rsa.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${sshd.port} ${rsaPublic}\n`);
    const { tunnel, requests } = await route(() => false);
    await tunnel.start();
    expect(await waitForPhase(tunnel, ['failed', 'up'])).toMatchObject({ phase: 'up' });
    expect(requests).toHaveLength(0);
    await tunnel.stop();
  });

  it('fails fast on a key the server does not accept, listing what was tried, with one attempt only', async () => {
    const keys = makeTempDir('openclaw-wrongkey-');
    try {
      const wrongKey = path.join(keys, 'id_ed25519');
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', wrongKey]);
      writeFileSync(
        path.join(home, '.ssh', 'config'),
        `Host wrong-key\n  HostName 127.0.0.1\n  User ${sshd.user}\n  Port ${sshd.port}\n  IdentityFile ${wrongKey}\n` +
          '  IdentitiesOnly yes\n',
        { flag: 'a' },
      );
      const connectionsBefore = connectionsLogged(sshd);
      const { tunnel } = await route(() => true, { target: 'wrong-key' });
      await tunnel.start();
      const failed = await waitForPhase(tunnel, ['failed', 'up']);
      expect(failed).toMatchObject({ phase: 'failed', error: { kind: 'auth-failed' } });
      expect(failed.phase === 'failed' && failed.error.message).toContain(`${wrongKey} (refused by the server)`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(connectionsLogged(sshd) - connectionsBefore).toBe(1);
      await tunnel.stop();
    } finally {
      removeTempDir(keys);
    }
  });

  it('refuses a changed host key, naming the file and line, and never retries it', async () => {
    const other = makeTempDir('openclaw-otherkey-');
    try {
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(other, 'k')]);
      const impostor = readFileSync(path.join(other, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
      const knownHosts = path.join(home, '.ssh', 'known_hosts');
      writeFileSync(knownHosts, `# keys\n[127.0.0.1]:${sshd.port} ${impostor}\n`);
      const { tunnel, requests } = await route(() => true);
      await tunnel.start();
      const failed = await waitForPhase(tunnel, ['failed', 'up']);
      expect(failed).toMatchObject({ phase: 'failed', error: { kind: 'host-key-changed' } });
      expect(failed.phase === 'failed' && failed.error.message).toContain(`${knownHosts} line 2`);
      expect(requests).toHaveLength(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(tunnel.state.phase).toBe('failed');
      await tunnel.stop();
    } finally {
      removeTempDir(other);
    }
  });
});
