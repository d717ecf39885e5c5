// `openclaw-remote` end to end, run as a user runs it (the built CLI in a child process, its own HOME and data
// directory) against the real private sshd and the real OpenClaw Gateway: saving a profile, a one-shot status with
// the Gateway's version and a latency, a wrong token, host keys as OpenSSH would treat them, `connect` holding the
// route across an sshd restart and closing on Ctrl-C, and the OpenClaw CLI on "this Mac" set up to use our tunnel.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../fixtures/cli-process';
import { freePort } from '../fixtures/free-port';
import { FAKE_TAILSCALE, fakeEnv } from '../fixtures/fake-tailscale';
import {
  GATEWAY_VERSION,
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
  const home = makeTempDir('ocr-cli-home-');
  mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, OPENCLAW_REMOTE_HOME: path.join(home, 'data') };
  delete env.SSH_AUTH_SOCK;
  delete env.OPENCLAW_GATEWAY_TOKEN;
  return { home, env, dataDir: path.join(home, 'data') };
}

describe('openclaw-remote command line', () => {
  const user = isolatedUser();
  afterAll(() => removeTempDir(user.home));

  it('prints the usage with --help, and exits 2 for an unknown command', async () => {
    const help = await runCli(['--help'], { env: user.env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('profiles add NAME ROUTE');
    expect(help.stdout).toContain('exit codes: 0 ok, 1 the connection or check failed, 2 wrong command line');
    const unknown = await runCli(['conect'], { env: user.env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "conect"');
    // Past setTimeout's limit a timeout would fire at once: refused as a wrong command line, not a failed check.
    const huge = await runCli(['status', '--timeout', '2147484'], { env: user.env });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('--timeout takes a number of seconds from 1 to 2147483');
    expect(huge.stderr).not.toContain('TimeoutOverflowWarning');
  });

  it('never takes a token on the command line', async () => {
    const refused = await runCli(['profiles', 'add', 'x', '--url', 'wss://gw.example', '--token', 'hunter2'], {
      env: user.env,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--token-file FILE, --token-stdin or OPENCLAW_GATEWAY_TOKEN');
    expect((await runCli(['profiles', 'list', '--json'], { env: user.env })).stdout).toContain('"profiles": []');
  });

  it('refuses a token longer than any Gateway token before reading all of it, and a token file others can read', async () => {
    const big = path.join(user.home, 'big-token');
    writeFileSync(big, 'x'.repeat(5000), { mode: 0o600 });
    for (const [args, input] of [
      [['--token-file', big], undefined],
      [['--token-file', '/dev/zero'], undefined],
      [['--token-stdin'], 'y'.repeat(5000)],
    ] as const) {
      const refused = await runCli(['profiles', 'add', 'Big', '--url', 'wss://gw.example', ...args], {
        env: user.env,
        ...(input === undefined ? {} : { input }),
      });
      expect(refused.code, refused.stderr).toBe(3);
      expect(refused.stderr).toContain('longer than 4096 characters');
    }
    // A token file others can read is no secret: refused with the chmod that fixes it, before it is read.
    const open = path.join(user.home, 'open-token');
    writeFileSync(open, 'a-real-looking-token\n', { mode: 0o644 });
    const unprotected = await runCli(['profiles', 'add', 'Open', '--url', 'wss://gw.example', '--token-file', open], {
      env: user.env,
    });
    expect(unprotected.code).toBe(3);
    expect(unprotected.stderr).toContain('readable by other users (mode 644)');
    expect(unprotected.stderr).toContain(`chmod 600 ${open}`);
    expect((await runCli(['profiles', 'list', '--json'], { env: user.env })).stdout).toContain('"profiles": []');
  });

  it('refuses bad fields with their own sentence and exit 3, saving nothing', async () => {
    const port = await runCli(['profiles', 'add', 'x', '--ssh', 'me@host', '--remote-port', '70000'], {
      env: user.env,
    });
    expect(port.code).toBe(3);
    expect(port.stderr).toContain('remote Gateway port must be a whole number from 1 to 65535');
    const target = await runCli(['profiles', 'add', 'x', '--ssh=-oProxyCommand=evil'], { env: user.env });
    expect(target.code).toBe(3);
    expect(target.stderr).toContain("cannot start with '-'");
    const insecure = await runCli(['profiles', 'add', 'x', '--url', 'ws://gateway.example.com:18789'], {
      env: user.env,
    });
    expect(insecure.code).toBe(3);
    expect(insecure.stderr).toContain('unencrypted across the internet');
    const missingKey = await runCli(['profiles', 'add', 'x', '--ssh', 'me@host', '--identity', '~/.ssh/nope'], {
      env: user.env,
    });
    expect(missingKey.code).toBe(3);
    expect(missingKey.stderr).toMatch(/identity file .*nope.* does not exist/u);
    const both = await runCli(['profiles', 'add', 'x', '--ssh', 'me@host', '--url', 'wss://gw.example'], {
      env: user.env,
    });
    expect(both.code).toBe(2);
    expect(JSON.parse((await runCli(['profiles', 'list', '--json'], { env: user.env })).stdout)).toEqual({
      primary: null,
      profiles: [],
    });
  });

  it('status on a host nobody answers on: a failure with the reason, not a wait for the timeout', async () => {
    const port = await freePort();
    const added = await runCli(['profiles', 'add', 'Down', '--ssh', `me@127.0.0.1:${port}`], { env: user.env });
    expect(added.code, added.stderr).toBe(0);
    const status = await runCli(['status', 'Down', '--json', '--timeout', '60'], { env: user.env });
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout), status.stdout).toMatchObject({
      ok: false,
      state: 'reconnecting',
      error: { kind: 'host-unreachable', message: expect.stringContaining('refused'), action: 'retry-now' },
    });
    await runCli(['profiles', 'remove', 'Down'], { env: user.env });
  });

  it('tailscale devices when Tailscale is not running: a failed exit with the next step, in text and in JSON', async () => {
    const env = { ...fakeEnv('stopped'), HOME: user.home, OPENCLAW_REMOTE_HOME: user.dataDir };
    const text = await runCli(['tailscale', 'devices', '--tailscale-cli', FAKE_TAILSCALE], { env });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('tailscale up');
    const json = await runCli(['tailscale', 'devices', '--json', '--tailscale-cli', FAKE_TAILSCALE], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, state: 'stopped', action: { kind: 'start' } });
  });

  it('--json through `npm run -s cli` is clean JSON on standard output', async () => {
    const listed = await run('npm', ['run', '-s', 'cli', '--', 'profiles', 'list', '--json'], {
      cwd: path.join(import.meta.dirname, '../..'),
      env: user.env,
    });
    expect(JSON.parse(listed.stdout)).toMatchObject({ profiles: expect.any(Array) });
  });

  it('under umask 000, the data folder and the settings file are still for their owner alone', async () => {
    const loose = path.join(user.home, 'umask-000');
    const added = await runCli(['--data-dir', loose, 'profiles', 'add', 'Lab', '--url', 'wss://lab.tail1234.ts.net'], {
      env: user.env,
      umask: '000',
    });
    expect(added.code, added.stderr).toBe(0);
    expect(statSync(loose).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(loose, 'settings.json')).mode & 0o777).toBe(0o600);
  });

  it('--data-dir moves the settings', async () => {
    const elsewhere = path.join(user.home, 'elsewhere');
    const added = await runCli(
      ['--data-dir', elsewhere, 'profiles', 'add', 'Lab', '--url', 'wss://lab.tail1234.ts.net'],
      { env: user.env },
    );
    expect(added.code).toBe(0);
    expect(readdirSync(elsewhere)).toContain('settings.json');
    const listed = await runCli(['--data-dir', elsewhere, 'profiles', 'list'], { env: user.env });
    expect(listed.stdout).toContain('* Lab  Direct wss://lab.tail1234.ts.net');
    expect((await runCli(['profiles', 'list'], { env: user.env })).stdout).toContain('No profiles yet');
  });
});

describe.skipIf(!usable)('openclaw-remote against the real sshd and Gateway', () => {
  let sshd: Sshd;
  let gateway: Gateway;
  const user = isolatedUser();

  beforeAll(async () => {
    [sshd, gateway] = await Promise.all([startSshd(), startGateway()]);
  });

  afterAll(async () => {
    await Promise.all([sshd?.stop(), gateway?.stop()]);
    removeTempDir(user.home);
  });

  /** The fixture's key, any free local port, and the test Gateway's port on the host. */
  const tunnelFlags = () => [
    '--identity',
    sshd.clientKeyPath,
    '--local-port',
    '0',
    '--remote-port',
    String(gateway.port),
  ];
  const sshFlags = () => ['--ssh', `${sshd.user}@127.0.0.1:${sshd.port}`, ...tunnelFlags()];

  it('profiles add, then status --json: ok, with a latency and the Gateway version; the token is not in settings', async () => {
    const added = await runCli(['profiles', 'add', 'Home', ...sshFlags(), '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('stored unencrypted');
    expect(readFileSync(path.join(user.dataDir, 'settings.json'), 'utf8')).not.toContain(gateway.token);

    // No terminal and an unknown host key: refused, as `ssh -o BatchMode=yes` would, saying nobody could be asked.
    const unknown = await runCli(['status', '--json'], { env: user.env });
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout), unknown.stdout).toMatchObject({
      ok: false,
      error: {
        kind: 'host-key-unasked',
        message: expect.stringContaining('nobody could be asked'),
        hint: expect.stringContaining('--accept-new-host-key'),
      },
    });
    const unknownText = await runCli(['status'], { env: user.env });
    expect(unknownText.stderr).not.toContain('You chose');
    expect(unknownText.stderr.match(/nobody could be asked/gu)).toHaveLength(1);

    const status = await runCli(['status', '--json', '--accept-new-host-key'], { env: user.env });
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    const report = JSON.parse(status.stdout) as { latencyMs: number };
    expect(report).toMatchObject({
      ok: true,
      state: 'connected',
      profile: { name: 'Home' },
      route: { kind: 'ssh', target: `${sshd.user}@127.0.0.1:${sshd.port}`, localPort: expect.any(Number) },
      gateway: { version: GATEWAY_VERSION },
      error: null,
    });
    expect(report.latencyMs).toBeGreaterThanOrEqual(0);
    // Recorded as OpenSSH would (hashed where the system's ssh_config says HashKnownHosts, as Debian's does).
    const found = await run('ssh-keygen', [
      '-F',
      `[127.0.0.1]:${sshd.port}`,
      '-f',
      path.join(user.home, '.ssh', 'known_hosts'),
    ]);
    expect(found.stdout).toContain(sshd.hostPublicKey.split(' ')[1]);

    // Now the key is known: no flag needed, and nothing is asked.
    const again = await runCli(['status', 'home', '--json'], { env: user.env });
    expect(again.code, `${again.stdout}\n${again.stderr}`).toBe(0);
    expect(again.stdout).not.toContain(gateway.token);
  });

  it('logs: the Gateway’s own log through its logs.tail, as text and as JSON lines, never the token', async () => {
    // "Home" was added (and its host key trusted) by the test above.
    const text = await runCli(['logs', 'Home', '--lines', '5'], { env: user.env });
    expect(text.code, text.stderr).toBe(0);
    const printed = text.stdout.trimEnd().split('\n');
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.length).toBeLessThanOrEqual(5);
    // The Gateway's JSON records, made readable: its clock time, level, subsystem and message.
    expect(text.stdout).toMatch(/^\d{2}:\d{2}:\d{2} (?:DEBUG|INFO|WARN|ERROR) \S+: /mu);

    const json = await runCli(['logs', 'Home', '--json', '--lines', '3'], { env: user.env });
    expect(json.code, json.stderr).toBe(0);
    const records = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level?: string; text: string });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record.text).toEqual(expect.any(String));
    expect(records.some((record) => record.level === 'info')).toBe(true);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr])
      expect(output).not.toContain(gateway.token);

    const bad = await runCli(['logs', 'Home', '--lines', '0'], { env: user.env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lines takes a number of lines from 1 to 5000');
  });

  it('a wrong token: the mapped error, a non-zero exit', async () => {
    const tokenFile = path.join(user.home, 'wrong-token');
    writeFileSync(tokenFile, 'not-the-token\n', { mode: 0o600 });
    const added = await runCli(['profiles', 'add', 'Wrong', ...sshFlags(), '--token-file', tokenFile], {
      env: user.env,
    });
    expect(added.code, added.stderr).toBe(0);
    const status = await runCli(['status', 'Wrong', '--json'], { env: user.env });
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout), status.stdout).toMatchObject({
      ok: false,
      state: 'error',
      error: { kind: 'gateway-token-mismatch', action: 'enter-token' },
    });
    const text = await runCli(['status', 'Wrong'], { env: user.env });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('gateway.auth.token');
    // Said once, on standard error, with its next step; nothing on standard output to mistake for a result.
    expect(text.stdout).toBe('');
    expect(text.stderr.match(/openclaw-remote: error: /gu)).toHaveLength(1);
  });

  it('a saved token the Gateway refused while its device token still signs in: a warning with its fix, never ok', async () => {
    const added = await runCli(['profiles', 'add', 'Stale', '--url', gateway.url, '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    // The first sign-in has the Gateway issue this device its token, kept under the profile.
    const first = await runCli(['status', 'Stale', '--json'], { env: user.env });
    expect(JSON.parse(first.stdout), first.stdout).toMatchObject({ ok: true, state: 'connected' });
    // The saved token goes stale (rotated on the host, say): only the device token still works.
    const secretsFile = path.join(user.dataDir, 'secrets.unencrypted.json');
    const stale = 'stale-token-3be0f1a7';
    writeFileSync(secretsFile, readFileSync(secretsFile, 'utf8').replaceAll(gateway.token, stale));

    const json = await runCli(['status', 'Stale', '--json'], { env: user.env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout), json.stdout).toMatchObject({
      ok: false,
      state: 'degraded',
      gateway: { version: GATEWAY_VERSION },
      error: {
        kind: 'gateway-token-rejected',
        message: 'Connected with this Mac’s device token; the saved Gateway token was rejected.',
        action: 'enter-token',
      },
    });
    const text = await runCli(['status', 'Stale'], { env: user.env });
    expect(text.code).toBe(1);
    // The describer's line on standard output, never a plain "Connected"; the way to fix it on standard error.
    expect(text.stdout).toMatch(
      /^Connected to Stale, with a warning: Connected with this Mac’s device token; the saved Gateway token was rejected\.\n$/u,
    );
    expect(text.stderr).toContain('→ Fetch the token again: openclaw-remote profiles fetch-token Stale');
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) expect(output).not.toContain(stale);
  });

  it('connect holds the route across an sshd restart, sets up the OpenClaw CLI, and closes on Ctrl-C', async () => {
    const added = await runCli(['profiles', 'add', 'Studio', ...sshFlags(), '--token-stdin', '--configure-openclaw'], {
      env: user.env,
      input: gateway.token,
    });
    expect(added.code, added.stderr).toBe(0);
    // The OpenClaw CLI of "this Mac": its config in the isolated user's ~/.openclaw, where our CLI writes too.
    const stateDir = path.join(user.home, '.openclaw');
    const configPath = path.join(stateDir, 'openclaw.json');
    const openclawHome = {
      ...gateway.env,
      HOME: user.home,
      OPENCLAW_STATE_DIR: stateDir,
      OPENCLAW_CONFIG_PATH: configPath,
    };
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(configPath, JSON.stringify({ agents: { defaults: { model: 'kept-as-is' } } }));

    // A one-shot status closes its tunnel at once: pointing the OpenClaw CLI at it would leave a dead URL behind.
    const checked = await runCli(['status', 'Studio', '--json', '--accept-new-host-key'], { env: user.env });
    expect(checked.code, `${checked.stdout}\n${checked.stderr}`).toBe(0);
    expect(JSON.parse(readFileSync(configPath, 'utf8'))).toEqual({ agents: { defaults: { model: 'kept-as-is' } } });

    const connect = startCli(['connect', 'Studio', '--accept-new-host-key'], { env: user.env });
    try {
      const [, port] = await connect.waitForOutput(/Connected to Studio on 127\.0\.0\.1:(\d+)/u);
      const url = `ws://127.0.0.1:${port}`;
      // The OpenClaw CLI with no URL or token flags: what "Also set up the OpenClaw CLI" wrote sends it through us.
      await connect.waitForOutput(/Pointed the OpenClaw CLI at Studio/u);
      const viaConfig = await runOpenclawCli(['gateway', 'health', '--json'], openclawHome);
      expect(viaConfig.code, viaConfig.stderr).toBe(0);
      expect(JSON.parse(viaConfig.stdout)).toMatchObject({ ok: true });
      const written = JSON.parse(readFileSync(configPath, 'utf8')) as { agents: unknown; gateway: unknown };
      expect(written.agents).toEqual({ defaults: { model: 'kept-as-is' } });
      expect(written.gateway).toMatchObject({ mode: 'remote', remote: { url, transport: 'ssh' } });

      const before = connect.stdout().length;
      await sshd.restart();
      await connect.waitForOutput(/Reconnecting to Studio/u, before);
      await connect.waitForOutput(new RegExp(`Connected to Studio on 127\\.0\\.0\\.1:${port}`, 'u'), before);
      const after = await runOpenclawCli(
        ['gateway', 'health', '--url', url, '--token', gateway.token, '--json'],
        openclawHome,
      );
      expect(after.code, after.stderr).toBe(0);
    } finally {
      connect.process.kill('SIGINT');
    }
    expect(await connect.exited()).toBe(0);
    expect(connect.stdout()).toContain('Disconnected.');
  });

  it('tailscale devices, and a device chosen over SSH with its published host key trusted without asking', async () => {
    const statusFile = path.join(user.home, 'tailnet.json');
    const sample = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../fixtures/fake-tailscale/two-peers.json'), 'utf8'),
    ) as { Peer: Record<string, { ID: string; OS: string }> };
    const peer = Object.values(sample.Peer)[0]!;
    // The device's tailnet address is this machine's loopback, where the private sshd listens.
    Object.assign(peer, { DNSName: '', TailscaleIPs: ['127.0.0.1'], sshHostKeys: [sshd.hostPublicKey], Online: true });
    writeFileSync(statusFile, JSON.stringify(sample));
    const env: NodeJS.ProcessEnv = {
      ...fakeEnv('custom', { statusFile }),
      HOME: user.home,
      OPENCLAW_REMOTE_HOME: user.dataDir,
    };
    delete env.SSH_AUTH_SOCK;

    const devices = await runCli(['tailscale', 'devices', '--json', '--tailscale-cli', FAKE_TAILSCALE], { env });
    expect(devices.code, devices.stderr).toBe(0);
    const listed = JSON.parse(devices.stdout) as { devices: unknown[] };
    expect(listed.devices).toContainEqual(
      expect.objectContaining({ id: peer.ID, name: expect.any(String), os: peer.OS, ips: ['127.0.0.1'], online: true }),
    );

    // A fresh HOME with no known_hosts: only the key Tailscale published can make this connect silently.
    const fresh = isolatedUser();
    const freshEnv = { ...env, HOME: fresh.home, OPENCLAW_REMOTE_HOME: fresh.dataDir };
    const added = await runCli(
      [
        'profiles',
        'add',
        'Tailnet box',
        '--tailscale',
        `${sshd.user}@${peer.ID}`,
        '--via',
        'ssh',
        '--tailscale-cli',
        FAKE_TAILSCALE,
        '--ssh-port',
        String(sshd.port),
        ...tunnelFlags(),
        '--token-stdin',
      ],
      { env: freshEnv, input: gateway.token },
    );
    expect(added.code, added.stderr).toBe(0);
    const status = await runCli(['status', 'Tailnet box', '--json'], { env: freshEnv });
    expect(status.code, `${status.stdout}\n${status.stderr}`).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      ok: true,
      route: { kind: 'tailscale', target: `${sshd.user}@127.0.0.1` },
      gateway: { version: GATEWAY_VERSION },
    });
    removeTempDir(fresh.home);
  });
});

