// resolveSshConfig without an ssh binary (real ~/.ssh/config files under a temp HOME, read by the ssh-config
// library, nothing run) and the `ssh -G` path's arguments, output mapping and failures with a stand-in ssh.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findSshBinary,
  resolveSshConfig,
  sshConfigDeps,
  type SshConfigDeps,
} from '../../electron/main/services/ssh/ssh-config';
import { failureOf } from '../fixtures/failure-of';
import { testSystem } from '../fixtures/system';
import { makeTempDir } from '../fixtures/temp-dir';

const LOCAL_USER = userInfo().username;

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A temp HOME holding `config` as ~/.ssh/config (none when undefined), and deps that refuse to run anything. */
async function configFileDeps(config: string | undefined, env: NodeJS.ProcessEnv = {}): Promise<SshConfigDeps> {
  const home = makeTempDir('ssh-config-home-');
  if (config !== undefined) {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'config'), config);
  }
  const system = testSystem({
    processes: { execFile: () => Promise.reject(new Error('the config-file path must not run a subprocess')) },
  });
  return { ...(await sshConfigDeps(system, env, home)), sshBinary: undefined };
}

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
  HashKnownHosts yes
  HostKeyAlias gw-key
  IdentityAgent ~/.agent/%r.sock

Host *.corp.example
  User corp-user
  Port 2200

Host db.corp.example
  User shadowed-by-the-wildcard-above
  HostName db-1.corp.example
  StrictHostKeyChecking off

Host *
  ServerAliveInterval 15
  ConnectTimeout none
