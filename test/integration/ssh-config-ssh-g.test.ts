// resolveSshConfig through the real `ssh -G` with a temp HOME that is not the account's home: it agrees with the
// config-file reader, keeps every ~/.ssh path under that HOME, and reports a broken config in ssh's own words.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { resolveSshConfig, sshConfigDeps, type SshConfigDeps } from '../../electron/main/services/ssh/ssh-config';
import { failureOf } from '../fixtures/failure-of';
import { peerAvailable } from '../fixtures/peers';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const SSH = '/usr/bin/ssh';
const SYSTEM_CONFIG = '/etc/ssh/ssh_config';
const ENV = { PATH: process.env.PATH, SSH_AUTH_SOCK: '/tmp/test-agent.sock', AGENT_DIR: '/run/agents' };

const ALIAS_CONFIG = `
Host gw
  HostName gateway.example.com
  User alice
  Port 2222
  IdentityFile ~/.ssh/id_gw
  IdentityFile "~/.ssh/keys/%r@%h:%p"
  IdentityFile %d/.ssh/by-alias/%n-%k
  IdentitiesOnly yes
  ProxyJump jump1.example.com,bob@jump2.example.com:2022
  ServerAliveInterval 20
  ServerAliveCountMax 5
  ConnectTimeout 7
  UserKnownHostsFile ~/.ssh/known_hosts_gw ~/.ssh/known_hosts_%h
  StrictHostKeyChecking accept-new
  HostKeyAlias gw-key
  IdentityAgent ~/.agent/%r.sock

Host *.corp.example
  User corp-user
  Port 2200
  IdentityAgent \${AGENT_DIR}/corp.sock

Host db.corp.example
  User shadowed-by-the-wildcard-above
  HostName db-1.corp.example
  StrictHostKeyChecking off
  ProxyJump none

Host *
  ServerAliveInterval 15
  IdentityFile ~/.ssh/id_everywhere
  HashKnownHosts no
`;

/** A HOME with a space in its path (to exercise the generated Include), holding `config` as ~/.ssh/config. */
function tempHome(config?: string): string {
  const home = makeTempDir('ssh g home-');
  mkdirSync(join(home, '.ssh'));
  if (config !== undefined) writeFileSync(join(home, '.ssh', 'config'), config);
  return home;
}

async function deps(home: string, sshBinary: string | undefined): Promise<SshConfigDeps> {
  return { ...(await sshConfigDeps(testSystem(), ENV, home)), sshBinary };
}

/** What the system-wide config alone says about HashKnownHosts (Debian's says yes). */
async function systemHashKnownHosts(host: string): Promise<boolean> {
  if (!existsSync(SYSTEM_CONFIG)) return false;
  const { stdout } = await promisify(execFile)(SSH, ['-G', '-T', '-F', SYSTEM_CONFIG, '--', host]);
  return /^hashknownhosts (yes|true)$/mu.test(stdout);
}