describe.skipIf(!usable)('openclaw-remote connect while the Gateway waits for a pairing approval', () => {
  let gateway: Gateway;
  const user = isolatedUser();

  beforeAll(async () => {
    gateway = await startGatewayWithConfig({ gateway: { nodes: { pairing: { autoApproveLocal: false } } } });
  });

  afterAll(async () => {
    await gateway?.stop();
    removeTempDir(user.home);
  });

  it('prints the approve command once, keeps trying, and connects by itself once it is approved', async () => {
    const added = await runCli(['profiles', 'add', 'Strict', '--url', gateway.url, '--token-stdin'], {
      env: user.env,
      input: `${gateway.token}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    const connect = startCli(['connect', 'Strict'], { env: user.env });
    try {
      const [, requestId = ''] = await connect.waitForOutput(
        /→ On the Gateway host run: openclaw devices approve (\S+)/u,
      );
      // Retries repeat the status line, not the command.
      const before = connect.stdout().length;
      await connect.waitForOutput(/Reconnecting to Strict/u, before);
      expect(connect.stdout().match(/openclaw devices approve/gu)).toHaveLength(1);

      const env = {
        ...gateway.env,
        OPENCLAW_GATEWAY_TOKEN: gateway.token,
        OPENCLAW_GATEWAY_PORT: String(gateway.port),
      };
      const approved = await runOpenclawCli(['devices', 'approve', requestId, '--json'], env);
      expect(approved.code, approved.stderr).toBe(0);
      await connect.waitForOutput(/Connected to Strict/u);
    } finally {
      connect.process.kill('SIGINT');
    }
    expect(await connect.exited()).toBe(0);
  });
});