`;

describe('resolveSshConfig from ~/.ssh/config (no ssh binary)', () => {
  it('applies every supported setting of an alias, with ~ and %tokens under Node’s HOME', async () => {
    const deps = await configFileDeps(ALIAS_CONFIG, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    const home = deps.home;
    expect(await resolveSshConfig('gw', deps)).toStrictEqual({
      target: 'gw',
      hostname: 'gateway.example.com',
      port: 2222,
      user: 'alice',
      identityFiles: [
        `${home}/.ssh/id_gw`,
        `${home}/.ssh/keys/alice@gateway.example.com:2222`,
        `${home}/.ssh/by-alias/gw-gw-key`,
      ],
      identitiesOnly: true,
      identityAgent: `${home}/.agent/alice.sock`,
      proxyJump: ['jump1.example.com', 'bob@jump2.example.com:2022'],
      serverAliveInterval: 20,
      serverAliveCountMax: 5,
      connectTimeout: 7,
      userKnownHostsFiles: [`${home}/.ssh/known_hosts_gw`, `${home}/.ssh/known_hosts_gateway.example.com`],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      strictHostKeyChecking: 'accept-new',
      hashKnownHosts: true,
      hostKeyAlias: 'gw-key',
    });
  });

  it('lets the user and port in the target beat the config, as ssh -l and -p do', async () => {
    const deps = await configFileDeps(ALIAS_CONFIG);
    const resolved = await resolveSshConfig('carol@gw:2022', deps);
    expect(resolved).toMatchObject({ target: 'carol@gw:2022', hostname: 'gateway.example.com', user: 'carol' });
    expect(resolved.port).toBe(2022);
    expect(resolved.identityFiles[1]).toBe(`${deps.home}/.ssh/keys/carol@gateway.example.com:2022`);
  });

  it('takes the first value obtained across wildcard blocks', async () => {
    const resolved = await resolveSshConfig('db.corp.example', await configFileDeps(ALIAS_CONFIG));
    expect(resolved).toMatchObject({
      hostname: 'db-1.corp.example',
      user: 'corp-user',
      port: 2200,
      strictHostKeyChecking: 'no',
      serverAliveInterval: 15,
      connectTimeout: undefined,
      proxyJump: [],
    });
  });

  it('uses OpenSSH’s defaults under Node’s HOME when there is no config file', async () => {
    const deps = await configFileDeps(undefined, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    const ssh = `${deps.home}/.ssh`;
    expect(await resolveSshConfig('[2001:db8::5]:2200', deps)).toStrictEqual({
      target: '[2001:db8::5]:2200',
      hostname: '2001:db8::5',
      port: 2200,
      user: LOCAL_USER,
      identityFiles: ['id_rsa', 'id_ecdsa', 'id_ecdsa_sk', 'id_ed25519', 'id_ed25519_sk', 'id_dsa'].map(
        (name) => `${ssh}/${name}`,
      ),
      identitiesOnly: false,
      identityAgent: '/tmp/agent.sock',
      proxyJump: [],
      serverAliveInterval: 0,
      serverAliveCountMax: 3,
      connectTimeout: undefined,
      userKnownHostsFiles: [`${ssh}/known_hosts`, `${ssh}/known_hosts2`],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      strictHostKeyChecking: 'ask',
      hashKnownHosts: false,
      hostKeyAlias: undefined,
    });
  });

  it('never runs a Match exec command; the block just does not match', async () => {
    const home = makeTempDir('ssh-config-marker-');
    const marker = join(home, 'match-exec-ran');
    const deps = await configFileDeps(`Match exec "touch ${marker}"\n  User from-match-exec\n  Port 2999\n`);
    const resolved = await resolveSshConfig('somehost', deps);
    expect(existsSync(marker)).toBe(false);
    expect(resolved).toMatchObject({ user: LOCAL_USER, port: 22 });
  });

  it('drops CanonicalDomains so the library cannot run nslookup', async () => {
    const bin = makeTempDir('ssh-config-bin-');
    const marker = join(bin, 'nslookup-ran');
    writeFileSync(join(bin, 'nslookup'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(bin, 'nslookup'), 0o755);
    vi.stubEnv('PATH', `${bin}:${process.env.PATH ?? ''}`);
    const deps = await configFileDeps('Host short\n  CanonicalizeHostName yes\n  CanonicalDomains corp.example\n');
    expect((await resolveSshConfig('short', deps)).hostname).toBe('short');
    expect(existsSync(marker)).toBe(false);
  });

  it('maps the special IdentityAgent, StrictHostKeyChecking, ProxyJump and ConnectTimeout values', async () => {
    const deps = await configFileDeps(
      [
        'Host no-agent\n  IdentityAgent none\n  StrictHostKeyChecking true',
        'Host env-agent\n  IdentityAgent SSH_AUTH_SOCK\n  StrictHostKeyChecking no',
        'Host var-agent\n  IdentityAgent $OTHER_AGENT\n  StrictHostKeyChecking ask',
        'Host braced-agent\n  IdentityAgent ${AGENT_DIR}/s.sock\n  StrictHostKeyChecking false',
        'Host uri-jump\n  ProxyJump ssh://eve@[2001:db8::9]:2022,ssh://hop/\n  ConnectTimeout 0',
        'Host no-jump\n  ProxyJump none\n  UserKnownHostsFile none',
      ].join('\n'),
      { SSH_AUTH_SOCK: '/tmp/default.sock', OTHER_AGENT: '/tmp/other.sock', AGENT_DIR: '/run/agents' },
    );
    expect(await resolveSshConfig('no-agent', deps)).toMatchObject({
      identityAgent: undefined,
      strictHostKeyChecking: 'yes',
    });
    expect(await resolveSshConfig('env-agent', deps)).toMatchObject({
      identityAgent: '/tmp/default.sock',
      strictHostKeyChecking: 'no',
    });
    expect(await resolveSshConfig('var-agent', deps)).toMatchObject({
      identityAgent: '/tmp/other.sock',
      strictHostKeyChecking: 'ask',
    });
    expect(await resolveSshConfig('braced-agent', deps)).toMatchObject({
      identityAgent: '/run/agents/s.sock',
      strictHostKeyChecking: 'no',
    });
    expect(await resolveSshConfig('uri-jump', deps)).toMatchObject({
      proxyJump: ['eve@[2001:db8::9]:2022', 'hop'],
      connectTimeout: 0,
    });
    expect(await resolveSshConfig('no-jump', deps)).toMatchObject({ proxyJump: [], userKnownHostsFiles: [] });
  });

  it('expands %h and %% in HostName', async () => {
    const deps = await configFileDeps('Host *.lan\n  HostName %h.example.net\n  IdentityFile ~/k%%1\n');
    expect(await resolveSshConfig('box.lan', deps)).toMatchObject({
      hostname: 'box.lan.example.net',
      identityFiles: [`${deps.home}/k%1`],
    });
  });

  it('refuses a token it cannot expand, an unset ${VAR}, ~otheruser and a lone %', async () => {
    const deps = await configFileDeps(
      [
        'Host hash\n  IdentityFile ~/.ssh/%C',
        'Host unset\n  IdentityFile ${NOT_SET_ANYWHERE}/key',
        'Host other\n  IdentityFile ~bob/.ssh/id_ed25519',
        'Host lone\n  UserKnownHostsFile ~/.ssh/kh%',
      ].join('\n'),
    );
    const file = `${deps.home}/.ssh/config`;
    expect(await failureOf(resolveSshConfig('hash', deps))).toMatchObject({
      kind: 'ssh-config-unsupported',
      message: `IdentityFile in ${file} uses the token %C, which this app cannot expand.`,
    });
    expect(await failureOf(resolveSshConfig('unset', deps))).toMatchObject({
      kind: 'ssh-config-invalid',
      message: `IdentityFile in ${file} uses the environment variable \${NOT_SET_ANYWHERE}, which is not set.`,
    });
    expect(await failureOf(resolveSshConfig('other', deps))).toMatchObject({
      kind: 'ssh-config-unsupported',
      message: `IdentityFile in ${file} refers to another user's home directory (~bob).`,
    });
    expect(await failureOf(resolveSshConfig('lone', deps))).toMatchObject({
      kind: 'ssh-config-invalid',
      message: `UserKnownHostsFile in ${file} ends with a lone '%'.`,
    });
  });

  it('keeps a % in the home directory’s own name literal', async () => {
    const home = makeTempDir('ssh%d-home-');
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'config'), 'Host pct\n  IdentityFile ~/.ssh/id_%r\n');
    const deps = { ...(await configFileDeps(undefined)), home };
    expect((await resolveSshConfig('bob@pct', deps)).identityFiles).toStrictEqual([`${home}/.ssh/id_bob`]);
  });

  it('says so when ~/.ssh/config cannot be read', async () => {
    const deps = await configFileDeps(undefined);
    mkdirSync(join(deps.home, '.ssh', 'config'), { recursive: true });
    expect(await failureOf(resolveSshConfig('x', deps))).toMatchObject({ kind: 'ssh-config-unreadable' });
  });

  it('refuses Include, which only OpenSSH can follow', async () => {
    const deps = await configFileDeps('Include conf.d/*\nHost x\n  User y\n');
    expect(await failureOf(resolveSshConfig('x', deps))).toMatchObject({
      kind: 'ssh-config-unsupported',
      message: `${deps.home}/.ssh/config uses Include, which only OpenSSH itself can follow, and no ssh binary was found.`,
    });
  });

  it('names the file and setting when a value is invalid', async () => {
    const badPort = await configFileDeps('Host badport\n  Port abc\n');
    expect(await failureOf(resolveSshConfig('badport', badPort))).toMatchObject({
      kind: 'ssh-config-invalid',
      message: `Port "abc" in ${badPort.home}/.ssh/config is not a valid number.`,
    });
    const badQuote = await configFileDeps('Host badquote\n  IdentityFile "unterminated\n');
    expect(await failureOf(resolveSshConfig('badquote', badQuote))).toMatchObject({
      kind: 'ssh-config-invalid',
      message: `${badQuote.home}/.ssh/config could not be read as an SSH config: Unexpected line break at unterminated.`,
    });
  });

  it('refuses an invalid target before reading any file', async () => {
    const deps = await configFileDeps(ALIAS_CONFIG);
    const readFile = vi.fn(() => Promise.reject(new Error('no file may be read')));
    const system = testSystem({ files: { readFile } });
    expect(await failureOf(resolveSshConfig('-oProxyCommand=x', { ...deps, system }))).toMatchObject({
      kind: 'invalid-target',
    });
    expect(readFile).not.toHaveBeenCalled();
  });
});