describe.skipIf(
  !peerAvailable(
    'OpenSSH client',
    existsSync(SSH) ? undefined : `${SSH} is missing`,
    'Install it with: apt-get install openssh-client',
  ),
)('resolveSshConfig with the real ssh -G', () => {
  it.each(['gw', 'carol@gw:2022', 'db.corp.example', 'dave@[2001:db8::7]:2200'])(
    'resolves %s exactly as the config-file reader does',
    async (target) => {
      const home = tempHome(ALIAS_CONFIG);
      const viaSsh = await resolveSshConfig(target, await deps(home, SSH));
      const viaFile = await resolveSshConfig(target, await deps(home, undefined));
      expect(viaSsh).toStrictEqual(viaFile);
      expect(viaSsh.identityFiles.every((file) => file.startsWith(`${home}/.ssh/`))).toBe(true);
    },
  );

  it('spot-checks the alias against what the config says', async () => {
    const home = tempHome(ALIAS_CONFIG);
    const resolved = await resolveSshConfig('gw', await deps(home, SSH));
    expect(resolved).toMatchObject({
      hostname: 'gateway.example.com',
      port: 2222,
      user: 'alice',
      identityFiles: [
        `${home}/.ssh/id_gw`,
        `${home}/.ssh/keys/alice@gateway.example.com:2222`,
        `${home}/.ssh/by-alias/gw-gw-key`,
        `${home}/.ssh/id_everywhere`,
      ],
      identityAgent: `${home}/.agent/alice.sock`,
      proxyJump: ['jump1.example.com', 'bob@jump2.example.com:2022'],
      userKnownHostsFiles: [`${home}/.ssh/known_hosts_gw`, `${home}/.ssh/known_hosts_gateway.example.com`],
    });
  });

  it('puts OpenSSH’s default ~/.ssh paths under the temp HOME, not the account’s home', async () => {
    const home = tempHome();
    const viaSsh = await resolveSshConfig('plainhost', await deps(home, SSH));
    const ssh = `${home}/.ssh`;
    expect(viaSsh.userKnownHostsFiles).toStrictEqual([`${ssh}/known_hosts`, `${ssh}/known_hosts2`]);
    expect(viaSsh.identityFiles).toContain(`${ssh}/id_ed25519`);
    expect(viaSsh.identityFiles.every((file) => file.startsWith(`${ssh}/`))).toBe(true);
    expect(JSON.stringify(viaSsh)).not.toContain(`"${userInfo().homedir}/`);

    // Where the two differ, ssh -G is right: it also lists id_xmss, and it reads the system-wide config.
    const viaFile = await resolveSshConfig('plainhost', await deps(home, undefined));
    expect(viaSsh.identityFiles.filter((file) => !file.endsWith('/id_xmss'))).toStrictEqual(viaFile.identityFiles);
    expect(viaSsh.hashKnownHosts).toBe(await systemHashKnownHosts('plainhost'));
    expect({ ...viaSsh, identityFiles: [], hashKnownHosts: false }).toStrictEqual({
      ...viaFile,
      identityFiles: [],
      hashKnownHosts: false,
    });
  });

  it('follows a relative Include under the temp HOME', async () => {
    const home = tempHome('Include conf.d/*.conf\n');
    mkdirSync(join(home, '.ssh', 'conf.d'));
    writeFileSync(join(home, '.ssh', 'conf.d', 'included.conf'), 'Host included\n  Port 2345\n  User from-include\n');
    expect(await resolveSshConfig('included', await deps(home, SSH))).toMatchObject({
      port: 2345,
      user: 'from-include',
    });
  });

  it('reports a config syntax error as ssh-config-invalid, naming the file, line and problem', async () => {
    const home = tempHome('Host broken\n  Port abc\n');
    const file = `${home}/.ssh/config`;
    expect(await failureOf(resolveSshConfig('broken', await deps(home, SSH)))).toStrictEqual({
      kind: 'ssh-config-invalid',
      message: `OpenSSH could not read its configuration for "broken": ${file} line 2: Bad port 'abc'.`,
      hint: `Fix the problem in ${file}, then try again (ssh -G broken shows the same message).`,
    });
  });

  it('refuses -oProxyCommand=… before ssh runs', async () => {
    const home = tempHome(ALIAS_CONFIG);
    const real = await deps(home, SSH);
    const execFileSpy = vi.fn(real.system.processes.execFile);
    const system = testSystem({ processes: { execFile: execFileSpy } });
    const error = await failureOf(resolveSshConfig('-oProxyCommand=x', { ...real, system }));
    expect(error.kind).toBe('invalid-target');
    expect(error.message).toContain("cannot start with '-'");
    expect(execFileSpy).not.toHaveBeenCalled();
  });

  it('lets ssh run Match exec, as it would in a terminal', async () => {
    const home = tempHome();
    const marker = join(home, 'match-exec-ran');
    writeFileSync(join(home, '.ssh', 'config'), `Match exec "touch '${marker}'"\n  User from-match-exec\n`);
    expect((await resolveSshConfig('anyhost', await deps(home, SSH))).user).toBe('from-match-exec');
    expect(existsSync(marker)).toBe(true);
  });
});