describe('resolveSshConfig through ssh -G (stand-in ssh)', () => {
  /** Deps whose ssh prints `output` and records the call, including the generated -F file's text. */
  function sshGDeps(output: string, env: NodeJS.ProcessEnv = {}) {
    const home = makeTempDir('ssh-g-home-');
    const calls: { file: string; args: readonly string[]; env: NodeJS.ProcessEnv | undefined; wrapper: string }[] = [];
    const system = testSystem({
      processes: {
        execFile: (file, args, options) => {
          const wrapper = readFileSync(args[args.indexOf('-F') + 1] ?? '', 'utf8');
          calls.push({ file, args, env: options.env, wrapper });
          return Promise.resolve({ stdout: output, stderr: '' });
        },
      },
      files: { readFile: () => Promise.reject(new Error('the ssh -G path reads no config itself')) },
    });
    const deps: SshConfigDeps = { system, home, env, sshBinary: '/usr/bin/ssh' };
    return { deps, calls, home };
  }

  const accountHome = userInfo().homedir;
  const SSH_G_OUTPUT = [
    'host gw',
    'user alice',
    'hostname gateway.example.com',
    'port 2222',
    'identitiesonly yes',
    'stricthostkeychecking true',
    'hashknownhosts yes',
    'hostkeyalias gw-key',
    'identityagent SSH_AUTH_SOCK',
    'identityfile ~/.ssh/id_gw',
    'identityfile ~/.ssh/keys/%r@%h:%p',
    'identityfile %d/.ssh/%n',
    'globalknownhostsfile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2',
    `userknownhostsfile ${accountHome}/.ssh/known_hosts ${accountHome}/.ssh/known_hosts2 /srv/kh`,
    'connecttimeout none',
    'serveralivecountmax 4',
    'serveraliveinterval 30',
    'proxyjump j1,bob@j2:2022',
    '',
  ].join('\n');

  it('runs ssh -G on a generated config that includes the user’s and the system’s, with -p, -l and --', async () => {
    const { deps, calls, home } = sshGDeps(SSH_G_OUTPUT, { PATH: '/usr/bin' });
    await resolveSshConfig('carol@gw:2022', deps);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.file).toBe('/usr/bin/ssh');
    const wrapperPath = call?.args[3] ?? '';
    expect(call?.args).toStrictEqual(['-G', '-T', '-F', wrapperPath, '-p', '2022', '-l', 'carol', '--', 'gw']);
    expect(call?.wrapper).toBe(`Include "${home}/.ssh/config"\nInclude /etc/ssh/ssh_config\n`);
    expect(call?.env).toStrictEqual({ PATH: '/usr/bin', HOME: home });
    expect(existsSync(wrapperPath)).toBe(false);
  });

  it('maps ssh -G output, moving the account home’s paths under Node’s HOME', async () => {
    const { deps, home } = sshGDeps(SSH_G_OUTPUT, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(await resolveSshConfig('gw', deps)).toStrictEqual({
      target: 'gw',
      hostname: 'gateway.example.com',
      port: 2222,
      user: 'alice',
      identityFiles: [`${home}/.ssh/id_gw`, `${home}/.ssh/keys/alice@gateway.example.com:2222`, `${home}/.ssh/gw`],
      identitiesOnly: true,
      identityAgent: '/tmp/agent.sock',
      proxyJump: ['j1', 'bob@j2:2022'],
      serverAliveInterval: 30,
      serverAliveCountMax: 4,
      connectTimeout: undefined,
      userKnownHostsFiles: [`${home}/.ssh/known_hosts`, `${home}/.ssh/known_hosts2`, '/srv/kh'],
      globalKnownHostsFiles: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
      strictHostKeyChecking: 'yes',
      hashKnownHosts: true,
      hostKeyAlias: 'gw-key',
    });
  });

  it('reads identityagent none, $VAR and a path', async () => {
    const base = SSH_G_OUTPUT.replace('identityagent SSH_AUTH_SOCK\n', '');
    const env = { SSH_AUTH_SOCK: '/tmp/default.sock', OTHER: '/tmp/other.sock' };
    const agent = async (line: string) =>
      (await resolveSshConfig('gw', sshGDeps(`${base}${line}\n`, env).deps)).identityAgent;
    expect(await agent('identityagent none')).toBeUndefined();
    expect(await agent('identityagent $OTHER')).toBe('/tmp/other.sock');
    expect(await agent('')).toBe('/tmp/default.sock');
    // An empty SSH_AUTH_SOCK (as some shells and launchers leave it) is no agent, not a socket named "".
    const emptyEnv = { SSH_AUTH_SOCK: '', OTHER: '' };
    expect((await resolveSshConfig('gw', sshGDeps(base, emptyEnv).deps)).identityAgent).toBeUndefined();
    expect(
      (await resolveSshConfig('gw', sshGDeps(`${base}identityagent $OTHER\n`, emptyEnv).deps)).identityAgent,
    ).toBeUndefined();
    const { deps, home } = sshGDeps(`${base}identityagent ${accountHome}/.1password/agent.sock\n`, env);
    expect((await resolveSshConfig('gw', deps)).identityAgent).toBe(`${home}/.1password/agent.sock`);
  });

  it('turns ssh’s complaint into ssh-config-invalid naming the file', async () => {
    const { deps } = sshGDeps('');
    const stderr =
      "/home/me/.ssh/conf.d/work line 3: Bad port 'abc'.\n/home/me/.ssh/conf.d/work: terminating, 1 bad configuration options\n";
    deps.system = testSystem({
      processes: {
        execFile: () =>
          Promise.reject(Object.assign(new Error('Command failed'), { code: 255, killed: false, stderr })),
      },
    });
    expect(await failureOf(resolveSshConfig('gw', deps))).toStrictEqual({
      kind: 'ssh-config-invalid',
      message: `OpenSSH could not read its configuration for "gw": /home/me/.ssh/conf.d/work line 3: Bad port 'abc'.`,
      hint: 'Fix the problem in /home/me/.ssh/conf.d/work, then try again (ssh -G gw shows the same message).',
    });
  });

  it('gives up with ssh-config-timeout when ssh -G hangs', async () => {
    const bin = makeTempDir('ssh-g-slow-');
    const slowSsh = join(bin, 'ssh');
    writeFileSync(slowSsh, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(slowSsh, 0o755);
    const deps = { ...(await sshConfigDeps(testSystem(), {}, bin)), sshBinary: slowSsh, sshTimeoutMs: 300 };
    expect(await failureOf(resolveSshConfig('gw', deps))).toMatchObject({
      kind: 'ssh-config-timeout',
      message: 'ssh -G did not finish within 0.3 s while resolving "gw".',
    });
  });

  it('says so when the ssh binary cannot be started', async () => {
    const deps = { ...(await sshConfigDeps(testSystem(), {}, userInfo().homedir)), sshBinary: '/nonexistent/ssh' };
    expect(await failureOf(resolveSshConfig('gw', deps))).toMatchObject({ kind: 'ssh-unavailable' });
  });

  it('refuses a home whose path Include would read as a glob', async () => {
    const { deps } = sshGDeps(SSH_G_OUTPUT);
    expect(await failureOf(resolveSshConfig('gw', { ...deps, home: '/tmp/odd[home]' }))).toMatchObject({
      kind: 'ssh-config-unsupported',
    });
  });
});

describe('findSshBinary', () => {
  it('returns the first executable candidate, skipping missing and non-executable ones', async () => {
    const dir = makeTempDir('find-ssh-');
    const plain = join(dir, 'plain');
    const executable = join(dir, 'ssh');
    writeFileSync(plain, '');
    writeFileSync(executable, '#!/bin/sh\n');
    chmodSync(executable, 0o755);
    const { files } = testSystem();
    expect(await findSshBinary(files, [join(dir, 'missing'), plain, executable])).toBe(executable);
    expect(await findSshBinary(files, [join(dir, 'missing'), plain])).toBeUndefined();
  });
});
